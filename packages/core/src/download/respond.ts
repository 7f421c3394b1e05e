import { createHash } from "node:crypto";
import type { ErrorCode } from "../errors.ts";
import type { HttpRequest, HttpResponse } from "../graphql/http.ts";

export type DownloadResponse = HttpResponse<string | Uint8Array>;

/** A name with a release in it never changes its bytes: a year, and `immutable` so browsers do not even revalidate. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
/** Aliases, redirects and the index move with each new release: a CDN may keep them a minute. */
export const MOVING = "public, max-age=60";
export const NO_STORE = "no-store";
export const CORS = { "access-control-allow-origin": "*" } as const;
/**
 * The most a body may be as sent: Lambda answers at most 6 MB through API Gateway, binary bodies
 * in base64 (a third more). The local server keeps the same limit, so both answer alike.
 */
export const MAX_SENT_BYTES = 5 * 1024 * 1024;

/** How many bytes a body costs in Lambda's answer: text as it is, binary in base64. */
export const sentBytes = (bytes: Uint8Array, binary: boolean) => (binary ? Math.ceil(bytes.byteLength / 3) * 4 : bytes.byteLength);

export const etagOf = (body: string | Uint8Array) => `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;

export function errorResponse(
  status: number,
  code: ErrorCode,
  message: string,
  requestId: string,
  cache: string,
  extra: Record<string, string> = {},
): DownloadResponse {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": cache, "x-request-id": requestId, ...CORS, ...extra },
    body: JSON.stringify({ errors: [{ message, extensions: { code, requestId } }] }),
  };
}

export function header(request: HttpRequest, name: string): string | undefined {
  const entry = Object.entries(request.headers).find(([key]) => key.toLowerCase() === name);
  return Array.isArray(entry?.[1]) ? entry[1].join(", ") : entry?.[1];
}

export const etagMatches = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag || tag.trim() === "*") ?? false;

/** Whether `Accept-Encoding` admits gzip: named (or `*`) with a non-zero q. Without the header, we send identity. */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(",")) {
    const [coding, ...params] = part.split(";").map((s) => s.trim());
    const weight = params.find((p) => p.startsWith("q="));
    if (coding) q.set(coding, weight ? Number(weight.slice(2)) || 0 : 1);
  }
  return (q.get("gzip") ?? q.get("x-gzip") ?? q.get("*") ?? 0) > 0;
}
