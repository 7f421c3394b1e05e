import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { queryRows } from "../db/types.ts";
import publishedCsv from "../demo/published-figures.ts";
import { createDemoDatabase, type TestDatabase } from "../testing/database.ts";
import { createTestClient } from "../testing/graphql.ts";

let database: TestDatabase;
let api: ReturnType<typeof createTestClient>;

beforeAll(async () => {
  database = await createDemoDatabase(inject("demoDatabase"));
  api = createTestClient(database);
});
afterAll(() => database?.close());

const BENCHMARK = `query B($set: QuestionSetCode!, $q: String!, $area: String!, $band: Band) {
  benchmark(questionSet: $set, question: $q, area: $area, band: $band) {
    questionSet { code version } question { code kind } band area { code name }
    value { numerator denominator percentage confidenceInterval { lower upper level method } status symbol reason }
    england { numerator denominator percentage confidenceInterval { lower upper } status }
    syntheticData
  }
}`;

const NEGATIVE_MEASURES = new Set(["poor_or_very_poor", "never_or_rarely"]);

describe("benchmark reproduces POET's published national figures", () => {
  it.each(publishedCsv.map((row) => [row.instrument, row.theme, row.measure, row.percent] as const))(
    "%s %s %s = %i%%",
    async (set, question, measure, percent) => {
      const band = NEGATIVE_MEASURES.has(measure) ? "NEGATIVE" : "POSITIVE";
      const { benchmark } = await api.data(BENCHMARK, { set, q: question, area: "E92000001", band });
      expect(benchmark.england.status).toBe("AVAILABLE");
      expect(benchmark.syntheticData).toBe(true);
      expect(Math.round(benchmark.england.percentage)).toBe(percent);
      expect(benchmark.value).toMatchObject({ numerator: benchmark.england.numerator, denominator: benchmark.england.denominator });
    },
  );
});

describe("benchmark for an area", () => {
  it("counts exactly what the stored answers hold, with its Wilson interval", async () => {
    const [busiest] = await queryRows<{ area_code: string }>(
      database.db,
      sql`select r.area_code from responses r join question_sets s on s.id = r.question_set_id
          where s.code = 'ADULT_PB' group by r.area_code order by count(*) desc, r.area_code limit 1`,
    );
    const area = busiest!.area_code;
    const [truth] = await queryRows<{ positive: number; answered: number }>(
      database.db,
      sql`select count(*) filter (where o.band = 'POSITIVE')::int as positive, count(*) filter (where o.band <> 'EXCLUDED')::int as answered
          from answers a join responses r on r.id = a.response_id join questions q on q.id = a.question_id
          join question_sets s on s.id = q.question_set_id join scale_options o on o.id = a.option_id
          where s.code = 'ADULT_PB' and q.code = 'quality_of_life' and r.area_code = ${area} and r.withdrawn_at is null`,
    );
    const { benchmark } = await api.data(BENCHMARK, { set: "ADULT_PB", q: "quality_of_life", area });
    expect(benchmark.value).toMatchObject({ numerator: truth!.positive, denominator: truth!.answered, status: "AVAILABLE", symbol: null, reason: null });
    expect(benchmark.value.percentage).toBeCloseTo((100 * truth!.positive) / truth!.answered, 10);
    const { lower, upper, level, method } = benchmark.value.confidenceInterval;
    expect(lower).toBeLessThan(benchmark.value.percentage);
    expect(upper).toBeGreaterThan(benchmark.value.percentage);
    expect({ level, method }).toEqual({ level: 0.95, method: "WILSON" });
    expect(benchmark.area.code).toBe(area);
  });

  it("pools a region's councils", async () => {
    const [truth] = await queryRows<{ positive: number; answered: number }>(
      database.db,
      sql`select count(*) filter (where o.band = 'POSITIVE')::int as positive, count(*) filter (where o.band <> 'EXCLUDED')::int as answered
          from answers a join responses r on r.id = a.response_id join areas ar on ar.code = r.area_code
          join questions q on q.id = a.question_id join question_sets s on s.id = q.question_set_id join scale_options o on o.id = a.option_id
          where s.code = 'CYP_EHCP' and q.code = 'dignity' and ar.parent_code = 'E12000007'`,
    );
    const { benchmark } = await api.data(BENCHMARK, { set: "CYP_EHCP", q: "dignity", area: "E12000007" });
    expect(truth!.answered).toBeGreaterThan(0);
    expect(benchmark.value).toMatchObject({ numerator: truth!.positive, denominator: truth!.answered });
  });

  it("says there is no data for a council with no responses", async () => {
    const [quiet] = await queryRows<{ code: string }>(
      database.db,
      sql`select code from areas where type = 'LOCAL_AUTHORITY' and code not in (select area_code from responses) order by code limit 1`,
    );
    const { benchmark } = await api.data(BENCHMARK, { set: "ADULT_PB", q: "quality_of_life", area: quiet!.code });
    expect(benchmark.value).toMatchObject({ status: "NO_DATA", symbol: "x", numerator: null, percentage: null, confidenceInterval: null });
    expect(benchmark.value.reason).toContain("No answers");
    expect(benchmark.england.status).toBe("AVAILABLE");
  });
});

describe("benchmark rejects bad input with a typed error", () => {
  it.each([
    [{ set: "ADULT_PB", q: "no_such_question", area: "E92000001" }, "NOT_FOUND"],
    [{ set: "ADULT_PB", q: "quality_of_life", area: "E06999999" }, "NOT_FOUND"],
    [{ set: "ADULT_PB", q: "quality_of_life", area: "England" }, "BAD_USER_INPUT"],
    [{ set: "ADULT_PB", q: "quality_of_life", area: "E92000001", band: "EXCLUDED" }, "BAD_USER_INPUT"],
    [{ set: "ADULT_PB", q: "gender", area: "E92000001" }, "BAD_USER_INPUT"],
    [{ set: "NOT_AN_INSTRUMENT", q: "quality_of_life", area: "E92000001" }, "BAD_USER_INPUT"],
  ])("%o → %s", async (variables, code) => {
    expect(await api.errorCodes(BENCHMARK, variables)).toEqual([code]);
  });
});
