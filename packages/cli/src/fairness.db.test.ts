import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@poet/core/config";
import { createPgliteDatabase } from "@poet/core/db/pglite";
import { testDriver } from "@poet/core/testing/database";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RunningServer, startServer } from "./commands.ts";

// The local server is one thread with PGlite inside it: a heavy request must leave turns to the
// others. Counted, not timed (`npm run bench -- --only hostile` times it): how many of a second
// client's requests are answered while the heavy one is still being worked on. Before queries and
// charts took turns, none was.
const dir = mkdtempSync(join(tmpdir(), "poet-fair-"));
let server: RunningServer;

beforeAll(async () => {
  if (testDriver() !== "pglite") return;
  const dataDir = join(dir, "pglite");
  const demo = await createPgliteDatabase(dataDir, { loadDataDir: new Blob([readFileSync(inject("demoDatabase"))]) });
  await demo.close();
  server = await startServer(loadConfig({ POET_DATA_DIR: dataDir, PORT: "0", NODE_ENV: "test", POET_LOG_LEVEL: "silent" }));
}, 120_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const post = async (query: string) =>
  (await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) })).json() as Promise<{
    data?: any;
    errors?: unknown[];
  }>;

/** Runs `heavy` while asking `{ about { version } }` over and over; how many were answered before it was. */
async function answeredMeanwhile(heavy: string): Promise<{ answered: number; result: { data?: any; errors?: unknown[] } }> {
  let done = false;
  let answered = 0;
  const running = post(heavy).finally(() => (done = true));
  while (!done) {
    await post("{ about { version } }");
    if (!done) answered++;
  }
  return { answered, result: await running };
}

describe.runIf(testDriver() === "pglite")("one heavy request on the local server", () => {
  it("leaves turns to other callers while it draws four reports", async () => {
    const reports = `{ ${[1, 2, 3, 4].map((i) => `r${i}: localReport(area: "E10000024", questionSet: ADULT_PB) { html }`).join(" ")} }`;
    const { answered, result } = await answeredMeanwhile(reports);
    expect(result.errors).toBeUndefined();
    expect(Object.values(result.data).every((r: any) => r.html.includes("<svg"))).toBe(true);
    expect(answered).toBeGreaterThanOrEqual(5);
  });

  it("leaves turns to other callers while it builds an export", async () => {
    const { answered, result } = await answeredMeanwhile(`{ figureExport(questionSet: PHB) { rowCount content } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.figureExport.rowCount).toBeGreaterThan(10_000);
    expect(answered).toBeGreaterThanOrEqual(3);
  });
});
