import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../db/types.ts";
import { createApiKey, createOrganisation } from "../organisation/index.ts";
import { CARER_V2, QUESTION_SET_DEFINITIONS } from "../questionset/definitions/index.ts";
import { opt } from "../questionset/definitions/scales.ts";
import { loadQuestionSets } from "../questionset/load.ts";
import type { QuestionSetDefinition } from "../questionset/types.ts";
import { cutRelease } from "../release/index.ts";
import type { TestDatabase } from "../testing/database.ts";
import { createSetUpDatabase } from "../testing/fixtures.ts";
import { createTestClient } from "../testing/graphql.ts";
import { systemScope, testCredential } from "../testing/keys.ts";
import { parseCsv } from "../util/csv.ts";
import { rebuildFigureCubes } from "./aggregate.ts";
import { type Cell, publishedCount } from "./disclosure.ts";
import { COARSE_REASON } from "./measure.ts";
import { invalidateReferenceData } from "./reference.ts";

/*
 * A made-up version 3 of CARER beside the real first two, and responses to versions 2 and 3 in
 * their own years (v2 in 2024-25, v3 in 2025-26), so that every figure's pooling can be checked
 * against counts made by hand from the list below. In version 3, `physical_health` is comparable
 * (pools), the meaning of `day_to_day_stress` changed (does not pool), `sleep` is new, and
 * `support_used` is a new multi-tick question.
 */
const CARER_V3: QuestionSetDefinition = {
  ...CARER_V2,
  version: 3,
  publishedOn: "2025-04-01",
  scales: [...CARER_V2.scales, { code: "SUPPORT_USED", label: "Support used", multiple: true, options: ["a", "b", "c"].map((c) => opt(c, `Kind ${c}`, null)) }],
  questions: [
    ...CARER_V2.questions.map((q) => ({ ...q, comparable: q.code !== "day_to_day_stress" })),
    { ...CARER_V2.questions.find((q) => q.code === "physical_health")!, code: "sleep", shortText: "sleep", theme: null, comparable: false },
    {
      ...CARER_V2.questions.find((q) => q.code === "gender")!,
      code: "support_used",
      shortText: "support used",
      theme: null,
      scale: "SUPPORT_USED",
      comparable: false,
    },
  ],
};

interface Fixture {
  version: 2 | 3;
  key: number;
  answers: Record<string, string[]>;
}

const GENDERS = ["female", "male", "other"];
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
// Version 1: 30 responses; physical_health 20 better then 10 worse; day_to_day_stress 12 better then 18 worse.
const V1: Fixture[] = range(30).map((i) => ({
  version: 2,
  key: (i * 37 + 11) % 256,
  answers: {
    physical_health: [i < 20 ? "better" : "worse"],
    day_to_day_stress: [i < 12 ? "better" : "worse"],
    gender: [GENDERS[i % 3]!],
  },
}));
// Version 2: 60 responses; physical_health 30 better, 20 worse, 10 not applicable.
const TICKS = (i: number) => (i < 10 ? ["a", "c"] : i < 15 ? ["a"] : i < 30 ? ["a", "b"] : i < 40 ? ["b", "c"] : i < 50 ? ["a", "b"] : ["c"]);
const V2: Fixture[] = range(60).map((i) => ({
  version: 3,
  key: (i * 53 + 7) % 256,
  answers: {
    physical_health: [i < 30 ? "better" : i < 50 ? "worse" : "not_applicable"],
    day_to_day_stress: [i < 25 ? "better" : "worse"],
    sleep: [i < 40 ? "better" : "worse"],
    gender: [GENDERS[i % 3]!],
    support_used: TICKS(i),
  },
}));

/** The cell of the responses that answered `question` with one of `options`, counted by hand. */
const cell = (rows: Fixture[], question: string, options: string[]): Cell =>
  rows
    .filter((r) => r.answers[question]?.some((o) => options.includes(o)))
    .reduce((c, r) => ({ count: c.count + 1, keySum: c.keySum + r.key }), { count: 0, keySum: 0 });
const GRADED = ["better", "a_lot_better", "worse", "a_lot_worse", "no_change"];
const published = (rows: Fixture[], question: string) => ({
  numerator: publishedCount(cell(rows, question, ["better", "a_lot_better"])),
  denominator: publishedCount(cell(rows, question, GRADED)),
});

let database: TestDatabase;
let api: ReturnType<typeof createTestClient>;
let region: string;
let memberHeader: string;

beforeAll(async () => {
  database = await createSetUpDatabase();
  const db = database.db;
  await loadQuestionSets(db, [...QUESTION_SET_DEFINITIONS, CARER_V3]);
  const organisation = await createOrganisation(systemScope(db), { slug: "versions-council", name: "Versions", type: "COUNCIL", areas: ["E06000001"] });
  [{ region }] = (await queryRows<{ region: string }>(db, sql`select parent_code as region from areas where code = 'E06000001'`)) as [{ region: string }];
  for (const [i, r] of [...V1, ...V2].entries()) {
    const year = r.version === 2 ? 2024 : 2025;
    await db.execute(sql`
      with s as (select id from question_sets where code = 'CARER' and version = ${r.version}),
      c as (
        select array_agg(coalesce((select sum(o.bit) from scale_options o where o.scale_id = q.scale_id and a.value ? o.code), 0)::int order by q.position) as choices
        from s join questions q on q.question_set_id = s.id
        left join jsonb_each(${JSON.stringify(r.answers)}::jsonb) a on a.key = q.code)
      insert into responses (question_set_id, area_code, organisation_id, external_ref, collected_on, financial_year, collection_mode, completed_by, record_key, choices)
      select s.id, 'E06000001', ${organisation.id}, ${`V-${i}`}, ${`${year}-06-01`}, ${year}, 'ONLINE', 'SELF', ${r.key}, c.choices from s, c`);
  }
  await rebuildFigureCubes(db);
  invalidateReferenceData(db);
  // Figures are read from a release: one that publishes both years.
  await cutRelease(systemScope(db), { name: "2026-07", asOf: "2026-07-01" });
  const { key } = await createApiKey(systemScope(db), { organisation: "versions-council", name: "tests" });
  memberHeader = `Bearer ${key}`;
  api = createTestClient(database);
});
afterAll(() => database?.close());

const BENCHMARK = `query($q: String!, $a: String!, $from: String!, $to: String, $v: Int) {
  benchmark(questionSet: CARER, question: $q, area: $a, period: { from: $from, to: $to }, version: $v) {
    versions value { numerator denominator status symbol reason } } }`;
const benchmark = async (question: string, period: [string, string?], version?: number) =>
  (await api.data(BENCHMARK, { q: question, a: region, from: period[0], to: period[1], v: version })).benchmark;

describe("figures across question set versions", () => {
  it("pool a comparable question over both versions, and say so; not applicable leaves the denominator", async () => {
    // By hand: v1 20 of 30 better; v2 30 of 50 better (10 not applicable left out); pooled 50 of 80.
    expect(cell([...V1, ...V2], "physical_health", ["better"]).count).toBe(50);
    expect(cell([...V1, ...V2], "physical_health", GRADED).count).toBe(80);
    const pooled = await benchmark("physical_health", ["2024-25", "2025-26"]);
    expect(pooled.versions).toEqual([2, 3]);
    expect(pooled.value).toMatchObject({ ...published([...V1, ...V2], "physical_health"), status: "AVAILABLE" });

    const latest = await benchmark("physical_health", ["2025-26"]);
    expect(latest.versions).toEqual([3]);
    expect(cell(V2, "physical_health", GRADED).count).toBe(50);
    expect(latest.value).toMatchObject(published(V2, "physical_health"));

    const first = await benchmark("physical_health", ["2024-25", "2025-26"], 2);
    expect(first.versions).toEqual([2]);
    expect(first.value).toMatchObject(published(V1, "physical_health"));
  });

  it("give a question that is not comparable a reason over a period that spans versions, not a wrong number", async () => {
    for (const question of ["day_to_day_stress", "sleep"]) {
      const spanning = await benchmark(question, ["2024-25", "2025-26"]);
      expect(spanning.versions).toEqual([3]);
      expect(spanning.value).toEqual({
        numerator: null,
        denominator: null,
        status: "NOT_COMPARABLE",
        symbol: "z",
        reason: `"${question}" of CARER version 3 is not comparable with version 2, whose responses fall in this period: ask for a period without them, or for one version.`,
      });
      // Within its own version's year it has a number. (With no NEUTRAL answers, the smaller of the
      // other two bands is hidden beside the empty one: day_to_day_stress's 25 better, sleep's 20 worse.)
      const within = await benchmark(question, ["2025-26"]);
      const [shown, hidden] = question === "sleep" ? ["POSITIVE", "NEGATIVE"] : ["NEGATIVE", "POSITIVE"];
      const bandOf = (band: string) =>
        api.data(
          `query($q: String!, $a: String!, $b: Band) { benchmark(questionSet: CARER, question: $q, area: $a, band: $b, period: { from: "2025-26" }) { value { numerator denominator status } } }`,
          {
            q: question,
            a: region,
            b: band,
          },
        );
      const worse = ["worse", "a_lot_worse"];
      expect((await bandOf(shown)).benchmark.value).toEqual({
        numerator: publishedCount(cell(V2, question, shown === "POSITIVE" ? ["better", "a_lot_better"] : worse)),
        denominator: publishedCount(cell(V2, question, GRADED)),
        status: "AVAILABLE",
      });
      expect((await bandOf(hidden)).benchmark.value.status).toBe("SUPPRESSED");
      expect(within.versions).toEqual([3]);
    }
    // Nothing to compare or rank, and each value says how it would have been published.
    const NONE = `query($a: String!) { benchmark(questionSet: CARER, question: "sleep", area: $a, period: { from: "2024-25", to: "2025-26" }) {
      value { status disclosure } england { status disclosure } comparisons { comparator } rank { position } } }`;
    expect((await api.data(NONE, { a: region })).benchmark).toEqual({
      value: { status: "NOT_COMPARABLE", disclosure: "ROUNDED" },
      england: { status: "NOT_COMPARABLE", disclosure: "ROUNDED" },
      comparisons: [],
      rank: null,
    });
    expect((await api.data(NONE, { a: "E92000001" })).benchmark.value).toEqual({ status: "NOT_COMPARABLE", disclosure: "ROUNDED" });
  });

  it("trend a comparable question year by year across versions", async () => {
    const { trend } = await api.data(
      `query($a: String!) { trend(questionSet: CARER, question: "physical_health", area: $a) { versions points { financialYear measure { numerator denominator } } } }`,
      { a: region },
    );
    expect(trend.versions).toEqual([2, 3]);
    expect(trend.points).toEqual([
      { financialYear: "2024-25", measure: published(V1, "physical_health") },
      { financialYear: "2025-26", measure: published(V2, "physical_health") },
    ]);
    const ONE = `query($a: String!, $v: Int!) { trend(questionSet: CARER, version: $v, question: "physical_health", area: $a) {
      versions direction points { financialYear measure { numerator denominator } } } }`;
    expect((await api.data(ONE, { a: region, v: 2 })).trend).toEqual({
      versions: [2],
      direction: "NOT_ENOUGH_DATA",
      points: [{ financialYear: "2024-25", measure: published(V1, "physical_health") }],
    });
    expect((await api.data(ONE, { a: region, v: 3 })).trend).toEqual({
      versions: [3],
      direction: "NOT_ENOUGH_DATA",
      points: [{ financialYear: "2025-26", measure: published(V2, "physical_health") }],
    });
  });

  it("break a pooled figure down by a comparable category, matching categories by their codes", async () => {
    // Published, the region's categories are too small to show year by year, so pooled over both
    // versions they are not shown (they would tell the years apart): each version's whole run is.
    const Q = `query($a: String!, $r: String) { breakdown(questionSet: CARER, question: "physical_health", area: $a, by: "gender", period: { from: "2024-25", to: "2025-26" }, release: $r) {
      versions overlapping categories { option { code } measure { numerator denominator status reason } } } }`;
    const spanning = (await api.data(Q, { a: region })).breakdown;
    expect(spanning.versions).toEqual([2, 3]);
    expect(spanning.categories.map((c: { measure: { status: string; reason: string } }) => [c.measure.status, c.measure.reason])).toEqual(
      Array.from({ length: 3 }, () => ["SUPPRESSED", COARSE_REASON]),
    );
    // Live, the council's own responses: each category pooled over both versions by its code, exactly.
    const member = { authorization: memberHeader };
    const { breakdown } = (await api.query(Q, { a: "E06000001", r: "LIVE" }, member)).data as { breakdown: typeof spanning };
    expect(breakdown.versions).toEqual([2, 3]);
    expect(breakdown.overlapping).toBe(false);
    const both = [...V1, ...V2];
    const of = (gender: string) => {
      const rows = both.filter((r) => r.answers.gender![0] === gender);
      return { numerator: cell(rows, "physical_health", ["better", "a_lot_better"]).count, denominator: cell(rows, "physical_health", GRADED).count };
    };
    // By hand: female 17 better of 27, male 17 of 27, other 16 of 26.
    expect(GENDERS.map((g) => of(g))).toEqual([
      { numerator: 17, denominator: 27 },
      { numerator: 17, denominator: 27 },
      { numerator: 16, denominator: 26 },
    ]);
    expect(breakdown.categories).toEqual(GENDERS.map((code) => ({ option: { code }, measure: { ...of(code), status: "AVAILABLE", reason: null } })));
  });

  it("count a multi-tick respondent once in every category ticked, and say the categories overlap", async () => {
    const { breakdown } = await api.data(
      `query($a: String!) { breakdown(questionSet: CARER, question: "physical_health", area: $a, by: "support_used", period: { from: "2025-26" }) {
        versions overlapping total { denominator } categories { option { code } measure { numerator denominator status } } } }`,
      { a: region },
    );
    expect(breakdown.overlapping).toBe(true);
    // By hand: a 30 better of 40, b 15 of 35, c 10 of 20: 95 answers in categories from 50 respondents.
    const ticked = (code: string) => V2.filter((r) => r.answers.support_used!.includes(code));
    expect(["a", "b", "c"].map((c) => cell(ticked(c), "physical_health", GRADED).count)).toEqual([40, 35, 20]);
    // Nobody answered "no change": beside that empty band the smaller of the other two is hidden
    // too (a's 10 worse; b's 15 and c's 10 better), so only a's POSITIVE share is shown.
    expect(breakdown.categories).toEqual([
      { option: { code: "a" }, measure: { ...published(ticked("a"), "physical_health"), status: "AVAILABLE" } },
      { option: { code: "b" }, measure: { numerator: null, denominator: null, status: "SUPPRESSED" } },
      { option: { code: "c" }, measure: { numerator: null, denominator: null, status: "SUPPRESSED" } },
    ]);
    expect(breakdown.total.denominator).toBe(publishedCount(cell(V2, "physical_health", GRADED)));
  });

  it("refuse to pool a breakdown by a question that is not comparable over a spanning period", async () => {
    const { breakdown } = await api.data(
      `query($a: String!) { breakdown(questionSet: CARER, question: "physical_health", area: $a, by: "support_used", period: { from: "2024-25", to: "2025-26" }) {
        categories { measure { status disclosure } } } }`,
      { a: region },
    );
    expect(breakdown.categories.map((c: { measure: unknown }) => c.measure)).toEqual(
      Array.from({ length: 3 }, () => ({ status: "NOT_COMPARABLE", disclosure: "ROUNDED" })),
    );
  });

  it("refuse a two-way breakdown over a spanning period when its second question does not pool", async () => {
    const researcher = { authorization: (await testCredential(database.db, { type: "RESEARCH" })).header };
    const { breakdown } = await api.data(
      `query($a: String!) { breakdown(questionSet: CARER, question: "physical_health", area: $a, by: "gender", thenBy: "support_used",
        period: { from: "2024-25", to: "2025-26" }) { crossCategories { measure { status } } } }`,
      { a: region },
      researcher,
    );
    expect(breakdown.crossCategories.length).toBeGreaterThan(0);
    expect(new Set(breakdown.crossCategories.map((c: { measure: { status: string } }) => c.measure.status))).toEqual(new Set(["NOT_COMPARABLE"]));
  });

  it("give an association over a spanning period no number when either question does not pool, naming the versions both count", async () => {
    const ASSOCIATION = `query($p: String!, $o: String!, $a: String!, $from: String!, $to: String) {
      association(questionSet: CARER, process: $p, outcome: $o, area: $a, period: { from: $from, to: $to }) { versions status reason table { exposedPositive } } }`;
    const spanning = { a: region, from: "2024-25", to: "2025-26" };
    // carer_assessment pools versions 2 and 3; day_to_day_stress changed meaning in version 3.
    const outcome = (await api.data(ASSOCIATION, { ...spanning, p: "carer_assessment", o: "day_to_day_stress" })).association;
    expect(outcome).toMatchObject({ versions: [3], status: "NOT_COMPARABLE", table: null });
    expect(outcome.reason).toMatch(/^"day_to_day_stress" of CARER version 3 is not comparable with version 2/);
    const both = (await api.data(ASSOCIATION, { ...spanning, p: "carer_assessment", o: "physical_health" })).association;
    expect(both).toMatchObject({ versions: [2, 3], status: "NO_DATA", table: null });
    expect(both.reason).toMatch(/^No one in .+ answered both questions in this period\.$/);
  });
});

describe("figures of a question set nobody has answered", () => {
  it("have no period and no number, by every route, and no error", async () => {
    const { breakdown } = await api.data(`{ breakdown(questionSet: ADULT_PB, question: "quality_of_life", area: "E92000001", by: "gender") {
      period { label } total { status } categories { measure { status } } crossCategories { measure { status } } } }`);
    expect(breakdown.period).toBeNull();
    expect(breakdown.total.status).toBe("NO_DATA");
    expect(new Set(breakdown.categories.map((c: { measure: { status: string } }) => c.measure.status))).toEqual(new Set(["SUPPRESSED"]));
    expect(breakdown.crossCategories).toEqual([]);
    const { twoWay } =
      await api.data(`{ twoWay: breakdown(questionSet: ADULT_PB, question: "quality_of_life", area: "E92000001", by: "gender", thenBy: "age_band") {
      crossCategories { measure { status } } } }`);
    expect(twoWay.crossCategories).toHaveLength(3 * 6);
    expect(new Set(twoWay.crossCategories.map((c: { measure: { status: string } }) => c.measure.status))).toEqual(new Set(["SUPPRESSED"]));
    const { association } =
      await api.data(`{ association(questionSet: ADULT_PB, process: "ease_getting_budget", outcome: "control_over_life", area: "E92000001") {
      period { label } versions status reason } }`);
    expect(association).toEqual({ period: null, versions: [], status: "NO_DATA", reason: "No one in England answered both questions in this period." });
    const { figureExport } = await api.data(`{ figureExport(questionSet: ADULT_PB, version: 2) { filename rowCount content } }`);
    expect(figureExport.filename).toBe("poet-adult_pb-v2-2026-07.csv");
    const rows = parseCsv(figureExport.content);
    expect(rows).toHaveLength(figureExport.rowCount);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => `${r.financial_year}|${r.status}|${r.numerator}`))).toEqual(new Set(["|NO_DATA|"]));
  });
});
