import { createHash } from "node:crypto";

/*
 * HTTP caching for what never changes once named (a release's files and report pages): a year,
 * `immutable` so browsers do not even revalidate, and an ETag from the bytes for those that do.
 */

export const IMMUTABLE = "public, max-age=31536000, immutable";

export const etagOf = (body: string | Uint8Array) => `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;

/** Whether `If-None-Match` names this ETag, weak or strong (a weak comparison, as RFC 9110 asks of it). */
export const etagListed = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag) ?? false;

/**
 * Whether `If-None-Match` matches the current answer, whose ETag this is: it names it, or is `*`,
 * which matches any current answer (RFC 9110 §13.1.2). Ask only once there is one to send.
 */
export const etagMatches = (ifNoneMatch: string | undefined, etag: string) =>
  etagListed(ifNoneMatch, etag) || (ifNoneMatch?.split(",").some((tag) => tag.trim() === "*") ?? false);

/** A request header by its lower-case name, whatever case it came in; repeated ones joined. */
export function header(request: { headers: Record<string, string | string[] | undefined> }, name: string): string | undefined {
  const entry = Object.entries(request.headers).find(([key]) => key.toLowerCase() === name);
  return Array.isArray(entry?.[1]) ? entry[1].join(", ") : entry?.[1];
}
