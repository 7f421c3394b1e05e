import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responses } from "../response/response.sql.ts";
import type { TestDatabase } from "../testing/database.ts";
import { createSetUpDatabase } from "../testing/fixtures.ts";
import { demoResponseCount } from "./generate.ts";
import { seedDemoData } from "./seed.ts";

describe("seedDemoData", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createSetUpDatabase();
  });
  afterAll(() => database?.close());

  it("reports its progress as batches are written, every few per cent, and once at the end with everything done", async () => {
    const scale = 0.2;
    const total = demoResponseCount({ scale });
    const calls: [number, number][] = [];
    const result = await seedDemoData(database, { scale, onProgress: (done, of) => calls.push([done, of]) });
    expect(result).toEqual({ responses: total, skipped: false });
    const [stored] = await database.db.select({ n: count() }).from(responses).where(eq(responses.synthetic, true));
    expect(stored!.n).toBe(total);

    expect(calls.length).toBeGreaterThanOrEqual(20);
    expect(new Set(calls.map(([, of]) => of))).toEqual(new Set([total]));
    calls.forEach(([done], i) => {
      const before = i ? calls[i - 1]![0] : 0;
      expect(done).toBeGreaterThan(before);
      expect(done - before).toBeLessThanOrEqual(Math.ceil(total / 20));
    });
    expect(calls.at(-1)).toEqual([total, total]);
    expect(calls.filter(([done]) => done === total)).toHaveLength(1);

    // Already there: nothing to do, and nothing reported.
    calls.length = 0;
    expect(await seedDemoData(database, { scale, onProgress: (done, of) => calls.push([done, of]) })).toEqual({ responses: total, skipped: true });
    expect(calls).toEqual([]);
  });
});
