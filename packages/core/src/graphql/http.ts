import { randomUUID } from "node:crypto";
import { type ApolloServer, HeaderMap } from "@apollo/server";
import { type Actor, describeActor } from "../actor/index.ts";
import { type DatabaseSource, databaseGetter } from "../db/index.ts";
import { type ErrorCode, PoetError } from "../errors/index.ts";
import { latestReleaseId } from "../figure/index.ts";
import { etagListed, etagMatches, etagOf, type HttpRequest, type HttpResponse } from "../http/index.ts";
import { authenticate } from "../organisation/index.ts";
import { MAX_ANSWER_BYTES, type Settings } from "../scope/index.ts";
import { type Logger, silentLogger } from "../util/log.ts";
import { createContext, type GraphQLContext, type Services } from "./context.ts";

/** A GraphQL document and its variables fit well within this; a bigger body is refused unread. */
export const MAX_BODY_BYTES = 256 * 1024;
/**
 * With a credential, room for what members send: 100 responses a call, or a CSV file of up to
 * 5 MB (`importResponses`) with its JSON escaping. A bad credential is refused before any work.
 */
export const MAX_CREDENTIALED_BODY_BYTES = 6 * 1024 * 1024;

/** The most a request body may hold: more with an `Authorization` header than without. */
export const maxBodyBytes = (headers: HttpRequest["headers"]): number =>
  Object.keys(headers).some((name) => name.toLowerCase() === "authorization") ? MAX_CREDENTIALED_BODY_BYTES : MAX_BODY_BYTES;
/** Under Lambda's 6 MB response limit, with room for the envelope. */
export const MAX_RESPONSE_BYTES = MAX_ANSWER_BYTES;
/** How long a CDN or browser may keep a public answer before revalidating it with its ETag. */
export const PUBLIC_MAX_AGE_SECONDS = 300;

export interface HttpHandlerOptions {
  server: ApolloServer<GraphQLContext>;
  database: DatabaseSource;
  settings: Settings;
  /** The uploads bucket and report drawer the API may use (none unless given). */
  services?: Partial<Services>;
  logger?: Logger;
  /**
   * How long the latest release read for ETags is reused (1 s by default): a 304 then costs no
   * database round trip, and a new release reaches public GETs within that second.
   */
  versionTtlMs?: number;
}

/**
 * The request headers a browser may send from another origin: Apollo's clients add
 * `apollo-require-preflight` or `x-apollo-operation-name` (for Apollo's CSRF prevention) and their
 * name and version. stacks/Api.ts allows these at API Gateway too (a test checks).
 */
export const CORS_ALLOW_HEADERS = [
  "content-type",
  "authorization",
  "apollo-require-preflight",
  "x-apollo-operation-name",
  "apollographql-client-name",
  "apollographql-client-version",
] as const;
/** On every answer: any origin may read (credentials travel in headers, never cookies), and nothing is sniffed. */
const COMMON = { "access-control-allow-origin": "*", "x-content-type-options": "nosniff" };
const PRIVATE = "private, no-store";

function errorResponse(status: number, code: ErrorCode, message: string, requestId: string, extra: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": PRIVATE, "x-request-id": requestId, ...COMMON, ...extra },
    body: JSON.stringify({ errors: [{ message, extensions: { code, requestId } }] }),
  };
}

function lowerCaseHeaders(headers: HttpRequest["headers"]): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) map.set(name.toLowerCase(), Array.isArray(value) ? value.join(", ") : value);
  return map;
}

type Parsed = { ok: true; body: unknown; operationName: unknown } | { ok: false; response: HttpResponse };

/** The transport's rules, before GraphQL sees anything: method, media type, size, JSON. */
function parseRequest(request: HttpRequest, headers: Map<string, string>, search: string, requestId: string): Parsed {
  const method = request.method.toUpperCase();
  if (method === "GET") {
    if (search.length > 16 * 1024)
      return { ok: false, response: errorResponse(413, "PAYLOAD_TOO_LARGE", "The query string is longer than 16 KB: send the query by POST", requestId) };
    return { ok: true, body: undefined, operationName: new URLSearchParams(search).get("operationName") };
  }
  if (method !== "POST")
    return {
      ok: false,
      response: errorResponse(405, "METHOD_NOT_ALLOWED", `${method.slice(0, 10)} is not supported: use GET or POST`, requestId, {
        allow: "GET, POST, OPTIONS",
      }),
    };
  const type = headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    return {
      ok: false,
      response: errorResponse(415, "UNSUPPORTED_MEDIA_TYPE", "A POST must have Content-Type: application/json (a GraphQL request as JSON)", requestId),
    };
  }
  const raw = request.body ?? "";
  const limit = maxBodyBytes(request.headers);
  if (request.body === null || Buffer.byteLength(raw) > limit)
    return { ok: false, response: errorResponse(413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${limit / 1024} KB`, requestId) };
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { ok: false, response: errorResponse(400, "BAD_REQUEST", "The request body is not valid JSON", requestId) };
  }
  if (Array.isArray(body))
    return {
      ok: false,
      response: errorResponse(400, "BAD_REQUEST", "Batched requests (a JSON array) are not supported: send one operation per request", requestId),
    };
  if (body === null || typeof body !== "object")
    return { ok: false, response: errorResponse(400, "BAD_REQUEST", "The request body must be a JSON object with a `query`", requestId) };
  if (!fewValues((body as Record<string, unknown>).variables, MAX_VARIABLE_VALUES))
    return {
      ok: false,
      response: errorResponse(
        413,
        "PAYLOAD_TOO_LARGE",
        `The variables hold more than ${MAX_VARIABLE_VALUES} values (list items and fields): send fewer at a time`,
        requestId,
      ),
    };
  return { ok: true, body, operationName: (body as Record<string, unknown>).operationName };
}

/**
 * The most values (list items and object fields) a request's variables may hold: 100 responses
 * of the widest instrument hold about 15,000. Checking each one's type is work per value, so a
 * body of a million tiny items is refused before graphql-js coerces them.
 */
export const MAX_VARIABLE_VALUES = 60_000;

/** Whether `value` holds at most `limit` nested values; stops counting past it. */
function fewValues(value: unknown, limit: number): boolean {
  const stack = [value];
  let count = 0;
  while (stack.length) {
    const next = stack.pop();
    if (next === null || typeof next !== "object") continue;
    const children = Array.isArray(next) ? next : Object.values(next);
    count += children.length;
    if (count > limit) return false;
    for (const child of children) if (child !== null && typeof child === "object") stack.push(child);
  }
  return true;
}

/**
 * GraphQL over HTTP, one function for every transport: the caller is resolved before anything
 * runs (a bad credential fails the whole request), public GETs carry an ETag from the latest
 * release (never from writes, which anonymous callers cannot see) and are answered 304 until a
 * new release is cut, and every refusal has the GraphQL error shape.
 */
export function createHttpHandler(options: HttpHandlerOptions): (request: HttpRequest) => Promise<HttpResponse> {
  const getDb = databaseGetter(options.database);
  const logger = options.logger ?? silentLogger;
  // The handler owns the server's start: requests wait for it, and a failed start fails them all.
  options.server.startInBackgroundHandlingStartupErrorsByLoggingAndFailingAllRequests();
  const ttl = options.versionTtlMs ?? 1000;
  let version: { at: number; value: Promise<number> } | undefined;
  const currentVersion = async () => {
    if (!version || performance.now() - version.at >= ttl) {
      const value = getDb().then(latestReleaseId);
      version = { at: performance.now(), value };
      value.catch(() => (version = undefined));
    }
    return version.value;
  };
  return async (request) => {
    const started = performance.now();
    const requestId = request.requestId ?? randomUUID();
    const headers = lowerCaseHeaders(request.headers);
    const search = request.search.replace(/^\?/, "");
    let actor: Actor | undefined;
    let context: GraphQLContext | undefined;
    const log = (response: HttpResponse, operationName?: unknown) => {
      logger.info(
        {
          requestId,
          method: request.method,
          status: response.status,
          actor: actor ? describeActor(actor) : undefined,
          operationName: typeof operationName === "string" ? operationName.slice(0, 100) : undefined,
          cost: context?.outcome.cost,
          durationMs: Math.round(performance.now() - started),
        },
        "request",
      );
      return response;
    };
    if (request.method.toUpperCase() === "OPTIONS") {
      return {
        status: 204,
        headers: {
          ...COMMON,
          "access-control-allow-methods": "GET, POST, OPTIONS",
          "access-control-allow-headers": CORS_ALLOW_HEADERS.join(", "),
          "access-control-max-age": "86400",
        },
        body: "",
      };
    }
    const parsed = parseRequest(request, headers, search, requestId);
    if (!parsed.ok) return log(parsed.response);
    try {
      const authorization = headers.get("authorization");
      actor = authorization ? await authenticate(await getDb(), authorization, options.settings) : { type: "anonymous" };
      const cacheable = request.method.toUpperCase() === "GET" && actor.type === "anonymous";
      const etag = cacheable ? etagOf(`${await currentVersion()}\n${search}`) : undefined;
      const cacheHeaders: Record<string, string> = etag
        ? { etag, "cache-control": `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`, vary: "authorization" }
        : { "cache-control": PRIVATE };
      const notModified = (): HttpResponse => ({ status: 304, headers: { ...COMMON, ...cacheHeaders, "x-request-id": requestId }, body: "" });
      // A tag this query was given is answered before anything runs; `*` once there is a public answer to match.
      if (etag && etagListed(headers.get("if-none-match"), etag)) return log(notModified(), parsed.operationName);
      const httpGraphQLRequest = { method: request.method.toUpperCase(), headers: new HeaderMap([...headers]), search, body: parsed.body };
      const result = await options.server.executeHTTPGraphQLRequest({
        httpGraphQLRequest,
        context: async () => (context = createContext(getDb, { actor, requestId, settings: options.settings, services: options.services })),
      });
      let body = "";
      if (result.body.kind === "complete") body = result.body.string;
      else for await (const chunk of result.body.asyncIterator) body += chunk;
      if (Buffer.byteLength(body) > MAX_RESPONSE_BYTES) {
        return log(
          errorResponse(400, "RESPONSE_TOO_LARGE", `The answer is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB: ask for less in one request`, requestId),
          parsed.operationName,
        );
      }
      const status = result.status ?? 200;
      const clean = status === 200 && !context?.outcome.failed;
      if (clean && etag && etagMatches(headers.get("if-none-match"), etag)) return log(notModified(), parsed.operationName);
      const responseHeaders: Record<string, string> = {
        ...Object.fromEntries(result.headers),
        ...COMMON,
        "x-request-id": requestId,
        ...(clean ? cacheHeaders : { "cache-control": PRIVATE }),
      };
      return log({ status, headers: responseHeaders, body }, parsed.operationName);
    } catch (error) {
      if (error instanceof PoetError && error.code === "UNAUTHENTICATED") {
        return log(errorResponse(401, "UNAUTHENTICATED", error.message, requestId, { "www-authenticate": 'Bearer realm="POET API"' }));
      }
      logger.error({ requestId, err: error }, "request failed");
      return log(errorResponse(500, "INTERNAL_SERVER_ERROR", "Internal server error", requestId));
    }
  };
}
