import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@poet/core/config";
import { createTestDatabase, type TestDatabase, testDriver } from "@poet/core/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "./commands.ts";

// What `npm start` does, over HTTP: on PGlite a fresh data folder (set up with the demo data on
// first start), on Postgres a fresh database named by DATABASE_URL (reached through the Neon
// driver and the proxy `serve` starts itself).
let server: RunningServer;
let cleanUp: () => Promise<void>;

beforeAll(async () => {
  let env: Record<string, string>;
  if (testDriver() === "postgres") {
    const database: TestDatabase = await createTestDatabase({ setup: false });
    await database.release();
    env = { DATABASE_URL: database.url!, PORT: "0", NODE_ENV: "test" };
    cleanUp = () => database.close();
  } else {
    const dir = mkdtempSync(join(tmpdir(), "poet-serve-"));
    env = { POET_DATA_DIR: join(dir, "pglite"), PORT: "0", NODE_ENV: "test" };
    cleanUp = async () => rmSync(dir, { recursive: true, force: true });
  }
  server = await startServer(loadConfig(env));
});
afterAll(async () => {
  await server?.stop();
  await cleanUp?.();
});

const post = async (query: string) => {
  const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
};

describe("poet serve", () => {
  it("serves the acceptance query over HTTP at /graphql", async () => {
    expect(server.url).toMatch(/^http:\/\/localhost:\d+\/graphql$/);
    const { status, body } = await post(`{ areas(type: LOCAL_AUTHORITY, first: 100) { totalCount } questionSets { code } }`);
    expect(status).toBe(200);
    expect(body.data.areas.totalCount).toBe(153);
    expect(body.data.questionSets.map((s: { code: string }) => s.code).sort()).toEqual([
      "ADULT_PB",
      "CARER",
      "CYP_EHCP",
      "PARENT_EHCP",
      "PHB",
      "PRACTITIONER_EHCP",
    ]);
  });

  it("loads the synthetic demo data on PGlite's first start, and never into a Postgres by itself", async () => {
    const { body } = await post(`{ about { syntheticData dataNotice } }`);
    expect(body.data.about.syntheticData).toBe(testDriver() === "pglite");
    if (testDriver() === "pglite") expect(body.data.about.dataNotice).toMatch(/^SYNTHETIC DEMO DATA/);
  });

  it("answers a plain GET with Cache-Control and an ETag, then 304 until the cubes change", async () => {
    const url = `${server.url}?query=${encodeURIComponent('{ area(code: "E92000001") { name } }')}`;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { area: { name: "England" } }, extensions: { cost: { requested: 1, limit: 2500 } } });
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    const etag = response.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const again = await fetch(url, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    // Another query has another ETag; a credentialed request is never cacheable.
    const other = await fetch(`${server.url}?query=${encodeURIComponent('{ area(code: "E12000001") { name } }')}`, { headers: { "if-none-match": etag } });
    expect(other.status).toBe(200);
    expect(other.headers.get("etag")).not.toBe(etag);
  });

  it("refuses an oversized body unread, and a wrong path, in the GraphQL error shape", async () => {
    const big = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ ${"__typename ".repeat(600_000)} }` }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as any).errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
    const wrong = await fetch(server.url.replace("/graphql", "/nope"));
    expect(wrong.status).toBe(404);
    expect(((await wrong.json()) as any).errors[0].extensions.code).toBe("NOT_FOUND");
  });

  it("answers a browser's plain GET with GraphiQL, whose files it serves itself, and anything else as before", async () => {
    const page = await fetch(server.url, { headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("content-security-policy")).toMatch(/^default-src 'self'/);
    const html = await page.text();
    const files = [...html.matchAll(/(?:src|href)="(\/graphiql\/[^"]+)"/g)].map((m) => m[1]!);
    expect(files).toHaveLength(5);
    for (const file of files) expect((await fetch(new URL(file, server.url))).status).toBe(200);
    const api = await fetch(server.url);
    expect(api.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("answers a malformed query with 400 and a typed error", async () => {
    const { status, body } = await post(`{ areas(first: "many") { totalCount } }`);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
