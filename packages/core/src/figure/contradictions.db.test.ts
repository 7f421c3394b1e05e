import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../db/types.ts";
import { useDemoApi } from "../testing/fixtures.ts";
import { createTestClient } from "../testing/graphql.ts";
import { trueCells, trueResponses } from "../testing/truth.ts";
import { parseCsv } from "../util/csv.ts";
import { publishedCount } from "./disclosure.ts";

// The disclosure contradictions of issue 6, each reproduced through the real server, on every driver.
const demo = useDemoApi();

type Instrument = { questionSet: { code: string }; responses: number | null; eligible: boolean };
const ELIGIBILITY = `query($area: String!, $period: PeriodInput) { reportEligibility(area: $area, period: $period) { threshold instruments { questionSet { code } responses eligible } } }`;

describe("eligibility follows from the published count", () => {
  it("is eligible exactly when the published count is over the threshold, for every area and period", async () => {
    const areas = await queryRows<{ code: string }>(
      demo.database.db,
      sql`select distinct ancestor_code as code from area_ancestors where area_code in (select area_code from responses) order by 1`,
    );
    const periods = [{ from: "2023-24", to: "2024-25" }, { from: "2025-26" }, null];
    const seen = new Map<number, number>();
    for (const { code } of areas) {
      for (const period of periods) {
        const { reportEligibility } = await demo.api.data(ELIGIBILITY, { area: code, period });
        for (const i of reportEligibility.instruments as Instrument[]) {
          expect(i.eligible).toBe(i.responses !== null && i.responses > reportEligibility.threshold);
          if (i.responses !== null) seen.set(i.responses, (seen.get(i.responses) ?? 0) + 1);
        }
      }
    }
    // The scan must have met counts on both sides of the threshold, and one equal to it.
    expect([...seen.keys()].some((n) => n > 100) && [...seen.keys()].some((n) => n <= 100)).toBe(true);
    expect(seen.get(100)).toBeGreaterThan(0);
  });

  it("is not eligible at a published count equal to the threshold, and eligible one below it", async () => {
    const variables = { area: "E12000006", period: { from: "2023-24", to: "2024-25" } };
    const adult = ((await demo.api.data(ELIGIBILITY, variables)).reportEligibility.instruments as Instrument[]).find((i) => i.questionSet.code === "ADULT_PB")!;
    expect(adult.responses).not.toBeNull();
    const at = createTestClient(demo.database, { settings: { reportThreshold: adult.responses! } });
    expect(
      ((await at.data(ELIGIBILITY, variables)).reportEligibility.instruments as Instrument[]).find((i) => i.questionSet.code === "ADULT_PB")!.eligible,
    ).toBe(false);
    const below = createTestClient(demo.database, { settings: { reportThreshold: adult.responses! - 1 } });
    expect(
      ((await below.data(ELIGIBILITY, variables)).reportEligibility.instruments as Instrument[]).find((i) => i.questionSet.code === "ADULT_PB")!.eligible,
    ).toBe(true);
  });
});

describe("the same responses publish one count", () => {
  it("gives eligibility's response count and a question's denominator one value when they count the same responses", async () => {
    // Every one of the East Midlands' 43 adult responses in 2023-24 answered the question.
    const scope = { questionSet: "ADULT_PB", area: "E12000004", from: 2023, to: 2023 };
    const responses = await trueResponses(demo.database.db, scope);
    const answered = (await trueCells(demo.database.db, { ...scope, question: "knew_budget_amount" })).answered;
    expect(answered).toEqual(responses);
    const eligibility = (
      (await demo.api.data(ELIGIBILITY, { area: "E12000004", period: { from: "2023-24" } })).reportEligibility.instruments as Instrument[]
    ).find((i) => i.questionSet.code === "ADULT_PB")!;
    const { benchmark } = await demo.api.data(
      `{ benchmark(questionSet: ADULT_PB, question: "knew_budget_amount", area: "E12000004", period: { from: "2023-24" }) { value { denominator status } } }`,
    );
    expect(eligibility.responses).toBe(publishedCount(responses));
    if (benchmark.value.status === "AVAILABLE") expect(benchmark.value.denominator).toBe(eligibility.responses);
    else expect(benchmark.value.status).toBe("SUPPRESSED");
  });

  it("keys a measure by its own records, whoever else skipped the question", async () => {
    const scope = { questionSet: "CARER", area: "E12000002", from: 2025, to: 2025 };
    const cells = await trueCells(demo.database.db, { ...scope, question: "control_over_life" });
    const responses = await trueResponses(demo.database.db, scope);
    expect(responses.count).toBeGreaterThan(cells.answered.count);
    const { benchmark } = await demo.api.data(
      `{ benchmark(questionSet: CARER, question: "control_over_life", area: "E12000002", period: { from: "2025-26" }) { value { numerator denominator } } }`,
    );
    expect(benchmark.value).toEqual({ numerator: publishedCount(cells.POSITIVE), denominator: publishedCount(cells.answered) });
  });
});

describe("England's figures obey the minimum, as every area's do", () => {
  const exports = async (set: string) =>
    parseCsv((await demo.api.data(`query($s: QuestionSetCode!) { figureExport(questionSet: $s) { content } }`, { s: set })).figureExport.content);
  const SETS = ["ADULT_PB", "CARER", "PHB", "CYP_EHCP", "PARENT_EHCP", "PRACTITIONER_EHCP"];

  it("suppresses PHB paid work's small band in 2023-24 (1 of 79 negative), and a second so the total does not give it away", async () => {
    const cells = await trueCells(demo.database.db, { questionSet: "PHB", question: "paid_work", area: "E92000001", from: 2023, to: 2023 });
    expect([cells.NEGATIVE.count, cells.POSITIVE.count, cells.NEUTRAL.count]).toEqual([1, 16, 62]);
    const q = `query($b: Band) { benchmark(questionSet: PHB, question: "paid_work", area: "E92000001", band: $b, period: { from: "2023-24" }) { value { numerator denominator status disclosure } } }`;
    const hidden = { numerator: null, denominator: null, status: "SUPPRESSED", disclosure: "ROUNDED" };
    expect((await demo.api.data(q, { b: "NEGATIVE" })).benchmark.value).toEqual(hidden);
    // The smallest other band goes too: 16 positive would otherwise leave 79 − 16 − 62 = 1 (within a few).
    expect((await demo.api.data(q, { b: "POSITIVE" })).benchmark.value).toEqual(hidden);
    expect((await demo.api.data(q, { b: "NEUTRAL" })).benchmark.value).toEqual({
      numerator: publishedCount(cells.NEUTRAL),
      denominator: publishedCount(cells.answered),
      status: "AVAILABLE",
      disclosure: "ROUNDED",
    });
  });

  it("never shows a band, at England or anywhere, with fewer than 10 in it or outside it", async () => {
    let england = 0;
    const regions: Record<string, string>[] = [];
    for (const set of SETS) {
      for (const r of (await exports(set)).filter((row) => row.status === "AVAILABLE")) {
        const [n, d] = [Number(r.numerator), Number(r.denominator)];
        expect(n).toBeGreaterThanOrEqual(10);
        // Rounded counts are each within 4 of theirs.
        expect(r.disclosure).toBe("ROUNDED");
        expect(d - n).toBeGreaterThanOrEqual(5);
        if (r.area_code === "E92000001") england++;
        if (r.area_type === "REGION" && set === "CARER") regions.push(r);
      }
    }
    expect(england).toBeGreaterThan(200);
    expect(regions.length).toBeGreaterThan(20);
    for (const r of regions) {
      const truth = await trueCells(demo.database.db, { questionSet: "CARER", area: r.area_code!, question: r.question_code! });
      const band = truth[r.band as "POSITIVE"].count;
      expect(Math.min(band, truth.answered.count - band)).toBeGreaterThanOrEqual(10);
    }
  });

  it("never leaves exactly one band of an England question hidden beside shown ones", async () => {
    let checked = 0;
    for (const set of SETS) {
      for (const year of [2022, 2023, 2024, 2025]) {
        const label = `${year}-${String((year + 1) % 100).padStart(2, "0")}`;
        const rows = parseCsv(
          (
            await demo.api.data(`query($s: QuestionSetCode!, $p: PeriodInput) { figureExport(questionSet: $s, period: $p) { content } }`, {
              s: set,
              p: { from: label },
            })
          ).figureExport.content,
        );
        const england = rows.filter((r) => r.area_code === "E92000001" && r.status !== "NO_DATA");
        for (const question of new Set(england.map((r) => r.question_code))) {
          const bands = england.filter((r) => r.question_code === question);
          const hidden = bands.filter((r) => r.status === "SUPPRESSED").length;
          expect(hidden === 1 && bands.length > 1).toBe(false);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe("an England breakdown's total narrows no hidden category", () => {
  type Category = { option: { code: string }; measure: { numerator: number | null; denominator: number | null; status: string } };
  // Version 1: its categories partition the total (version 2's multi-tick ones overlap).
  const BREAKDOWN = `query($s: QuestionSetCode!, $q: String!, $by: String!, $b: Band) {
    breakdown(questionSet: $s, version: 1, question: $q, by: $by, band: $b) { total { numerator } categories { option { code } measure { numerator denominator status } } } }`;

  it("hides no category alone, so that no hidden count is proved to lie in 1 to 9 by the total and the others", async () => {
    const cases = [
      ["ADULT_PB", "quality_of_life", ["gender", "age_band", "type_of_need", "budget_management", "ethnicity", "completed_by", "who_helped_plan"]],
      ["CYP_EHCP", "dignity", ["gender", "age_band", "school_phase", "type_of_need", "completed_by"]],
      ["PHB", "quality_of_life", ["gender", "age_band", "who_helped_plan"]],
    ] as const;
    let hiddenCells = 0;
    for (const [set, question, bys] of cases) {
      for (const by of bys) {
        const views = new Map<string, { total: { numerator: number | null }; categories: Category[] }>();
        for (const band of ["POSITIVE", "NEUTRAL", "NEGATIVE"])
          views.set(band, (await demo.api.data(BREAKDOWN, { s: set, q: question, by, b: band })).breakdown);
        // What any band's breakdown tells of a category's size: its published denominator.
        const sizeShown = new Map<string, number>();
        for (const view of views.values())
          for (const c of view.categories) if (c.measure.denominator !== null) sizeShown.set(c.option.code, c.measure.denominator);
        for (const view of views.values()) {
          const hidden = view.categories.filter((c) => c.measure.status !== "AVAILABLE");
          const shown = view.categories.filter((c) => c.measure.status === "AVAILABLE");
          expect(hidden.length === 0 || hidden.length >= 2 || shown.length === 0).toBe(true);
          const total = view.total.numerator;
          if (total === null || hidden.length === 0) continue;
          // The attacker's bounds on the hidden categories together: the total less the shown
          // categories, each at most 4 off. One hidden category is at least that sum less what the
          // others can hold, which only a size published elsewhere could cap.
          const atLeast = total - 4 - shown.reduce((s, c) => s + c.measure.numerator! + 4, 0);
          const atMost = total + 4 - shown.reduce((s, c) => s + c.measure.numerator! - 4, 0);
          for (const h of hidden) {
            const othersHold = hidden.filter((o) => o !== h).reduce((s, o) => s + Math.min(atMost, (sizeShown.get(o.option.code) ?? Infinity) + 4), 0);
            // A hidden category may be a large one hidden beside a small one: what must not happen is
            // a hidden count proved to lie in 1 to 9.
            const lower = Math.max(0, atLeast - othersHold);
            const upper = Math.min(atMost, (sizeShown.get(h.option.code) ?? Infinity) + 4);
            expect(lower >= 1 && upper <= 9, `${set} ${by} ${h.option.code}: [${lower}, ${upper}]`).toBe(false);
            hiddenCells++;
          }
        }
      }
    }
    expect(hiddenCells).toBeGreaterThan(0);
  });
});

describe("a band the question does not have", () => {
  it("is a typed error naming the bands it has, and is not in the export", async () => {
    const result = await demo.api.query(
      `{ benchmark(questionSet: ADULT_PB, question: "help_to_plan", area: "E92000001", band: NEUTRAL) { value { status } } }`,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "band" });
    expect(result.errors?.[0]?.message).toBe(`"help_to_plan" has no NEUTRAL answers: its scale's bands are POSITIVE and NEGATIVE`);
    const rows = parseCsv((await demo.api.data(`{ figureExport(questionSet: ADULT_PB) { content } }`)).figureExport.content);
    expect(new Set(rows.filter((r) => r.question_code === "help_to_plan").map((r) => r.band))).toEqual(new Set(["POSITIVE", "NEGATIVE"]));
    expect(rows.some((r) => r.question_code === "quality_of_life" && r.band === "NEUTRAL")).toBe(true);
    const profile = (await demo.api.data(`{ areaProfile(questionSet: ADULT_PB, area: "E92000001", band: NEUTRAL) { items { question { code } } } }`))
      .areaProfile;
    expect(profile.items.map((i: { question: { code: string } }) => i.question.code)).not.toContain("help_to_plan");
    expect(profile.items.length).toBeGreaterThan(5);
  });
});

describe("any categorical question splits a measure", () => {
  it("breaks a measure down by who helped plan, which the benchmark error suggests", async () => {
    const error = await demo.api.query(`{ benchmark(questionSet: ADULT_PB, version: 1, question: "who_helped_plan", area: "E92000001") { value { status } } }`);
    expect(error.errors?.[0]?.message).toMatch(/break figures down by it/);
    const { breakdown } = await demo.api.data(
      `{ breakdown(questionSet: ADULT_PB, version: 1, question: "quality_of_life", by: "who_helped_plan") { by { code kind } categories { option { code } measure { status } } } }`,
    );
    expect(breakdown.by).toEqual({ code: "who_helped_plan", kind: "PROCESS" });
    expect(breakdown.categories.length).toBeGreaterThan(2);
    expect(breakdown.categories.some((c: Category) => c.measure.status === "AVAILABLE")).toBe(true);
    expect(await demo.api.errorCodes(`{ breakdown(questionSet: ADULT_PB, question: "quality_of_life", by: "help_to_plan") { by { code } } }`)).toEqual([
      "BAD_USER_INPUT",
    ]);
    expect(await demo.api.errorCodes(`{ breakdown(questionSet: ADULT_PB, question: "quality_of_life", by: "quality_of_life") { by { code } } }`)).toEqual([
      "BAD_USER_INPUT",
    ]);
  });
  type Category = { measure: { status: string } };
});
