/**
 * The real GraphQL and migration Lambdas, invoked as API Gateway / the SST Script would, over
 * core's Apollo server and a PGlite database in a temporary folder (what core picks when no
 * DATABASE_URL is set, outside Lambda).
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { graphqlEvent, json, lambdaContext } from "./events.test-helper.ts";

let dir: string;
let dataDir: string;
let graphql: typeof import("./graphql.ts");

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "poet-functions-"));
  dataDir = path.join(dir, "pglite");
  vi.stubEnv("DATABASE_URL", "");
  vi.stubEnv("SST_Secret_value_DATABASE_URL", "");
  vi.stubEnv("AWS_LAMBDA_FUNCTION_NAME", "");
  vi.stubEnv("POET_DATA_DIR", dataDir);
  graphql = await import("./graphql.ts");
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

const invoke = async (event: ReturnType<typeof graphqlEvent>) => json(await graphql.handler(event, lambdaContext, () => {}));

describe("graphql.handler", () => {
  it("answers a cold { __typename } without opening (or even creating) the database", async () => {
    const result = await invoke(graphqlEvent("POST", { query: "{ __typename }" }));
    expect(result.status).toBe(200);
    expect(result.headers["content-type"]).toMatch(/application\/json/);
    expect(result.body).toEqual({ data: { __typename: "Query" } });
    expect(existsSync(dataDir)).toBe(false);
  });

  it("serves introspection over GET without the database", async () => {
    const result = await invoke(graphqlEvent("GET", { query: "{ __schema { queryType { name } } }" }));
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ data: { __schema: { queryType: { name: "Query" } } } });
    expect(existsSync(dataDir)).toBe(false);
  });

  it("blocks a GET without a preflight-forcing header (Apollo's CSRF prevention)", async () => {
    const event = graphqlEvent("GET", { query: "{ __typename }" });
    delete event.headers["apollo-require-preflight"];
    const result = await invoke(event);
    expect(result.status).toBe(400);
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

    // Same container, second request: the memoised database answers a GET as well.
    const again = await invoke(graphqlEvent("GET", { query: "query Q { questionSets { code } }", operationName: "Q" }));
    expect(again.body.data.questionSets).toHaveLength(codes.length);
  }, 60_000);
});
