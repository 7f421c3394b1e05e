import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../db/types.ts";
import publishedCsv from "../demo/published-figures.ts";
import { useDemoApi } from "../testing/fixtures.ts";
import { expectedMeasure, trueCells } from "../testing/truth.ts";
import { parseCsv } from "../util/csv.ts";
import { addCells, EMPTY_CELL, publishedCount } from "./disclosure.ts";
import { COUNTABLE_BANDS, publishBand } from "./measure.ts";

const demo = useDemoApi();

const BENCHMARK = `query B($set: QuestionSetCode!, $version: Int, $q: String!, $area: String!, $band: Band) {
  benchmark(questionSet: $set, version: $version, question: $q, area: $area, band: $band) {
    questionSet { code version } question { code kind } band area { code name }
    value { numerator denominator percentage confidenceInterval { lower upper level method } status symbol reason disclosure }
    england { numerator denominator percentage confidenceInterval { lower upper } status disclosure }
    syntheticData
  }
}`;

const NEGATIVE_MEASURES = new Set(["poor_or_very_poor", "never_or_rarely"]);

describe("benchmark reproduces POET's published national figures", () => {
  it.each(publishedCsv.map((row) => [row.instrument, row.theme, row.measure, row.percent] as const))(
    "%s %s %s = %i per cent",
    async (set, question, measure, percent) => {
      const band = NEGATIVE_MEASURES.has(measure) ? "NEGATIVE" : "POSITIVE";
      // Published on version 1, which the demo data answer up to 2024-25.
      const { benchmark } = await demo.api.data(BENCHMARK, { set, version: 1, q: question, area: "E92000001", band });
      expect(benchmark.england.status).toBe("AVAILABLE");
      expect(benchmark.syntheticData).toBe(true);
      expect(Math.round(benchmark.england.percentage)).toBe(percent);
      expect(benchmark.value).toMatchObject({ numerator: benchmark.england.numerator, denominator: benchmark.england.denominator });
    },
  );
});

// On version 1 (2022-23 to 2024-25), the bulk of the demo data.
describe("benchmark for an area", () => {
  // The busiest council whose version-1 quality of life is published over version 1's years (a
  // council whose last year is too small to show alone publishes only the years before it).
  const busiest = async (set: string) => {
    const councils = await queryRows<{ area_code: string }>(
      demo.database.db,
      sql`select r.area_code from responses r join question_sets s on s.id = r.question_set_id join areas a on a.code = r.area_code
        where s.code = ${set} and a.type = 'LOCAL_AUTHORITY' group by r.area_code order by count(*) desc, r.area_code limit 20`,
    );
    for (const { area_code } of councils) {
      const { benchmark } = await demo.api.data(BENCHMARK, { set, version: 1, q: "quality_of_life", area: area_code });
      if (benchmark.value.status === "AVAILABLE") return area_code;
    }
    throw new Error("no busy council publishes its version-1 quality of life");
  };

  it("publishes exactly what the disclosure pipeline makes of the stored answers", async () => {
    const area = await busiest("ADULT_PB");
    const truth = await trueCells(demo.database.db, { questionSet: "ADULT_PB", question: "quality_of_life", area, to: 2024 });
    const { benchmark } = await demo.api.data(BENCHMARK, { set: "ADULT_PB", version: 1, q: "quality_of_life", area });
    const expected = publishBand(truth, "POSITIVE", { live: false, areaName: benchmark.area.name, bands: COUNTABLE_BANDS });
    expect(expected.status).toBe("AVAILABLE");
    // The same, the slow way, year by year: each year's cells, then the blocks they make.
    expect(
      await expectedMeasure(demo.database.db, {
        questionSet: "ADULT_PB",
        question: "quality_of_life",
        area,
        from: 2022,
        to: 2024,
        familyVersions: [1],
        countedVersions: [1],
        band: "POSITIVE",
      }),
    ).toEqual(expected);
    expect(benchmark.value).toEqual({ ...expected, confidenceInterval: { ...expected.confidenceInterval } });
    expect(benchmark.value.numerator % 5).toBe(0);
    expect(benchmark.value.disclosure).toBe("ROUNDED");
    expect(benchmark.england.disclosure).toBe("ROUNDED");
  });

  it("pools a region's councils, and a council's statistical neighbours, through the same pipeline", async () => {
    const truth = await trueCells(demo.database.db, { questionSet: "CYP_EHCP", question: "dignity", area: "E12000007", to: 2024 });
    const { benchmark } = await demo.api.data(BENCHMARK, { set: "CYP_EHCP", version: 1, q: "dignity", area: "E12000007" });
    expect(truth.answered.count).toBeGreaterThan(20);
    expect(benchmark.value).toMatchObject({ numerator: publishedCount(truth.POSITIVE), denominator: publishedCount(truth.answered) });

    const council = await busiest("ADULT_PB");
    const { neighbours } = await demo.api.data(
      `query($a: String!) { neighbours: benchmark(questionSet: ADULT_PB, version: 1, question: "quality_of_life", area: $a) {
        comparisons { comparator areas { code } measure { numerator denominator } } } }`,
      { a: council },
    );
    const pooled = neighbours.comparisons.find((c: { comparator: string }) => c.comparator === "STATISTICAL_NEIGHBOURS");
    expect(pooled.areas).toHaveLength(10);
    let positive = EMPTY_CELL;
    let answered = EMPTY_CELL;
    for (const { code } of pooled.areas as { code: string }[]) {
      const cells = await trueCells(demo.database.db, { questionSet: "ADULT_PB", question: "quality_of_life", area: code, to: 2024 });
      positive = addCells(positive, cells.POSITIVE);
      answered = addCells(answered, cells.answered);
    }
    expect(answered.count).toBeGreaterThan(100);
    expect(pooled.measure).toEqual({ numerator: publishedCount(positive), denominator: publishedCount(answered) });
  });

  it("compares with England, the region and the neighbours by Fingertips' rule, on the published values", async () => {
    const area = await busiest("PARENT_EHCP");
    const result = await demo.api.data(
      `query($area: String!) { benchmark(questionSet: PARENT_EHCP, version: 1, question: "school_and_learning", area: $area) {
        polarity value { percentage confidenceInterval { lower upper } }
        comparisons { comparator name areas { code } measure { percentage status } outcome } comparisonMethod } }`,
      { area },
    );
    const { polarity, value, comparisons } = result.benchmark;
    expect(polarity).toBe("HIGHER_IS_BETTER");
    expect(comparisons.map((c: { comparator: string }) => c.comparator)).toEqual(["ENGLAND", "REGION", "STATISTICAL_NEIGHBOURS"]);
    expect(comparisons[2].areas).toHaveLength(10);
    const [{ region }] = (await queryRows<{ region: string }>(demo.database.db, sql`select parent_code as region from areas where code = ${area}`)) as [
      { region: string },
    ];
    expect(comparisons.slice(0, 2).map((c: { name: string; areas: { code: string }[] }) => [c.name, c.areas])).toEqual([
      ["England", [{ code: "E92000001" }]],
      [expect.any(String), [{ code: region }]],
    ]);
    expect(comparisons[2].name).toMatch(/^.+'s 10 statistical neighbours$/);
    for (const c of comparisons) {
      const expected =
        c.measure.percentage === null
          ? "NOT_COMPARED"
          : c.measure.percentage < value.confidenceInterval.lower
            ? "BETTER"
            : c.measure.percentage > value.confidenceInterval.upper
              ? "WORSE"
              : "SIMILAR";
      expect(c.outcome).toBe(expected);
    }
  });

  it("says, when a council's neighbours have no answers, that its statistical neighbours have none", async () => {
    // In the demo data none of E06000034's ten neighbours has a carers' response in 2023-24.
    const { benchmark } = await demo.api.data(
      `{ benchmark(questionSet: CARER, version: 1, question: "control_over_life", area: "E06000034", period: { from: "2023-24", to: "2023-24" }) {
        comparisons { comparator measure { status reason } outcome } } }`,
    );
    expect(benchmark.comparisons[2]).toEqual({
      comparator: "STATISTICAL_NEIGHBOURS",
      measure: { status: "NO_DATA", reason: "No answers to this question in its statistical neighbours for this period." },
      outcome: "NOT_COMPARED",
    });
  });

  it("ranks a council among councils with published values, consistently with the bulk export", async () => {
    const area = await busiest("ADULT_PB");
    const { benchmark } = await demo.api.data(
      `query($area: String!) { benchmark(questionSet: ADULT_PB, version: 1, question: "quality_of_life", area: $area) { value { percentage } rank { position of quartile peerType } } }`,
      { area },
    );
    const { figureExport } = await demo.api.data(`{ figureExport(questionSet: ADULT_PB, version: 1, format: CSV) { content } }`);
    const peers = parseCsv(figureExport.content).filter(
      (r) => r.area_type === "LOCAL_AUTHORITY" && r.question_code === "quality_of_life" && r.band === "POSITIVE" && r.status === "AVAILABLE",
    );
    const better = peers.filter((r) => Number(r.percentage) > benchmark.value.percentage).length;
    expect(benchmark.rank).toEqual({
      position: better + 1,
      of: peers.length,
      quartile: Math.floor((better * 4) / peers.length) + 1,
      peerType: "LOCAL_AUTHORITY",
    });
  });

  it("ranks a NEGATIVE share lowest first, and gives a NEUTRAL share no judgement", async () => {
    const { figureExport } = await demo.api.data(`{ figureExport(questionSet: ADULT_PB, version: 1, format: CSV) { content } }`);
    const rows = parseCsv(figureExport.content);
    const peersOf = (band: string) =>
      rows.filter((r) => r.area_type === "REGION" && r.question_code === "quality_of_life" && r.band === band && r.status === "AVAILABLE");
    // A region whose NEGATIVE share has more published regions on one side of it than the other.
    const shares = peersOf("NEGATIVE").map((r) => Number(r.percentage));
    const area = peersOf("NEGATIVE").find((r) => {
      const p = Number(r.percentage);
      return shares.filter((s) => s < p).length !== shares.filter((s) => s > p).length;
    })!.area_code!;
    const q = `query($area: String!, $b: Band) { benchmark(questionSet: ADULT_PB, version: 1, question: "quality_of_life", area: $area, band: $b) {
      polarity value { percentage confidenceInterval { lower upper } } rank { position of } comparisons { measure { percentage } outcome } } }`;
    const negative = (await demo.api.data(q, { area, b: "NEGATIVE" })).benchmark;
    expect(negative.polarity).toBe("LOWER_IS_BETTER");
    const peers = peersOf("NEGATIVE");
    const lower = peers.filter((r) => Number(r.percentage) < negative.value.percentage).length;
    const higher = peers.filter((r) => Number(r.percentage) > negative.value.percentage).length;
    expect(lower).not.toBe(higher);
    expect(negative.rank).toEqual({ position: lower + 1, of: peers.length });
    for (const c of negative.comparisons) {
      const { lower: lo, upper: hi } = negative.value.confidenceInterval;
      expect(c.outcome).toBe(
        c.measure.percentage === null ? "NOT_COMPARED" : c.measure.percentage > hi ? "BETTER" : c.measure.percentage < lo ? "WORSE" : "SIMILAR",
      );
    }
    const neutral = (await demo.api.data(q, { area, b: "NEUTRAL" })).benchmark;
    expect(neutral.polarity).toBe("NO_JUDGEMENT");
    for (const c of neutral.comparisons) {
      const { lower: lo, upper: hi } = neutral.value.confidenceInterval;
      expect(c.outcome).toBe(
        c.measure.percentage === null ? "NOT_COMPARED" : c.measure.percentage > hi ? "LOWER" : c.measure.percentage < lo ? "HIGHER" : "SIMILAR",
      );
    }
  });

  it("says there is no data for a council with no responses, and does not rank it", async () => {
    const [quiet] = await queryRows<{ code: string }>(
      demo.database.db,
      sql`select code from areas where type = 'LOCAL_AUTHORITY' and code not in (select area_code from responses) order by code limit 1`,
    );
    const { benchmark } = await demo.api.data(
      `query($area: String!) { benchmark(questionSet: ADULT_PB, question: "quality_of_life", area: $area) { value { status symbol reason } comparisons { outcome } rank { position } } }`,
      { area: quiet!.code },
    );
    expect(benchmark.value).toMatchObject({ status: "NO_DATA", symbol: "x" });
    expect(benchmark.value.reason).toContain("No answers");
    expect(benchmark.comparisons.map((c: { outcome: string }) => c.outcome)).toEqual(["NOT_COMPARED", "NOT_COMPARED", "NOT_COMPARED"]);
    expect(benchmark.rank).toBeNull();
  });

  it("pools a run of financial years, and a single year", async () => {
    const one = await trueCells(demo.database.db, { questionSet: "ADULT_PB", question: "quality_of_life", area: "E92000001", from: 2024, to: 2024 });
    const two = await trueCells(demo.database.db, { questionSet: "ADULT_PB", question: "quality_of_life", area: "E92000001", from: 2023, to: 2024 });
    const q = `query($p: PeriodInput) { benchmark(questionSet: ADULT_PB, question: "quality_of_life", area: "E92000001", period: $p) { period { label financialYears } england { numerator denominator } } }`;
    const single = (await demo.api.data(q, { p: { from: "2024-25" } })).benchmark;
    expect(single.period).toEqual({ label: "2024-25", financialYears: ["2024-25"] });
    expect(single.england).toEqual({ numerator: publishedCount(one.POSITIVE), denominator: publishedCount(one.answered) });
    const run = (await demo.api.data(q, { p: { from: "2023-24", to: "2024-25" } })).benchmark;
    expect(run.period.label).toBe("2023-24 to 2024-25");
    expect(run.england).toEqual({ numerator: publishedCount(two.POSITIVE), denominator: publishedCount(two.answered) });
    expect(await demo.api.errorCodes(q, { p: { from: "2024-26" } })).toEqual(["BAD_USER_INPUT"]);
    expect(await demo.api.errorCodes(q, { p: { from: "2024-25", to: "2023-24" } })).toEqual(["BAD_USER_INPUT"]);
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
    expect(await demo.api.errorCodes(BENCHMARK, variables)).toEqual([code]);
  });
});
