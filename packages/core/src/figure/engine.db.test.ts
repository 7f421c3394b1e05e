import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../db/types.ts";
import { DEMO_COUNTS } from "../demo/generate.ts";
import { revokeApiKey } from "../organisation/index.ts";
import { useDemoApi } from "../testing/fixtures.ts";
import { systemScope, testCredential } from "../testing/keys.ts";
import { trueCells } from "../testing/truth.ts";
import { parseCsv } from "../util/csv.ts";
import { publishedCount } from "./disclosure.ts";
import { EXPORT_COLUMNS } from "./export.ts";
import { trendZ } from "./statistics.ts";

const demo = useDemoApi({ writes: true });
let researcherKey: string;

beforeAll(async () => {
  researcherKey = (await testCredential(demo.database.db, { type: "RESEARCH", slug: "lancaster-cedr" })).key;
});

const asCaller = (key: string, query: string, variables?: Record<string, unknown>) => demo.api.query(query, variables, { authorization: `Bearer ${key}` });

describe("areaProfile", () => {
  it("gives every graded question of the set, each exactly as benchmark gives it", async () => {
    const fields = `question { code kind } versions value { numerator denominator percentage status } comparisons { comparator outcome measure { percentage } } rank { position of quartile }`;
    const { areaProfile } = await demo.api.data(
      `{ areaProfile(questionSet: PARENT_EHCP, area: "E12000002") { band versions period { label } items { ${fields} } } }`,
    );
    expect(areaProfile.items.length).toBeGreaterThan(10);
    // The profile's versions are every version its figures pool.
    const pooled = [...new Set(areaProfile.items.flatMap((i: { versions: number[] }) => i.versions))].sort();
    expect(pooled.length).toBeGreaterThan(0);
    expect(areaProfile.versions).toEqual(pooled);
    expect(areaProfile.items.every((i: { question: { kind: string } }) => i.question.kind !== "ABOUT_YOU")).toBe(true);
    // A region's parent is England: no separate regional comparison, and a rank among the regions.
    for (const item of areaProfile.items) {
      expect(item.comparisons.map((c: { comparator: string }) => c.comparator)).not.toContain("REGION");
      if (item.rank) expect(item.rank.quartile).toBe(Math.floor(((item.rank.position - 1) * 4) / item.rank.of) + 1);
    }
    expect(areaProfile.items.filter((i: { rank: unknown }) => i.rank).length).toBeGreaterThan(0);
    const code = areaProfile.items[0].question.code;
    const ENGLAND_AND_COUNCIL = `query($q: String!) { england: benchmark(questionSet: PARENT_EHCP, question: $q, area: "E92000001") { rank { position } comparisons { comparator } }
      council: benchmark(questionSet: PARENT_EHCP, question: $q, area: "E08000025") { comparisons { comparator name } } }`;
    const { england, council } = await demo.api.data(ENGLAND_AND_COUNCIL, { q: code });
    expect(england).toEqual({ rank: null, comparisons: [] });
    expect(council.comparisons.slice(0, 2)).toEqual([
      { comparator: "ENGLAND", name: "England" },
      { comparator: "REGION", name: "West Midlands" },
    ]);
    for (const item of areaProfile.items.slice(0, 5)) {
      const { benchmark } = await demo.api.data(`query($q: String!) { benchmark(questionSet: PARENT_EHCP, question: $q, area: "E12000002") { ${fields} } }`, {
        q: item.question.code,
      });
      expect(benchmark).toEqual(item);
    }
  });
});

describe("breakdown", () => {
  const BREAKDOWN = `query($set: QuestionSetCode!, $version: Int, $q: String!, $by: String!, $area: String) {
    breakdown(questionSet: $set, version: $version, question: $q, by: $by, area: $area) {
      total { percentage disclosure } by { code kind }
      categories { option { code } measure { numerator denominator percentage status disclosure } comparedWithTotal } } }`;
  const share = (b: { categories: { option: { code: string }; measure: { percentage: number } }[] }, code: string) =>
    b.categories.find((c) => c.option.code === code)!.measure.percentage;

  it("shows direct payments more positive than council-managed budgets, as the seeds report", async () => {
    const { breakdown } = await demo.api.data(BREAKDOWN, { set: "ADULT_PB", version: 1, q: "quality_of_life", by: "budget_management" });
    expect(breakdown.by).toEqual({ code: "budget_management", kind: "ABOUT_YOU" });
    expect(share(breakdown, "direct_payment")).toBeGreaterThan(share(breakdown, "council_managed") + 10);
    expect(breakdown.categories.find((c: { option: { code: string } }) => c.option.code === "council_managed").comparedWithTotal).toBe("WORSE");
    // England's total too: every published count is rounded by the cell key method.
    expect(breakdown.total.disclosure).toBe("ROUNDED");
    expect(breakdown.categories.every((c: { measure: { disclosure: string } }) => c.measure.disclosure === "ROUNDED")).toBe(true);
  });

  it("shows children who answered by themselves more positive", async () => {
    const { breakdown } = await demo.api.data(BREAKDOWN, { set: "CYP_EHCP", version: 1, q: "dignity", by: "completed_by" });
    expect(share(breakdown, "self")).toBeGreaterThan(share(breakdown, "with_help"));
  });

  it("says what is wrong with a split, naming the argument", async () => {
    const Q = `query($by: String!, $then: String, $area: String) { breakdown(questionSet: ADULT_PB, version: 1, question: "quality_of_life", by: $by, thenBy: $then, area: $area) { crossCategories { option { code } } } }`;
    const error = async (variables: Record<string, unknown>) => {
      const e = (await demo.api.query(Q, variables)).errors?.[0];
      return { message: e?.message, ...e?.extensions };
    };
    expect(await error({ by: "nope" })).toEqual({ message: 'No question "nope" in ADULT_PB version 1', code: "NOT_FOUND", argument: "by" });
    expect(await error({ by: "gender", then: "nope" })).toEqual({ message: 'No question "nope" in ADULT_PB version 1', code: "NOT_FOUND", argument: "thenBy" });
    expect(await error({ by: "independence" })).toEqual({
      message: '"independence" is a graded question: break figures down by a question whose answers are categories',
      code: "BAD_USER_INPUT",
      argument: "by",
    });
    expect(await error({ by: "gender", then: "gender" })).toEqual({
      message: "`thenBy` must be another question than `by`",
      code: "BAD_USER_INPUT",
      argument: "thenBy",
    });
    expect(await error({ by: "gender", area: "E08000025" })).toEqual({
      message: "Breakdowns for a single council or ICB need researcher access (an API key of a research organisation); England and regions are open to all",
      code: "FORBIDDEN",
      argument: "area",
    });
    // A one-way breakdown has no two-way cells.
    expect((await demo.api.data(Q, { by: "gender" })).breakdown.crossCategories).toEqual([]);
  });

  it("counts only the version asked for, over a period that spans versions", async () => {
    const { breakdown } = await demo.api.data(`{ breakdown(questionSet: ADULT_PB, version: 1, question: "knew_budget_amount", by: "gender", area: "E92000001",
      period: { from: "2023-24", to: "2025-26" }) { versions total { numerator denominator } } }`);
    const truth = await trueCells(demo.database.db, { questionSet: "ADULT_PB", question: "knew_budget_amount", area: "E92000001", from: 2023, to: 2024 });
    expect(breakdown).toEqual({ versions: [1], total: { numerator: publishedCount(truth.POSITIVE), denominator: publishedCount(truth.answered) } });
  });

  it("rejects a split by a question that is not ABOUT_YOU, and a measure of a category", async () => {
    expect(await demo.api.errorCodes(BREAKDOWN, { set: "ADULT_PB", q: "quality_of_life", by: "independence" })).toEqual(["BAD_USER_INPUT"]);
    expect(await demo.api.errorCodes(BREAKDOWN, { set: "ADULT_PB", q: "gender", by: "budget_management" })).toEqual(["BAD_USER_INPUT"]);
    expect(await demo.api.errorCodes(BREAKDOWN, { set: "ADULT_PB", q: "quality_of_life", by: "nope" })).toEqual(["NOT_FOUND"]);
  });

  it("keeps single councils for researchers, and refuses a bad or revoked key", async () => {
    const variables = { set: "ADULT_PB", q: "quality_of_life", by: "gender", area: "E08000025" };
    const anonymous = await demo.api.query(BREAKDOWN, variables);
    expect(anonymous.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", argument: "area" });
    const researcher = await asCaller(researcherKey, BREAKDOWN, variables);
    expect(researcher.errors).toBeUndefined();
    expect((await asCaller(researcherKey, `{ viewer { role access organisation { slug type } } }`)).data.viewer).toEqual({
      role: "RESEARCHER",
      access: "RESEARCHER",
      organisation: { slug: "lancaster-cedr", type: "RESEARCH" },
    });
    expect((await asCaller("poet_not-a-real-key", BREAKDOWN, variables)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const revoked = await testCredential(demo.database.db, { type: "RESEARCH" });
    await revokeApiKey(systemScope(demo.database.db), revoked.prefix);
    expect((await asCaller(revoked.key, BREAKDOWN, variables)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("two-way breakdown", () => {
  const CROSS = `query($by: String!, $then: String!, $area: String) {
    breakdown(questionSet: ADULT_PB, version: 1, question: "quality_of_life", by: $by, thenBy: $then, area: $area) {
      thenBy { code } crossCategories { option { code } thenOption { code } measure { numerator denominator status } } } }`;

  it("splits England by two ABOUT_YOU questions for anyone, hiding no lone cell in any row or column", async () => {
    const { breakdown } = await demo.api.data(CROSS, { by: "gender", then: "age_band" });
    expect(breakdown.thenBy.code).toBe("age_band");
    const cells = breakdown.crossCategories as {
      option: { code: string };
      thenOption: { code: string };
      measure: { numerator: number; denominator: number; status: string };
    }[];
    const rows = new Set(cells.map((c) => c.option.code));
    const columns = new Set(cells.map((c) => c.thenOption.code));
    expect(cells).toHaveLength(rows.size * columns.size);
    expect(cells.some((c) => c.measure.status === "AVAILABLE")).toBe(true);
    for (const [key, lines] of [
      ["option", rows],
      ["thenOption", columns],
    ] as const) {
      for (const line of lines) {
        const hidden = cells.filter((c) => c[key].code === line && c.measure.status !== "AVAILABLE").length;
        expect(hidden === 0 || hidden >= 2).toBe(true);
      }
    }
    const swapped = (await demo.api.data(CROSS, { by: "age_band", then: "gender" })).breakdown.crossCategories as typeof cells;
    for (const c of cells) {
      expect(swapped.find((s) => s.option.code === c.thenOption.code && s.thenOption.code === c.option.code)!.measure).toEqual(c.measure);
    }
  });

  it("publishes the same cells whichever question comes first, where the transposed table would suppress others", async () => {
    // Suppressed rows-first, this table hides two cells; transposed, two others: the cells are
    // suppressed in one orientation (the lower question id as rows) whichever way it is asked.
    const TABLE = `query($by: String!, $then: String!) {
      breakdown(questionSet: ADULT_PB, version: 1, question: "help_to_plan", by: $by, thenBy: $then) {
        crossCategories { option { code } thenOption { code } measure { numerator denominator status } } } }`;
    type Cell = { option: { code: string }; thenOption: { code: string }; measure: unknown };
    const table = async (by: string, then: string) => (await demo.api.data(TABLE, { by, then })).breakdown.crossCategories as Cell[];
    const [ageFirst, completedByFirst] = [await table("age_band", "completed_by"), await table("completed_by", "age_band")];
    expect(completedByFirst).toHaveLength(ageFirst.length);
    const transposed = completedByFirst.map((c) => ({ option: c.thenOption, thenOption: c.option, measure: c.measure }));
    const key = (c: Cell) => `${c.option.code}|${c.thenOption.code}`;
    expect(new Map(transposed.map((c) => [key(c), c.measure]))).toEqual(new Map(ageFirst.map((c) => [key(c), c.measure])));
    expect(ageFirst.filter((c) => (c.measure as { status: string }).status === "SUPPRESSED").length).toBeGreaterThanOrEqual(2);
  });

  it("hides each band's small cells in that band's table alone, for England as for a region (no total is exact)", async () => {
    const BANDS = `query($area: String) {
      positive: breakdown(questionSet: ADULT_PB, version: 1, question: "quality_of_life", by: "gender", thenBy: "age_band", area: $area, band: POSITIVE) { crossCategories { measure { status } } }
      negative: breakdown(questionSet: ADULT_PB, version: 1, question: "quality_of_life", by: "gender", thenBy: "age_band", area: $area, band: NEGATIVE) { crossCategories { measure { status } } } }`;
    const hidden = (b: { crossCategories: { measure: { status: string } }[] }) => b.crossCategories.map((c) => c.measure.status !== "AVAILABLE");
    type Table = { crossCategories: { measure: { status: string } }[] };
    const england: Record<"positive" | "negative", Table> = await demo.api.data(BANDS);
    expect(hidden(england.positive)).not.toEqual(hidden(england.negative));
    expect(hidden(england.positive).filter((h) => !h).length).toBeGreaterThan(2);
    // In a region a cell's POSITIVE share can be shown while its few NEGATIVE answers are not.
    const region = (await asCaller(researcherKey, BANDS, { area: "E12000007" })).data as typeof england;
    expect(hidden(region.positive)).not.toEqual(hidden(region.negative));
  });

  it("keeps regions for researchers, and councils for nobody", async () => {
    const region = { by: "gender", then: "age_band", area: "E12000007" };
    expect(await demo.api.errorCodes(CROSS, region)).toEqual(["FORBIDDEN"]);
    expect((await asCaller(researcherKey, CROSS, region)).errors).toBeUndefined();
    expect((await asCaller(researcherKey, CROSS, { ...region, area: "E08000025" })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await demo.api.errorCodes(CROSS, { by: "gender", then: "gender" })).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("association", () => {
  const ASSOCIATION = `query($p: String!, $o: String!, $contrast: Contrast, $area: String) {
    association(questionSet: ADULT_PB, version: 1, process: $p, outcome: $o, contrast: $contrast, area: $area) {
      table { exposedPositive exposedOther unexposedPositive unexposedOther }
      relativeRisk { estimate lower upper } oddsRatio { estimate lower upper } status summary } }`;

  it("finds people who found getting the budget easy about three times as likely to report a better life", async () => {
    const { association } = await demo.api.data(ASSOCIATION, { p: "ease_getting_budget", o: "quality_of_life" });
    const { exposedPositive: a, exposedOther: b, unexposedPositive: c, unexposedOther: d } = association.table;
    expect([a, b, c, d].every((n: number) => n % 5 === 0)).toBe(true);
    expect(association.relativeRisk.estimate).toBeCloseTo(a / (a + b) / (c / (c + d)), 10);
    expect(association.relativeRisk.estimate).toBeGreaterThan(2.4);
    expect(association.relativeRisk.estimate).toBeLessThan(3.5);
    expect(association.relativeRisk.lower).toBeGreaterThan(1);
    expect(association.oddsRatio.estimate).toBeCloseTo((a * d) / (b * c), 10);
    expect(association.summary).toMatch(/^People who answered "Easy" or "Very easy" on ease of getting your budget were \d\.\d times as likely/);
    expect(association.summary).not.toContain("_");
  });

  it("finds views included nearly twice as likely, and a weaker contrast against everyone else", async () => {
    const views = (await demo.api.data(ASSOCIATION, { p: "views_included_in_plan", o: "quality_of_life" })).association;
    expect(views.relativeRisk.estimate).toBeGreaterThan(1.5);
    expect(views.relativeRisk.estimate).toBeLessThan(2.6);
    const strict = (await demo.api.data(ASSOCIATION, { p: "ease_getting_budget", o: "quality_of_life" })).association;
    const loose = (await demo.api.data(ASSOCIATION, { p: "ease_getting_budget", o: "quality_of_life", contrast: "POSITIVE_VS_REST" })).association;
    expect(loose.relativeRisk.estimate).toBeLessThan(strict.relativeRisk.estimate);
  });

  it("says SUPPRESSED for a table with a small cell and NO_DATA where nobody answered, for researchers' councils", async () => {
    const councils = await queryRows<{ code: string; n: number }>(
      demo.database.db,
      sql`select a.code, count(r.id)::int as n from areas a left join responses r on r.area_code = a.code
            and r.question_set_id = (select id from question_sets where code = 'ADULT_PB' and version = 1)
          where a.type = 'LOCAL_AUTHORITY' group by a.code order by n, a.code`,
    );
    const statusOf = async (area: string) =>
      (await asCaller(researcherKey, ASSOCIATION, { p: "ease_getting_budget", o: "quality_of_life", area })).data.association;
    expect(councils[0]!.n).toBe(0);
    expect(await statusOf(councils[0]!.code)).toMatchObject({ status: "NO_DATA", table: null, relativeRisk: null, oddsRatio: null, summary: null });
    const small = councils.find((c) => c.n >= 2)!;
    expect(await statusOf(small.code)).toMatchObject({ status: "SUPPRESSED", table: null, relativeRisk: null, summary: null });
  });

  it("says which question is of the wrong kind, naming the argument", async () => {
    const error = async (p: string, o: string) => {
      const e = (await demo.api.query(ASSOCIATION, { p, o })).errors?.[0];
      return { message: e?.message, ...e?.extensions };
    };
    expect(await error("quality_of_life", "independence")).toEqual({
      message: '"quality_of_life" is an OUTCOME question: `process` takes a PROCESS question',
      code: "BAD_USER_INPUT",
      argument: "process",
    });
    expect(await error("ease_getting_budget", "knew_budget_amount")).toEqual({
      message: '"knew_budget_amount" is a PROCESS question: `outcome` takes an OUTCOME question',
      code: "BAD_USER_INPUT",
      argument: "outcome",
    });
    expect(await error("gender", "quality_of_life")).toMatchObject({ code: "BAD_USER_INPUT", argument: "process" });
    expect(await error("ease_getting_budget", "nope")).toMatchObject({ code: "NOT_FOUND", argument: "outcome" });
    expect((await demo.api.query(ASSOCIATION, { p: "ease_getting_budget", o: "quality_of_life", area: "E08000025" })).errors?.[0]?.message).toMatch(
      /^Associations for a single council or ICB need researcher access/,
    );
  });

  it("takes a PROCESS question then an OUTCOME question, and keeps councils for researchers", async () => {
    expect(await demo.api.errorCodes(ASSOCIATION, { p: "quality_of_life", o: "ease_getting_budget" })).toEqual(["BAD_USER_INPUT"]);
    expect(await demo.api.errorCodes(ASSOCIATION, { p: "ease_getting_budget", o: "quality_of_life", area: "E08000025" })).toEqual(["FORBIDDEN"]);
  });
});

describe("trend", () => {
  it("gives one point per financial year of the versions it pools, rounded like every count, with a direction and its method", async () => {
    // Comparable with version 1, so the trend pools both versions' years.
    const { trend } = await demo.api.data(`{ trend(questionSet: ADULT_PB, question: "control_over_support", area: "E92000001") {
      points { financialYear measure { numerator denominator disclosure } } direction assessment method } }`);
    expect(trend.points.map((p: { financialYear: string }) => p.financialYear)).toEqual(["2022-23", "2023-24", "2024-25", "2025-26"]);
    const truth = await trueCells(demo.database.db, { questionSet: "ADULT_PB", question: "control_over_support", area: "E92000001", from: 2023, to: 2023 });
    const latest = await trueCells(demo.database.db, { questionSet: "ADULT_PB", question: "control_over_support", area: "E92000001", from: 2025, to: 2025 });
    expect(trend.points[3].measure).toEqual({
      numerator: publishedCount(latest.POSITIVE),
      denominator: publishedCount(latest.answered),
      disclosure: "ROUNDED",
    });
    expect(trend.points[1].measure).toEqual({ numerator: publishedCount(truth.POSITIVE), denominator: publishedCount(truth.answered), disclosure: "ROUNDED" });
    // Recomputed by hand from the published points: Cochran–Armitage over the published yearly counts.
    const points = trend.points.map((p: { measure: { numerator: number; denominator: number } }) => p.measure);
    const z = trendZ(points)!;
    expect(trend.direction).toBe(z > 1.96 ? "INCREASING" : z < -1.96 ? "DECREASING" : "NO_SIGNIFICANT_CHANGE");
    expect(trend.assessment).toBe(z > 1.96 ? "GETTING_BETTER" : z < -1.96 ? "GETTING_WORSE" : "NO_SIGNIFICANT_CHANGE");
    expect(trend.method).toMatch(/Cochran–Armitage/);
  });
});

describe("triangulation", () => {
  it("sets children's, parents' and practitioners' views of a theme side by side", async () => {
    const { triangulation } = await demo.api.data(`{ triangulation(area: "E92000001", theme: "being_heard") {
      views { questionSet { code } question { code theme } measure { percentage confidenceInterval { lower upper } } }
      pairs { first second difference agreement } agreement } }`);
    expect(triangulation.views.map((v: { questionSet: { code: string } }) => v.questionSet.code)).toEqual(["CYP_EHCP", "PARENT_EHCP", "PRACTITIONER_EHCP"]);
    expect(triangulation.pairs).toHaveLength(3);
    for (const pair of triangulation.pairs) {
      const [a, b] = [pair.first, pair.second].map(
        (code: string) => triangulation.views.find((v: { questionSet: { code: string } }) => v.questionSet.code === code).measure,
      );
      expect(pair.difference).toBeCloseTo(a.percentage - b.percentage, 10);
      const overlap = a.confidenceInterval.lower <= b.confidenceInterval.upper && b.confidenceInterval.lower <= a.confidenceInterval.upper;
      expect(pair.agreement).toBe(overlap ? "AGREE" : "DISAGREE");
    }
    const unknown = (await demo.api.query(`{ triangulation(area: "E92000001", theme: "no_such_theme") { agreement } }`)).errors?.[0];
    expect({ message: unknown?.message, ...unknown?.extensions }).toEqual({
      message: 'No graded question has the theme "no_such_theme"',
      code: "NOT_FOUND",
      argument: "theme",
    });
    const malformed = (await demo.api.query(`{ triangulation(area: "E92000001", theme: "Not A Theme!") { agreement } }`)).errors?.[0];
    expect(malformed?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "theme" });
  });

  it("pools each view over the versions its question is comparable with", async () => {
    const { triangulation } = await demo.api.data(`{ triangulation(area: "E92000001", theme: "being_heard", period: { from: "2023-24", to: "2025-26" }) {
      views { questionSet { code version } versions measure { denominator } } } }`);
    for (const view of triangulation.views) expect(view, view.questionSet.code).toMatchObject({ questionSet: { version: 2 }, versions: [1, 2] });
    const cyp = await trueCells(demo.database.db, { questionSet: "CYP_EHCP", question: "being_heard", area: "E92000001", from: 2023, to: 2025 });
    expect(triangulation.views[0].measure.denominator).toBe(publishedCount(cyp.answered));
  });
});

describe("reportEligibility", () => {
  it("says which instruments have more than the threshold of responses, England's counted like every count", async () => {
    const { reportEligibility } = await demo.api.data(
      `{ reportEligibility(area: "E92000001") { threshold instruments { questionSet { code } responses eligible } } }`,
    );
    expect(reportEligibility.threshold).toBe(100);
    expect(reportEligibility.instruments).toHaveLength(6);
    const cyp = reportEligibility.instruments.find((i: { questionSet: { code: string } }) => i.questionSet.code === "CYP_EHCP");
    expect(cyp.eligible).toBe(true);
    // Both versions' responses: the instrument's, whatever the version.
    const [{ n, k }] = (await queryRows<{ n: number; k: number }>(
      demo.database.db,
      sql`select count(*)::int as n, sum(record_key)::int as k from responses r join question_sets s on s.id = r.question_set_id where s.code = 'CYP_EHCP'`,
    )) as [{ n: number; k: number }];
    expect(n).toBe(DEMO_COUNTS.CYP_EHCP[1]! + DEMO_COUNTS.CYP_EHCP[2]!);
    expect(cyp.responses).toBe(publishedCount({ count: n!, keySum: k! }));
  });
});

describe("figureExport", () => {
  it("exports every area × graded question × band as CSV, the same figures as benchmark", async () => {
    const { figureExport } = await demo.api.data(`{ figureExport(questionSet: CARER) { format filename contentType rowCount content } }`);
    const rows = parseCsv(figureExport.content);
    expect(rows).toHaveLength(figureExport.rowCount);
    expect(figureExport).toMatchObject({ format: "CSV", contentType: "text/csv" });
    // The latest version with responses, over its years, in the latest release.
    expect(figureExport.filename).toBe("poet-carer-v2-2025-26-2026-07.csv");
    expect(new Set(rows.map((r) => r.area_code)).size).toBe(212);
    // Band by band, areas in code order, each area's questions in the set's order.
    const codes = rows.filter((r) => r.band === "POSITIVE").map((r) => r.area_code);
    expect(codes).toEqual([...codes].sort());
    const england = rows.find((r) => r.area_code === "E92000001" && r.question_code === "continue_caring" && r.band === "POSITIVE")!;
    const { benchmark } = await demo.api.data(
      `{ benchmark(questionSet: CARER, question: "continue_caring", area: "E92000001") { value { numerator denominator } } }`,
    );
    expect({ numerator: Number(england.numerator), denominator: Number(england.denominator) }).toEqual(benchmark.value);
    expect(rows.every((r) => r.synthetic === "true")).toBe(true);
  });

  it("exports one version's figures alone when asked, and figures that may not pool as not comparable", async () => {
    const period = { from: "2024-25", to: "2025-26" };
    const EXPORT = `query($s: QuestionSetCode!, $v: Int, $p: PeriodInput) { figureExport(questionSet: $s, version: $v, period: $p) { content } }`;
    const { content } = (await demo.api.data(EXPORT, { s: "CARER", v: 2, p: period })).figureExport;
    expect(content.split("\n")[0]).toBe(EXPORT_COLUMNS.join(","));
    expect(content.endsWith("\n") && !content.endsWith("\n\n")).toBe(true);
    const row = parseCsv(content).find((r) => r.area_code === "E92000001" && r.question_code === "continue_caring" && r.band === "POSITIVE")!;
    const { benchmark } = await demo.api.data(
      `query($p: PeriodInput) { benchmark(questionSet: CARER, version: 2, question: "continue_caring", area: "E92000001", period: $p) { value { numerator denominator } } }`,
      { p: period },
    );
    expect({ numerator: Number(row.numerator), denominator: Number(row.denominator) }).toEqual(benchmark.value);

    const spanning = parseCsv((await demo.api.data(EXPORT, { s: "PHB", p: period })).figureExport.content).filter((r) => r.status === "NOT_COMPARABLE");
    expect(spanning.length).toBeGreaterThan(0);
    expect(new Set(spanning.map((r) => r.disclosure))).toEqual(new Set(["ROUNDED"]));
  });

  it("exports the same rows as JSON, typed, and names the file by version and period", async () => {
    // (ADULT_PB's JSON is over the 5 MB an answer may carry.)
    const EXPORT = `query($format: ExportFormat!) {
      figureExport(questionSet: CARER, version: 1, period: { from: "2022-23", to: "2023-24" }, format: $format) { format filename contentType rowCount content } }`;
    const json = (await demo.api.data(EXPORT, { format: "JSON" })).figureExport;
    const csv = (await demo.api.data(EXPORT, { format: "CSV" })).figureExport;
    expect(csv.filename).toBe("poet-carer-v1-2022-23_to_2023-24-2026-07.csv");
    expect(json).toMatchObject({
      format: "JSON",
      filename: "poet-carer-v1-2022-23_to_2023-24-2026-07.json",
      contentType: "application/json",
      rowCount: csv.rowCount,
    });
    const rows = JSON.parse(json.content) as Record<string, string | number | boolean | null>[];
    expect(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? "" : String(v)])))).toEqual(parseCsv(csv.content));
    const england = rows.find((r) => r.area_code === "E92000001" && r.band === "POSITIVE")!;
    expect(england).toMatchObject({
      version: 1,
      financial_year: "2022-23 to 2023-24",
      synthetic: true,
      status: "AVAILABLE",
      disclosure: "ROUNDED",
      release: "2026-07",
    });
    expect(typeof england.numerator).toBe("number");
  });
});
