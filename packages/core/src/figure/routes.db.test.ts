import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../db/types.ts";
import { useDemoApi } from "../testing/fixtures.ts";
import { testCredential } from "../testing/keys.ts";
import { expectedMeasure, trueCells, truePairs, trueResponses } from "../testing/truth.ts";
import { financialYearLabel } from "../time/index.ts";
import { parseCsv } from "../util/csv.ts";
import { addCells, EMPTY_CELL, publishCount, publishedCount } from "./disclosure.ts";
import { COUNTABLE_BANDS } from "./measure.ts";

// Route consistency: the same records, counted through every route that publishes them, give the
// value that the disclosure pipeline makes of the stored rows, computed here without the cubes.
const demo = useDemoApi({ writes: true });
let researcher: Record<string, string>;

beforeAll(async () => {
  researcher = { authorization: (await testCredential(demo.database.db, { type: "RESEARCH" })).header };
});

const asResearcher = async (query: string, variables: Record<string, unknown>) => {
  const result = await demo.api.query(query, variables, researcher);
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  return result.data;
};

// The demo data answer version 1 up to 2024-25 and version 2 in 2025-26: a single year reads
// version 1, the run pools both versions, and no period means the latest version's years.
// Each reads its question's family (the versions it pools with: version 1's question pools with
// none before it) and counts the versions that answered in the period.
const PERIODS = [
  { label: "a single year", input: { from: "2024-25" }, from: 2024, to: 2024, family: [1], counted: [1] },
  { label: "a run of years", input: { from: "2023-24", to: "2025-26" }, from: 2023, to: 2025, family: [1, 2], counted: [1, 2] },
  { label: "the default period", input: null, from: 2025, to: 2025, family: [1, 2], counted: [2] },
];

const FIELDS = `numerator denominator status`;
const pick = (m: { numerator: number | null; denominator: number | null; status: string }) => ({
  numerator: m.numerator,
  denominator: m.denominator,
  status: m.status,
});

describe("every route publishes one value for one set of records", async () => {
  // Questions comparable across both versions, so every period has a figure.
  const cases = [
    ["NATION", "ADULT_PB", "control_over_support"],
    ["REGION", "ADULT_PB", "control_over_support"],
    ["LOCAL_AUTHORITY", "ADULT_PB", "control_over_support"],
    ["NHS_REGION", "PHB", "quality_of_life"],
    ["ICB", "PHB", "quality_of_life"],
  ] as const;

  it.each(cases)("%s (%s %s): benchmark, profile, breakdown total, export, trend, eligibility", async (type, set, question) => {
    const [{ code }] = (await queryRows<{ code: string }>(
      demo.database.db,
      sql`select a.code from areas a join area_ancestors aa on aa.ancestor_code = a.code join responses r on r.area_code = aa.area_code
          join question_sets s on s.id = r.question_set_id where a.type = ${type} and s.code = ${set} group by a.code order by count(*) desc, a.code limit 1`,
    )) as [{ code: string }];
    let available = 0;
    for (const period of PERIODS) {
      const truth = await trueCells(demo.database.db, { questionSet: set, area: code, question, from: period.from, to: period.to });
      const rows = parseCsv(
        (
          await demo.api.data(`query($s: QuestionSetCode!, $p: PeriodInput) { figureExport(questionSet: $s, period: $p) { content } }`, {
            s: set,
            p: period.input,
          })
        ).figureExport.content,
      );
      for (const band of COUNTABLE_BANDS) {
        const expected = pick(
          await expectedMeasure(demo.database.db, {
            questionSet: set,
            area: code,
            question,
            from: period.from,
            to: period.to,
            familyVersions: period.family,
            countedVersions: period.counted,
            band,
          }),
        );
        const variables = { s: set, q: question, a: code, b: band, p: period.input };
        const { benchmark, areaProfile } = await demo.api.data(
          `query($s: QuestionSetCode!, $q: String!, $a: String!, $b: Band, $p: PeriodInput) {
            benchmark(questionSet: $s, question: $q, area: $a, band: $b, period: $p) { value { ${FIELDS} } }
            areaProfile(questionSet: $s, area: $a, band: $b, period: $p) { items { question { code } value { ${FIELDS} } } } }`,
          variables,
        );
        expect(pick(benchmark.value), `${code} ${period.label} ${band}`).toEqual(expected);
        expect(pick(areaProfile.items.find((i: { question: { code: string } }) => i.question.code === question).value)).toEqual(expected);
        const { breakdown } = await asResearcher(
          `query($s: QuestionSetCode!, $q: String!, $a: String!, $b: Band, $p: PeriodInput) { breakdown(questionSet: $s, question: $q, area: $a, band: $b, period: $p, by: "gender") { total { ${FIELDS} } } }`,
          variables,
        );
        expect(pick(breakdown.total)).toEqual(expected);
        const row = rows.find((r) => r.area_code === code && r.question_code === question && r.band === band)!;
        expect({
          numerator: row.numerator === "" ? null : Number(row.numerator),
          denominator: row.denominator === "" ? null : Number(row.denominator),
          status: row.status,
        }).toEqual(expected);
        if (period.from === period.to) {
          const { trend } = await demo.api.data(
            `query($s: QuestionSetCode!, $q: String!, $a: String!, $b: Band) { trend(questionSet: $s, question: $q, area: $a, band: $b) { points { financialYear measure { ${FIELDS} } } } }`,
            variables,
          );
          expect(pick(trend.points.find((p: { financialYear: string }) => p.financialYear === financialYearLabel(period.from)).measure)).toEqual(expected);
        }
        if (expected.status === "AVAILABLE") available++;
      }
      const responses = await trueResponses(demo.database.db, { questionSet: set, area: code, from: period.from, to: period.to });
      const { reportEligibility } = await demo.api.data(
        `query($a: String!, $p: PeriodInput) { reportEligibility(area: $a, period: $p) { instruments { questionSet { code } responses } } }`,
        // Eligibility's own default is every year with responses to any version: name the years.
        { a: code, p: period.input ?? { from: financialYearLabel(period.from), to: financialYearLabel(period.to) } },
      );
      const published = reportEligibility.instruments.find((i: { questionSet: { code: string } }) => i.questionSet.code === set).responses;
      expect(published).toBe(publishCount(responses, false));
      // Where everyone answered the question, eligibility and the denominator count one set.
      if (responses.count === truth.answered.count && responses.keySum === truth.answered.keySum) expect(published).toBe(publishCount(truth.answered, false));
    }
    // A council's or an ICB's single years are too small to show, so its finer figures are not (`family.ts`).
    expect(available).toBeGreaterThanOrEqual(1);
  });

  // PHB: both questions pool across versions (ADULT_PB's outcomes were reworded in version 2).
  it.each(["E92000001", "E40000011"])("association cells in %s are the published counts of their records", async (area) => {
    // The table's atoms: each version's pairs in each year the demo answers it.
    const YEARS = [
      [2022, 1],
      [2023, 1],
      [2024, 1],
      [2025, 2],
    ] as const;
    for (const period of PERIODS) {
      for (const contrast of ["POSITIVE_VS_NEGATIVE", "POSITIVE_VS_REST"] as const) {
        const table = (pairs: Awaited<ReturnType<typeof truePairs>>) => {
          const sum = (exposed: boolean, positive: boolean) =>
            pairs
              .filter((p) => (exposed ? p.process === "POSITIVE" : contrast === "POSITIVE_VS_NEGATIVE" ? p.process === "NEGATIVE" : p.process !== "POSITIVE"))
              .filter((p) => (p.outcome === "POSITIVE") === positive)
              .reduce((s, p) => addCells(s, p.cell), EMPTY_CELL);
          return [sum(true, true), sum(true, false), sum(false, true), sum(false, false)];
        };
        const scope = { questionSet: "PHB", area, process: "ease_getting_budget", outcome: "quality_of_life" };
        const atoms = await Promise.all(
          YEARS.filter(([, v]) => period.family.includes(v)).map(async ([year, version]) => ({
            year,
            version,
            table: table(await truePairs(demo.database.db, { ...scope, from: year, to: year, version })),
          })),
        );
        const fine = atoms.every((a) => a.table.every((c) => c.count === 0) || a.table.every((c) => c.count >= 10));
        const asked = atoms.filter((a) => period.counted.includes(a.version) && a.year >= period.from && a.year <= period.to);
        const held = atoms.filter((a) => a.table.some((c) => c.count > 0));
        const askedVersions = new Set(asked.filter((a) => held.includes(a)).map((a) => a.version));
        const whole = askedVersions.size === 1 && held.every((a) => askedVersions.has(a.version) === asked.includes(a));
        const cells = table(await truePairs(demo.database.db, { ...scope, from: period.from, to: period.to })).map(publishedCount);
        const { association } = await demo.api.data(
          `query($a: String!, $p: PeriodInput, $c: Contrast) { association(questionSet: PHB, process: "ease_getting_budget", outcome: "quality_of_life", area: $a, period: $p, contrast: $c) {
            status table { exposedPositive exposedOther unexposedPositive unexposedOther } } }`,
          { a: area, p: period.input, c: contrast },
        );
        if (!fine && !whole) expect(association).toEqual({ status: "SUPPRESSED", table: null });
        else if (cells.some((c) => c === null)) expect(association).toEqual({ status: "SUPPRESSED", table: null });
        else
          expect(association).toEqual({
            status: "AVAILABLE",
            table: { exposedPositive: cells[0], exposedOther: cells[1], unexposedPositive: cells[2], unexposedOther: cells[3] },
          });
      }
    }
  });

  it("counts a breakdown category as the records of everyone who gave that answer", async () => {
    for (const area of ["E92000001", "E12000007"]) {
      const { breakdown } = await demo.api.data(
        `query($a: String!) { breakdown(questionSet: ADULT_PB, version: 1, question: "quality_of_life", by: "budget_management", area: $a) { categories { option { code } measure { numerator denominator } } } }`,
        { a: area },
      );
      let shown = 0;
      for (const c of breakdown.categories as { option: { code: string }; measure: { numerator: number | null; denominator: number | null } }[]) {
        if (c.measure.numerator === null) continue;
        const truth = await trueCells(demo.database.db, {
          questionSet: "ADULT_PB",
          area,
          question: "quality_of_life",
          to: 2024,
          where: { question: "budget_management", option: c.option.code },
        });
        expect(c.measure).toEqual({ numerator: publishedCount(truth.POSITIVE), denominator: publishedCount(truth.answered) });
        shown++;
      }
      expect(shown).toBeGreaterThan(1);
    }
  });
});
