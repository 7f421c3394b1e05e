import { ANONYMOUS } from "../actor/index.ts";
import { PoetError } from "../errors.ts";
import type { DatabaseSource } from "../graphql/context.ts";
import { databaseGetter } from "../graphql/context.ts";
import type { HttpRequest, HttpResponse } from "../graphql/http.ts";
import { QUESTION_SET_CODES, type QuestionSetCode } from "../questionset/types.ts";
import type { Settings } from "../scope.ts";
import { type Logger, silentLogger } from "../util/log.ts";
import { esc } from "./html.ts";
import { localReport } from "./index.ts";

/** How long a CDN or browser keeps a report: figures change when responses arrive, not by the second. */
export const REPORT_MAX_AGE_SECONDS = 300;
const PATH = /^\/reports\/([A-Z]\d{8})\/([a-z_]{2,40})\.html$/;
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
      "cache-control": status === 404 ? `public, max-age=${REPORT_MAX_AGE_SECONDS}` : "no-store",
      "x-request-id": requestId,
      ...extra,
    },
    body: `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><main><h1>${esc(title)}</h1><p>${esc(message)}</p></main></body></html>`,
  };
}

/**
 * `GET /reports/{GSS code}/{question set}.html[?from=2023-24&to=2024-25]`: a local report as a
 * page, public (read with anonymous access, as anyone may read the API's figures) and
 * cacheable, for links and CDNs. `localReport` in GraphQL gives the same with the caller's access.
 */
export function createReportHandler(options: { database: DatabaseSource; settings: Settings; logger?: Logger }) {
  const getDb = databaseGetter(options.database);
  const logger = options.logger ?? silentLogger;
  return async (request: HttpRequest & { path: string }): Promise<HttpResponse> => {
    const requestId = request.requestId ?? crypto.randomUUID();
    const method = request.method.toUpperCase();
    if (method !== "GET" && method !== "HEAD") return answer(405, "Method not allowed", "Reports are read with GET.", requestId, { allow: "GET, HEAD" });
    const match = PATH.exec(request.path);
    const code = match?.[2]?.toUpperCase();
    if (!match || !(QUESTION_SET_CODES as readonly string[]).includes(code!))
      return answer(404, "No such report", "A report is at /reports/{GSS code}/{question set}.html, e.g. /reports/E10000024/adult_pb.html.", requestId);
    const query = new URLSearchParams(request.search);
    const from = query.get("from");
    const period = from ? { from, to: query.get("to") } : null;
    try {
      const scope = { db: await getDb(), actor: ANONYMOUS, settings: options.settings };
      const report = await localReport(scope, { area: match[1]!, questionSet: code as QuestionSetCode, period });
      if (!report.eligible || !report.html) return answer(404, report.title, report.reason ?? "No report.", requestId);
      return {
        status: 200,
        headers: { ...PAGE_HEADERS, "cache-control": `public, max-age=${REPORT_MAX_AGE_SECONDS}`, "x-request-id": requestId },
        body: method === "HEAD" ? "" : report.html,
      };
    } catch (error) {
      if (error instanceof PoetError) return answer(error.code === "NOT_FOUND" ? 404 : 400, "No such report", error.message, requestId);
      logger.error({ err: error, requestId }, "report failed");
      return answer(500, "The report could not be drawn", `Quote request ${requestId}.`, requestId);
    }
  };
}
