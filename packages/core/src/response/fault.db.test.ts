import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../db/types.ts";
import { verifyFigureCubes } from "../figure/aggregate.ts";
import { type TestDatabase, testDriver } from "../testing/database.ts";
import { createSetUpDatabase } from "../testing/fixtures.ts";
import { systemScope, testCredential } from "../testing/keys.ts";
import { importResponses } from "./index.ts";

// The database connection cut (its backend terminated) in the middle of a bulk import: nothing
// of the file is stored, and a retry completes it, once. Postgres only: PGlite has no backends.
let database: TestDatabase;
const ROWS = 1600;

beforeAll(async () => {
  database = await createSetUpDatabase();
  await testCredential(database.db, { type: "COUNCIL", slug: "cut-off", areas: ["E06000001"] });
});
afterAll(() => database?.close());

const file = () => {
  const rows = Array.from({ length: ROWS }, (_, i) => `CUT-${i},E06000001,2025-06-01,ONLINE,SELF,,yes,${i % 2 ? "better" : "worse"}`);
  return Buffer.from(["external_ref,area,collected_on,collection_mode,completed_by,comment,help_to_plan,quality_of_life", ...rows].join("\n"));
};
const stored = async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from responses`))[0]!.n;

describe.runIf(testDriver() === "postgres")("a connection cut during an import", () => {
  it("leaves nothing of the file, and a retry stores it whole, once", async () => {
    let batches = 0;
    const cut = async () => {
      if (++batches !== 2) return;
      const killed = await queryRows<{ ok: boolean }>(
        database.db,
        sql`select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'`,
      );
      expect(killed.length).toBeGreaterThan(0);
    };
    const scope = systemScope(database.db);
    await expect(importResponses(scope, file(), { organisation: "cut-off", questionSet: "ADULT_PB", onProgress: cut })).rejects.toThrow();
    expect(batches).toBe(2);
    expect(await stored()).toBe(0);
    expect(await verifyFigureCubes(database.db)).toEqual([]);
    const retried = await importResponses(scope, file(), { organisation: "cut-off", questionSet: "ADULT_PB" });
    expect(retried).toMatchObject({ rows: ROWS, created: ROWS, rejected: 0, written: true });
    expect(await stored()).toBe(ROWS);
    expect(await verifyFigureCubes(database.db)).toEqual([]);
  });
});
