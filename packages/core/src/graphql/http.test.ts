import { describe, expect, it } from "vitest";
import type { Database } from "../db/types.ts";
import { DEFAULT_SETTINGS } from "../scope/index.ts";
import { createLogger } from "../util/log.ts";
import { createHttpHandler } from "./http.ts";
import { createApolloServer } from "./server.ts";

// The HTTP layer's own behaviour, with no database (a request that needs one fails loudly).
const noDatabase = (): Promise<Database> => Promise.reject(new Error("no database in this test"));

function handlerWithLog(options: { introspection?: boolean } = {}) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger("info", { write: (line: string) => void lines.push(JSON.parse(line)) });
  const handle = createHttpHandler({
    server: createApolloServer({ production: true, logger, ...options }),
    database: noDatabase,
    settings: DEFAULT_SETTINGS,
    logger,
  });
  const post = (query: string, headers: Record<string, string> = {}) =>
    handle({
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      search: "",
      body: JSON.stringify({ query, operationName: "Q" }),
      requestId: "req-7",
    });
  return { handle, post, lines };
}

describe("the HTTP layer", () => {
  it("logs one JSON line per request: request id, actor, operation, cost, status, duration", async () => {
    const { post, lines } = handlerWithLog();
    const response = await post("query Q { __typename }");
    expect(response.status).toBe(200);
    expect(response.headers["x-request-id"]).toBe("req-7");
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        msg: "request",
        service: "poet-api",
        requestId: "req-7",
        method: "POST",
        status: 200,
        actor: "anonymous",
        operationName: "Q",
        cost: 0,
        durationMs: expect.any(Number),
      }),
    ]);
  });

  it("masks an unexpected error in production, logging its detail under the request id", async () => {
    const { post, lines } = handlerWithLog();
    const response = await post("query Q { areas(first: 1) { totalCount } }");
    expect(JSON.parse(response.body).errors).toEqual([
      {
        message: "Internal server error",
        locations: [{ line: 1, column: 11 }],
        path: ["areas"],
        extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "req-7" },
      },
    ]);
    expect(lines.map((l) => [l.msg, l.requestId])).toEqual([
      ["unexpected error", "req-7"],
      ["request", "req-7"],
    ]);
    expect(JSON.stringify(lines[0])).toContain("no database in this test");
    expect(response.headers["cache-control"]).toBe("private, no-store");
  });

  it("suggests field names only while the schema may be introspected", async () => {
    const open = await handlerWithLog({ introspection: true }).post("query Q { aboot { version } }");
    expect(JSON.parse(open.body).errors[0].message).toBe('Cannot query field "aboot" on type "Query". Did you mean "about"?');
    const closed = await handlerWithLog({ introspection: false }).post("query Q { aboot { version } }");
    expect(JSON.parse(closed.body).errors[0].message).toBe('Cannot query field "aboot" on type "Query". [Suggestion hidden]?');
    const introspect = await handlerWithLog({ introspection: false }).post("query Q { __schema { queryType { name } } }");
    expect(JSON.parse(introspect.body).errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("answers CORS preflights, and a database outage during authentication as a masked 500", async () => {
    const { handle, lines } = handlerWithLog();
    const preflight = await handle({ method: "OPTIONS", headers: {}, search: "" });
    expect(preflight.status).toBe(204);
    // Apollo's clients send apollo-require-preflight (or x-apollo-operation-name) for its CSRF prevention.
    expect(preflight.headers["access-control-allow-headers"]?.split(", ")).toEqual(
      expect.arrayContaining(["content-type", "authorization", "apollo-require-preflight", "x-apollo-operation-name"]),
    );
    const outage = await handle({
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer poet_x" },
      search: "",
      body: '{"query":"{ __typename }"}',
      requestId: "req-8",
    });
    expect(outage.status).toBe(500);
    expect(JSON.parse(outage.body)).toEqual({
      errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "req-8" } }],
    });
    expect(lines.map((l) => l.msg)).toEqual(["request failed", "request"]);
  });

  it("refuses a document over a limit with 400 QUERY_TOO_COMPLEX, in plain words", async () => {
    const { post } = handlerWithLog();
    const response = await post(`query Q { area(code: "E92000001") { ${"parent { ".repeat(9)}code${" }".repeat(9)} } }`);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).errors).toEqual([
      expect.objectContaining({ message: "The query is 11 levels deep; the limit is 10.", extensions: { code: "QUERY_TOO_COMPLEX" } }),
    ]);
  });

  it("tells browsers never to sniff a content type, on every answer", async () => {
    const { handle, post } = handlerWithLog();
    const json = { "content-type": "application/json" };
    const answers = [
      await post("query Q { __typename }"),
      await post("query Q { nope }"),
      await post("query Q { areas(first: 1) { totalCount } }"),
      await handle({ method: "OPTIONS", headers: {}, search: "" }),
      await handle({ method: "DELETE", headers: {}, search: "" }),
      await handle({ method: "POST", headers: { "content-type": "text/plain" }, search: "", body: "{}" }),
      await handle({ method: "POST", headers: json, search: "", body: "not json" }),
      await handle({ method: "POST", headers: json, search: "", body: null }),
      await handle({ method: "GET", headers: {}, search: "query=%7B__typename%7D" }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 400, 200, 204, 405, 415, 400, 413, 500]);
    for (const answer of answers) expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  });
});
