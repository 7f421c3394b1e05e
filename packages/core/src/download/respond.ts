import type { ErrorCode } from "../errors/index.ts";
import type { HttpResponse } from "../http/index.ts";

export type DownloadResponse = HttpResponse<string | Uint8Array>;

/** Aliases, redirects and the index move with each new release: a CDN may keep them a minute. */
export const MOVING = "public, max-age=60";
export const NO_STORE = "no-store";
/** On every answer: any origin may read (no credential is needed or used), and no browser sniffs a type. */
export const COMMON = { "access-control-allow-origin": "*", "x-content-type-options": "nosniff" } as const;
/**
 * The most a body may be as sent: Lambda answers at most 6 MB through API Gateway, binary bodies
 * in base64 (a third more). The local server keeps the same limit, so both answer alike.
 */
export const MAX_SENT_BYTES = 5 * 1024 * 1024;

/** How many bytes a body costs in Lambda's answer: text as it is, binary in base64. */
export const sentBytes = (bytes: Uint8Array, binary: boolean) => (binary ? Math.ceil(bytes.byteLength / 3) * 4 : bytes.byteLength);

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
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": cache, "x-request-id": requestId, ...COMMON, ...extra },
    body: JSON.stringify({ errors: [{ message, extensions: { code, requestId } }] }),
  };
}

/** A header's `name;q=…` list (Accept, Accept-Encoding) as [name, weight] pairs, in order; no `q` is 1. */
function weighted(header: string): [string, number][] {
  const pairs: [string, number][] = [];
  for (const part of header.toLowerCase().split(",")) {
    const [name, ...params] = part.split(";").map((s) => s.trim());
    const weight = params.find((p) => p.startsWith("q="));
    if (name) pairs.push([name, weight ? Number(weight.slice(2)) || 0 : 1]);
  }
  return pairs;
}

/** Whether `Accept-Encoding` admits gzip: named (or `*`) with a non-zero q. Without the header, we send identity. */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  const q = new Map(weighted(acceptEncoding));
  return (q.get("gzip") ?? q.get("x-gzip") ?? q.get("*") ?? 0) > 0;
}

/**
 * Whether `Accept` prefers an HTML page to JSON: `text/html` (or `text/*`) weighs more than
 * `application/json` (or `application/*`, `*\/*`). A browser's `text/html,…,*\/*;q=0.8` does; no
 * header, `*\/*`, `application/json` and a tie do not, so a program keeps the JSON it always had.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  // The first weight given for a type counts.
  const q = new Map(weighted(accept).reverse());
  const html = q.get("text/html") ?? q.get("text/*") ?? q.get("*/*") ?? 0;
  const json = q.get("application/json") ?? q.get("application/*") ?? q.get("*/*") ?? 0;
  return html > json;
}
