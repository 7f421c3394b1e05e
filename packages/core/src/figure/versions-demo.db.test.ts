import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../db/types.ts";
import { useDemoApi } from "../testing/fixtures.ts";
import { trueCells } from "../testing/truth.ts";
import { publishedCount } from "./disclosure.ts";

// Version 2 on the demo data (version 1 up to 2024-25, version 2 in 2025-26), through the server.
const demo = useDemoApi();
const ENGLAND = "E92000001";
type Measure = { numerator: number | null; denominator: number | null; status: string };

describe("the demo data's two versions", () => {
  it("break a measure down by a multi-tick question, each respondent in every category ticked", async () => {
    const { breakdown } = await demo.api.data(
      `{ breakdown(questionSet: ADULT_PB, question: "quality_of_life", area: "${ENGLAND}", by: "budget_uses") {
        questionSet { version } versions overlapping total { denominator } categories { option { code } measure { numerator denominator status } } } }`,
    );
    expect(breakdown).toMatchObject({ questionSet: { version: 2 }, versions: [2], overlapping: true });
    const categories = breakdown.categories as { option: { code: string }; measure: Measure }[];
    let shown = 0;
    let inCategories = 0;
    for (const c of categories) {
      const truth = await trueCells(demo.database.db, {
        questionSet: "ADULT_PB",
        area: ENGLAND,
        question: "quality_of_life",
        from: 2025,
        to: 2025,
        where: { question: "budget_uses", option: c.option.code },
      });
      inCategories += truth.answered.count;
      if (c.measure.status !== "AVAILABLE") continue;
      expect(c.measure, c.option.code).toEqual({ numerator: publishedCount(truth.POSITIVE), denominator: publishedCount(truth.answered), status: "AVAILABLE" });
      shown++;
    }
    expect(shown).toBeGreaterThanOrEqual(3);
    // Ticks add up to more than the respondents: no category is the total less the others.
    expect(inCategories).toBeGreaterThan(1.2 * breakdown.total.denominator);
    const hidden = categories.filter((c) => c.measure.status !== "AVAILABLE").length;
    expect(hidden === 0 || hidden >= 2).toBe(true);
  });

  it("leave 'not applicable' out of the denominator", async () => {
    const { benchmark } = await demo.api.data(
      `{ benchmark(questionSet: ADULT_PB, question: "knew_budget_amount", area: "${ENGLAND}") { period { label } value { numerator denominator } } }`,
    );
    expect(benchmark.period.label).toBe("2025-26");
    const [counts] = await queryRows<{ yes: number; no: number; na: number }>(
      demo.database.db,
      sql`select count(*) filter (where o.code = 'yes')::int as yes, count(*) filter (where o.code = 'no')::int as no,
            count(*) filter (where o.code = 'not_applicable')::int as na
          from answers a join questions q on q.id = a.question_id and q.code = 'knew_budget_amount'
          join question_sets s on s.id = q.question_set_id and s.code = 'ADULT_PB' and s.version = 2 join scale_options o on o.id = a.option_id`,
    );
    expect(counts!.na).toBeGreaterThan(20);
    const yes = await trueCells(demo.database.db, { questionSet: "ADULT_PB", area: ENGLAND, question: "knew_budget_amount", from: 2025, to: 2025 });
    expect([yes.POSITIVE.count, yes.answered.count]).toEqual([counts!.yes, counts!.yes + counts!.no]);
    expect(benchmark.value).toEqual({ numerator: publishedCount(yes.POSITIVE), denominator: publishedCount(yes.answered) });
  });

  it("pool a comparable question over a period that spans both, and name the versions", async () => {
    const q = `query($q: String!) { benchmark(questionSet: ADULT_PB, question: $q, area: "${ENGLAND}", period: { from: "2023-24", to: "2025-26" }) {
      questionSet { version } versions value { numerator denominator status reason } } }`;
    const pooled = (await demo.api.data(q, { q: "knew_budget_amount" })).benchmark;
    const truth = await trueCells(demo.database.db, { questionSet: "ADULT_PB", area: ENGLAND, question: "knew_budget_amount", from: 2023, to: 2025 });
    expect(pooled).toMatchObject({ questionSet: { version: 2 }, versions: [1, 2] });
    expect(pooled.value).toMatchObject({ numerator: publishedCount(truth.POSITIVE), denominator: publishedCount(truth.answered), status: "AVAILABLE" });
    // Reworded in version 2 ("your support"): no number over both versions, and a reason.
    const reworded = (await demo.api.data(q, { q: "quality_of_life" })).benchmark;
    expect(reworded.value).toMatchObject({ numerator: null, denominator: null, status: "NOT_COMPARABLE" });
    expect(reworded.value.reason).toMatch(/not comparable with version 1/);
  });

  it("read version 1 for a period before version 2 was collected, without being told", async () => {
    const { benchmark } = await demo.api.data(
      `{ benchmark(questionSet: ADULT_PB, question: "views_included_in_plan", area: "${ENGLAND}", period: { from: "2024-25" }) {
        questionSet { version } versions value { status } } }`,
    );
    expect(benchmark).toEqual({ questionSet: { version: 1 }, versions: [1], value: { status: "AVAILABLE" } });
  });

  it("count only the version asked for, over a period both versions answer, by every route", async () => {
    const Q = `query($v: Int, $from: String!) {
      breakdown(questionSet: ADULT_PB, version: $v, question: "help_to_plan", area: "${ENGLAND}", by: "completed_by", period: { from: $from, to: "2025-26" }) {
        versions total { denominator } categories { option { code } measure { numerator denominator status } } }
      benchmark(questionSet: ADULT_PB, version: $v, question: "help_to_plan", area: "${ENGLAND}", period: { from: $from, to: "2025-26" }) {
        value { denominator } } }`;
    const asked = await demo.api.data(Q, { v: 2, from: "2024-25" });
    const pooled = await demo.api.data(Q, { v: null, from: "2024-25" });
    // Version 1 is answered up to 2024-25, version 2 in 2025-26: asked for, version 2 pools nothing earlier.
    const v2 = await trueCells(demo.database.db, { questionSet: "ADULT_PB", area: ENGLAND, question: "help_to_plan", from: 2025, to: 2025 });
    // England's counts are rounded like every count.
    const alone = await demo.api.data(Q, { v: 2, from: "2025-26" });
    expect(asked.breakdown).toEqual(alone.breakdown);
    expect(asked.breakdown).toMatchObject({ versions: [2], total: { denominator: publishedCount(v2.answered) } });
    expect(asked.breakdown.categories.filter((c: { measure: Measure }) => c.measure.status === "AVAILABLE").length).toBeGreaterThanOrEqual(2);
    expect(asked.benchmark.value.denominator).toBe(publishedCount(v2.answered));
    expect(pooled.breakdown.versions).toEqual([1, 2]);
    expect(pooled.breakdown.total.denominator).toBeGreaterThan(asked.breakdown.total.denominator + 100);
  });
});
