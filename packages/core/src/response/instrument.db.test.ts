import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../testing/database.ts";
import { createSetUpDatabase } from "../testing/fixtures.ts";
import { loadInstruments } from "./instrument.ts";

// Instruments are kept in the process under a fingerprint of the published question sets: a
// version that stops or starts being published shows at the next load, in every database.
let database: TestDatabase;
let other: TestDatabase;

beforeAll(async () => {
  [database, other] = await Promise.all([createSetUpDatabase(), createSetUpDatabase()]);
});
afterAll(async () => {
  await database?.close();
  await other?.close();
});

const versions = async (db: TestDatabase) => (await loadInstruments(db.db, ["CARER"])).map((i) => i.version);

describe("loadInstruments", () => {
  it("reads every published version of the instruments named, with their questions and options", async () => {
    const [v1] = await loadInstruments(database.db, ["CARER"]);
    expect(await versions(database)).toEqual([1, 2]);
    expect(v1!.questions.size).toBeGreaterThan(10);
    expect([...v1!.questions.values()].every((q) => q.options.size > 0)).toBe(true);
    expect((await loadInstruments(database.db, ["PHB"])).map((i) => [i.code, i.areaType])).toEqual([
      ["PHB", "ICB"],
      ["PHB", "ICB"],
    ]);
  });

  it("sees a version withdrawn from publication, and back, without a restart, in that database alone", async () => {
    await database.db.execute(sql`update question_sets set status = 'DRAFT' where code = 'CARER' and version = 2`);
    expect(await versions(database)).toEqual([1]);
    expect(await versions(other)).toEqual([1, 2]);
    await database.db.execute(sql`update question_sets set status = 'PUBLISHED' where code = 'CARER' and version = 2`);
    expect(await versions(database)).toEqual([1, 2]);
  });
});
