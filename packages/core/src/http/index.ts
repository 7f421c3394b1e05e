/** What every HTTP handler shares, whatever serves it: the request and response shapes, and caching. */

/** A request as any transport sees it: Node's http server, API Gateway, a test. */
export interface HttpRequest {
  method: string;
  /** Header names in any case. */
  headers: Record<string, string | string[] | undefined>;
  /** The query string, with or without its `?`. */
  search: string;
  /** Null when the transport stopped reading a body over `maxBodyBytes(headers)`. */
  body?: string | null | undefined;
  /** The platform's id for the request (API Gateway's), else one is made. */
  requestId?: string;
}

/** `HttpResponse<string | Uint8Array>` where a body may be binary (downloads); GraphQL answers text. */
export interface HttpResponse<Body extends string | Uint8Array = string> {
  status: number;
  headers: Record<string, string>;
  body: Body;
}

export { etagListed, etagMatches, etagOf, header, IMMUTABLE } from "./cache.ts";
