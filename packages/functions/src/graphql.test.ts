/**
 * The real GraphQL and migration Lambdas, invoked as API Gateway / the SST Script would, over
 * core's Apollo server and a PGlite database in a temporary folder (what core picks when no
 * DATABASE_URL is set, outside Lambda).
 */
import { existsSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { graphqlEvent, json, useLambdaModule } from "./events.test-helper.ts";

const lambda = useLambdaModule(() => import("./graphql.ts"));

const invoke = async (event: ReturnType<typeof graphqlEvent>) => json(await lambda.module.handler(event));

describe("graphql.handler", () => {
  it("answers a cold { __typename } without opening (or even creating) the database", async () => {
    const result = await invoke(graphqlEvent("POST", { query: "{ __typename }" }));
    expect(result.status).toBe(200);
    expect(result.headers["content-type"]).toMatch(/application\/json/);
    expect(result.body).toEqual({ data: { __typename: "Query" }, extensions: { cost: { requested: 0, limit: 2500 } } });
    expect(existsSync(lambda.dataDir)).toBe(false);
  });

  it("serves introspection over POST without the database", async () => {
    const result = await invoke(graphqlEvent("POST", { query: "{ __schema { queryType { name } } }" }));
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ data: { __schema: { queryType: { name: "Query" } } }, extensions: { cost: { requested: 0, limit: 2500 } } });
    expect(existsSync(lambda.dataDir)).toBe(false);
  });

  it("refuses a POST a form could send (CSRF): only application/json is read", async () => {
    const event = graphqlEvent("POST", { query: "{ __typename }" }, { "content-type": "text/plain" });
    const result = await invoke(event);
    expect(result.status).toBe(415);
    expect(result.body.errors[0].extensions.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(existsSync(lambda.dataDir)).toBe(false);
  });

  it("answers a query that needs the database, once migrate.handler has set it up", async () => {
    const { handler: migrate } = await import("./migrate.ts");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const outcome = await migrate();
    log.mockRestore();
    expect(outcome).toMatchObject({ ok: true, driver: "pglite" });

    const result = await invoke(graphqlEvent("POST", { query: "{ questionSets { code } }" }));
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    const codes = result.body.data.questionSets.map((q: { code: string }) => q.code);
    expect(codes).toEqual(expect.arrayContaining(["ADULT_PB", "CARER", "PHB", "CYP_EHCP", "PARENT_EHCP"]));

    // Same container, second request: the memoised database answers a plain GET, cacheably.
    const again = await invoke(graphqlEvent("GET", { query: "query Q { questionSets { code } }", operationName: "Q" }));
    expect(again.body.data.questionSets).toHaveLength(codes.length);
    expect(again.headers["cache-control"]).toBe("public, max-age=300");
    const etag = again.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const revalidated = await invoke(graphqlEvent("GET", { query: "query Q { questionSets { code } }", operationName: "Q" }, { "if-none-match": etag }));
    expect(revalidated.status).toBe(304);
    expect(revalidated.body).toBeUndefined();
  }, 60_000);
});
