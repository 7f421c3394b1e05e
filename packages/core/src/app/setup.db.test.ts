import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { areaAncestors, areas, statisticalNeighbours } from "../area/area.sql.ts";
import { queryRows } from "../db/types.ts";
import { createTestDatabase, type TestDatabase } from "../testing/database.ts";
import { setupDatabase } from "./setup.ts";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const sizes = async () => ({
  areas: (await database.db.select({ n: count() }).from(areas))[0]!.n,
  closure: (await database.db.select({ n: count() }).from(areaAncestors))[0]!.n,
  neighbours: (await database.db.select({ n: count() }).from(statisticalNeighbours))[0]!.n,
});

describe("setupDatabase", () => {
  it("loads England, 9 regions, 153 councils, 7 NHS regions and 42 ICBs with their neighbours", async () => {
    const byType = await queryRows<{ type: string; n: number }>(database.db, sql`select type, count(*)::int as n from areas group by type order by type`);
    expect(Object.fromEntries(byType.map((r) => [r.type, r.n]))).toEqual({ NATION: 1, REGION: 9, LOCAL_AUTHORITY: 153, NHS_REGION: 7, ICB: 42 });
    expect((await sizes()).neighbours).toBe(1530);
  });

  it("builds the hierarchy closure: a council has itself, its region and England", async () => {
    const rows = await database.db.select().from(areaAncestors).where(eq(areaAncestors.areaCode, "E06000001"));
    expect(rows.map((r) => [r.ancestorCode, r.depth]).sort()).toEqual([
      ["E06000001", 0],
      ["E12000001", 1],
      ["E92000001", 2],
    ]);
    const [england] = await database.db.select({ n: count() }).from(areaAncestors).where(eq(areaAncestors.ancestorCode, "E92000001"));
    expect(england!.n).toBe(212);
  });

  it("can run again without changing anything", async () => {
    const before = await sizes();
    await setupDatabase(database);
    expect(await sizes()).toEqual(before);
  });
});

describe("a database without the demo data", () => {
  it("says its figures are not synthetic", async () => {
    const { createTestClient } = await import("../testing/graphql.ts");
    const { about } = await createTestClient(database).data(`{ about { syntheticData dataNotice } }`);
    expect(about.syntheticData).toBe(false);
    expect(about.dataNotice).not.toMatch(/SYNTHETIC/);
  });
});

describe("setupDatabaseIfStale", () => {
  it("sets a database up once, then only checks its stamp, and again when the stamp is not current", async () => {
    const { setupDatabaseIfStale, setupStamp, storedSetupStamp } = await import("./setup.ts");
    await database.db.execute(sql`drop table if exists drizzle.poet_setup`);
    expect(await storedSetupStamp(database)).toBeNull();
    expect(await setupDatabaseIfStale(database)).toBe(true);
    expect(await storedSetupStamp(database)).toBe(setupStamp());
    expect(await setupDatabaseIfStale(database)).toBe(false);
    // A database set up by other code (another checkout's migrations or question sets) is set up again.
    await database.db.execute(sql`update drizzle.poet_setup set stamp = 'from another version'`);
    await database.db.execute(sql`delete from statistical_neighbours`);
    expect(await setupDatabaseIfStale(database)).toBe(true);
    expect((await sizes()).neighbours).toBe(1530);
    expect(await setupDatabaseIfStale(database)).toBe(false);
  });

  it("stamps what the set-up loads: a changed migration changes the stamp", async () => {
    const { setupStamp } = await import("./setup.ts");
    const { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const copy = join(mkdtempSync(join(tmpdir(), "poet-stamp-")), "migrations");
    try {
      cpSync(new URL("../../migrations", import.meta.url), copy, { recursive: true });
      expect(setupStamp(copy)).toBe(setupStamp());
      const last = readdirSync(copy)
        .filter((f) => f.endsWith(".sql"))
        .sort()
        .at(-1)!;
      appendFileSync(join(copy, last), "\n-- changed\n");
      expect(setupStamp(copy)).not.toBe(setupStamp());
    } finally {
      rmSync(join(copy, ".."), { recursive: true, force: true });
    }
  });
});
