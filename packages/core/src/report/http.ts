import { ANONYMOUS } from "../actor/index.ts";
import { type DatabaseSource, databaseGetter } from "../db/index.ts";
import { PoetError } from "../errors/index.ts";
import { releaseList } from "../figure/index.ts";
import type { HttpRequest, HttpResponse } from "../http/index.ts";
import { etagMatches, etagOf, header, IMMUTABLE } from "../http/index.ts";
import { QUESTION_SET_CODES, type QuestionSetCode } from "../questionset/index.ts";
import { RELEASE_NAME_PATTERN } from "../release/index.ts";
import type { Settings } from "../scope/index.ts";
import { type Logger, silentLogger } from "../util/log.ts";
import { localReport } from "./build.ts";
import { esc } from "./html.ts";

/** How long a CDN or browser keeps the address of the latest release's report: until the next release, about. */
export const REPORT_MAX_AGE_SECONDS = 300;
/** Any case: `canonicalPath` says which one a report lives at. */
const PATH = new RegExp(`^/reports/(?:(${RELEASE_NAME_PATTERN})/)?([A-Z]\\d{8})/([a-z_]{2,40})\\.html$`, "i");

/**
 * Where a report lives: the release in lower case (as releases are named), the GSS code in upper
 * case (as GSS writes it), the question set in lower case (as file names are), `.html`.
 * `/reports/e10000024/PARENT_EHCP.HTML` redirects here, permanently.
 */
export const canonicalPath = (release: string | undefined, area: string, questionSet: string) =>
  `/reports/${release ? `${release.toLowerCase()}/` : ""}${area.toUpperCase()}/${questionSet.toLowerCase()}.html`;
const HTML = "text/html; charset=utf-8";
/** As the report's own meta tag says, and what a meta tag cannot: never framed, never sniffed. */
const PAGE_HEADERS = {
  "content-type": HTML,
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "x-content-type-options": "nosniff",
};

function answer(status: number, title: string, message: string, requestId: string, extra: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: {
      ...PAGE_HEADERS,
      "cache-control": "no-store",
      "x-request-id": requestId,
      ...extra,
    },
    body: `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><main><h1>${esc(title)}</h1><p>${esc(message)}</p></main></body></html>`,
  };
}

/**
 * `GET /reports/{release}/{GSS code}/{question set}.html[?from=2023-24&to=2024-25]`: a local
 * report as a page, public (read with anonymous access, as anyone may read the API's figures)
 * and, a release never changing, cached for a year. `/reports/{GSS code}/{question set}.html`
 * redirects to the latest release's. Any other case of an address (`/reports/E10000024/PARENT_EHCP.html`)
 * redirects permanently (308) to the one above. `localReport` in GraphQL gives the same with the caller's access.
 */
export function createReportHandler(options: { database: DatabaseSource; settings: Settings; logger?: Logger }) {
  const getDb = databaseGetter(options.database);
  const logger = options.logger ?? silentLogger;
  return async (request: HttpRequest & { path: string }): Promise<HttpResponse> => {
    const requestId = request.requestId ?? crypto.randomUUID();
    const method = request.method.toUpperCase();
    if (method !== "GET" && method !== "HEAD") return answer(405, "Method not allowed", "Reports are read with GET.", requestId, { allow: "GET, HEAD" });
    const match = PATH.exec(request.path);
    const code = match?.[3]?.toUpperCase();
    if (!match || !(QUESTION_SET_CODES as readonly string[]).includes(code!))
      return answer(
        404,
        "No such report",
        "A report is at /reports/{release}/{GSS code}/{question set}.html, e.g. /reports/2026-07/E10000024/adult_pb.html (or without the release, the latest).",
        requestId,
      );
    const [, release, area] = match as unknown as [string, string | undefined, string];
    const search = request.search ? `?${request.search.replace(/^\?/, "")}` : "";
    // Another case of a report's address: the same report, at its one address (so one cached copy
    // and one link to share). 308 keeps the method; the redirect never changes, so it is kept a year.
    const canonical = canonicalPath(release, area, code!);
    if (request.path !== canonical)
      return {
        status: 308,
        headers: { ...PAGE_HEADERS, location: `${canonical}${search}`, "cache-control": IMMUTABLE, "x-request-id": requestId },
        body: "",
      };
    const query = new URLSearchParams(request.search);
    const from = query.get("from");
    const period = from ? { from, to: query.get("to") } : null;
    try {
      const db = await getDb();
      if (!release) {
        const latest = (await releaseList(db))[0];
        if (!latest) return answer(404, "No release yet", "No release has been cut yet: reports are drawn from a release's figures.", requestId);
        const location = `${canonicalPath(latest.name, area, code!)}${search}`;
        return {
          status: 307,
          headers: { ...PAGE_HEADERS, location, "cache-control": `public, max-age=${REPORT_MAX_AGE_SECONDS}`, "x-request-id": requestId },
          body: "",
        };
      }
      const scope = { db, actor: ANONYMOUS, settings: options.settings };
      const report = await localReport(scope, { area, questionSet: code as QuestionSetCode, period, release });
      if (!report.eligible || !report.html) return answer(404, report.title, report.reason ?? "No report.", requestId);
      // A release's report never changes.
      const etag = etagOf(report.html);
      const headers = { ...PAGE_HEADERS, "cache-control": IMMUTABLE, etag, "x-request-id": requestId };
      if (etagMatches(header(request, "if-none-match"), etag)) return { status: 304, headers, body: "" };
      return { status: 200, headers, body: method === "HEAD" ? "" : report.html };
    } catch (error) {
      if (error instanceof PoetError) return answer(error.code === "NOT_FOUND" ? 404 : 400, "No such report", error.message, requestId);
      logger.error({ err: error, requestId }, "report failed");
      return answer(500, "The report could not be drawn", `Quote request ${requestId}.`, requestId);
    }
  };
}
