import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@poet/core/app";
import { createTestDatabase, type TestDatabase, testDriver } from "@poet/core/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningServer, startServer } from "./commands.ts";
import { main } from "./program.ts";

// What `npm start` does, over HTTP: on PGlite a fresh data folder (set up with the demo data,
// and its releases 2025-07 and 2026-07, on first start), on Postgres a fresh database named by
// DATABASE_URL (reached through the Neon driver and the proxy `serve` starts itself), which holds
// no response and no release. Before it starts, an administrator's and a council's keys are made
// with the CLI, as an operator would.
let server: RunningServer;
let cleanUp: () => Promise<void>;
const keys = { admin: "", council: "" };
const COUNCIL_AREA = "E06000001";

/** A `poet key create` run's key: the last line it prints. */
async function poet(env: Record<string, string>, ...argv: string[]): Promise<string> {
  const out: string[] = [];
  const spies = [vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line)), vi.spyOn(console, "error").mockImplementation(() => {})];
  try {
    const code = await main(argv, { env, output: { writeOut: () => {}, writeErr: (s) => out.push(s) } });
    if (code !== 0) throw new Error(`poet ${argv.join(" ")}: exit ${code}: ${out.join("\n")}`);
    return out.at(-1)!;
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

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
  await poet(env, "organisation", "--slug", "serve-admin", "--name", "Serve administrators", "--type", "ADMINISTRATOR");
  keys.admin = await poet(env, "key", "create", "--organisation", "serve-admin");
  await poet(env, "organisation", "--slug", "serve-council", "--name", "Serve council", "--type", "COUNCIL", "--area", COUNCIL_AREA);
  keys.council = await poet(env, "key", "create", "--organisation", "serve-council");
  server = await startServer(loadConfig(env));
});
afterAll(async () => {
  await server?.stop();
  await cleanUp?.();
});

const post = async (query: string, variables: Record<string, unknown> = {}, key?: string) => {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
};
const origin = () => new URL(server.url).origin;

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

  it("serves the latest release's downloads and reports, and on a database with no release, nothing, uncached", async () => {
    const index = await fetch(`${origin()}/downloads/`);
    const report = await fetch(`${origin()}/reports/E10000024/adult_pb.html`, { redirect: "manual" });
    if (testDriver() === "pglite") {
      expect(index.status).toBe(200);
      expect(await index.json()).toMatchObject({ release: "2026-07", releases: ["2026-07", "2025-07"] });
      expect(report.status).toBe(307);
      expect(report.headers.get("location")).toBe("/reports/2026-07/E10000024/adult_pb.html");
      const page = await fetch(new URL(report.headers.get("location")!, server.url));
      expect(page.status).toBe(200);
      expect(page.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(await page.text()).toContain("release 2026-07, cut");
    } else {
      expect(index.status).toBe(404);
      expect(index.headers.get("cache-control")).toBe("no-store");
      expect(report.status).toBe(404);
      expect(report.headers.get("cache-control")).toBe("no-store");
      const { body } = await post(`{ benchmark(questionSet: ADULT_PB, question: "quality_of_life", area: "E92000001") { release } }`);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", argument: "release" });
    }
  });

  it("answers a plain GET with Cache-Control and an ETag, then 304 until a release is cut, however many responses arrive", async () => {
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

    // A council's response: anonymous readers cannot see it, so nothing they cached is stale.
    const submitted = await post(
      `mutation($responses: [ResponseInput!]!) { submitResponses(input: { responses: $responses }) { created } }`,
      {
        responses: [
          {
            externalRef: "SERVE-1",
            questionSet: "ADULT_PB",
            area: COUNCIL_AREA,
            collectedOn: "2025-06-01",
            collectionMode: "ONLINE",
            completedBy: "SELF",
            answers: [{ question: "quality_of_life", option: "better" }],
          },
        ],
      },
      keys.council,
    );
    expect(submitted.body.data).toEqual({ submitResponses: { created: 1 } });
    // Past the second the server trusts its release id for.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await fetch(url, { headers: { "if-none-match": etag } })).status).toBe(304);

    // A release: what anonymous readers read has moved, and so has the ETag.
    const cut = await post(`mutation { cutRelease(name: "2026-12-serve") { name latest } }`, {}, keys.admin);
    expect(cut.body.data).toEqual({ cutRelease: { name: "2026-12-serve", latest: true } });
    await expect.poll(async () => (await fetch(url, { headers: { "if-none-match": etag } })).status, { timeout: 5000, interval: 250 }).toBe(200);
    const moved = await fetch(url, { headers: { "if-none-match": etag } });
    expect(moved.headers.get("etag")).toMatch(/^"[\w-]{27}"$/);
    expect(moved.headers.get("etag")).not.toBe(etag);
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
