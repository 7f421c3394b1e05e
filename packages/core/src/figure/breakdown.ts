import { sql } from "drizzle-orm";
import type { AreaRow } from "../area/area.sql.ts";
import { ENGLAND } from "../area/index.ts";
import { queryRows, type Db } from "../db/types.ts";
import { badInput, notFound } from "../errors.ts";
import type { QuestionRow, QuestionSetRow, ScaleOptionRow } from "../questionset/questionset.sql.ts";
import { assertCrossBreakdownAllowed, crossCategories, type CrossCategory } from "./cross-breakdown.ts";
import { assertBreakdownAllowed } from "./access.ts";
import { benchmark, type BenchmarkArgs, type FigureScope } from "./benchmark.ts";
import type { Access } from "./disclosure.ts";
import { populationKey } from "./cube.ts";
import { publishMeasure, suppressedMeasure, type Measure } from "./measure.ts";
import { compareWithComparator, type ComparisonOutcome } from "./statistics.ts";

export interface BreakdownCategory {
  option: ScaleOptionRow;
  measure: Measure;
  /** The category against the whole area, by the same rule as benchmarks. */
  comparedWithTotal: ComparisonOutcome;
}

export type BreakdownResult = FigureScope & {
  question: QuestionRow;
  by: QuestionRow;
  band: BenchmarkArgs["band"];
  total: Measure;
  categories: BreakdownCategory[];
  thenBy: QuestionRow | null;
  crossCategories: CrossCategory[];
};

interface Row {
  option_id: number;
  n: number | null;
  nk: number | null;
  d: number | null;
  dk: number | null;
  pk: number;
}

/**
 * Hides enough categories that none can be recovered from the total by subtraction: when one is
 * suppressed, the smallest published one goes too. An empty category is suppressed like a small
 * one, so a true zero cannot be told from a few.
 */
export function secondarySuppression<T extends { measure: Measure; size: number }>(categories: T[]): T[] {
  const result = categories.map((c) => (c.measure.status === "NO_DATA" ? { ...c, measure: suppressedMeasure() } : c));
  const hidden = result.filter((c) => c.measure.status !== "AVAILABLE");
  const shown = result.filter((c) => c.measure.status === "AVAILABLE");
  if (hidden.length === 1 && shown.length > 0) {
    const smallest = shown.reduce((a, b) => (b.size < a.size ? b : a));
    return result.map((c) => (c === smallest ? { ...c, measure: suppressedMeasure() } : c));
  }
  return result;
}

async function aboutYouQuestion(db: Db, questionSet: QuestionSetRow, code: string, argument: string) {
  const [question] = await db.query.questions.findMany({ where: (q, { and, eq }) => and(eq(q.questionSetId, questionSet.id), eq(q.code, code)) });
  if (!question) throw notFound(`No question "${code}" in ${questionSet.code} version ${questionSet.version}`, argument);
  if (question.kind !== "ABOUT_YOU") throw badInput(`Break figures down by an ABOUT_YOU question; "${question.code}" is ${question.kind}`, argument);
  const options = (await db.query.scaleOptions.findMany({ where: (o, { eq }) => eq(o.scaleId, question.scaleId), orderBy: (o, { asc }) => asc(o.position) })).filter((o) => o.band === null);
  return { question, options };
}

/** A measure split by the answer to an ABOUT_YOU question (and, for England and regions, a second). */
export async function breakdown(db: Db, args: BenchmarkArgs & { by: string; thenBy?: string | null }, access: Access): Promise<BreakdownResult> {
  const headline = await benchmark(db, args);
  assertBreakdownAllowed(access, headline.area, "Breakdowns");
  if (args.thenBy) assertCrossBreakdownAllowed(access, headline.area);
  const { question: by, options } = await aboutYouQuestion(db, headline.questionSet, args.by, "by");
  const then = args.thenBy ? await aboutYouQuestion(db, headline.questionSet, args.thenBy, "thenBy") : null;
  if (then && then.question.id === by.id) throw badInput("`thenBy` must be another question than `by`", "thenBy");
  const period = headline.period;
  const rows = period
    ? await queryRows<Row>(
        db,
        sql`select c.by_option_id as option_id,
              sum(c.count) filter (where c.band = ${args.band})::int as n, sum(c.key_sum) filter (where c.band = ${args.band})::int as nk,
              sum(c.count)::int as d, sum(c.key_sum)::int as dk, ${populationKey(headline.questionSet.id, headline.area.code, period)} as pk
            from breakdown_counts c join area_ancestors aa on aa.area_code = c.area_code and aa.ancestor_code = ${headline.area.code}
            where c.question_id = ${headline.question.id} and c.by_question_id = ${by.id} and c.financial_year between ${period.from} and ${period.to}
            group by c.by_option_id`,
      )
    : [];
  const byOption = new Map(rows.map((r) => [r.option_id, r]));
  const categories = secondarySuppression(
    options.map((option) => {
      const row = byOption.get(option.id);
      const numerator = { count: row?.n ?? 0, keySum: row?.nk ?? 0 };
      const denominator = { count: row?.d ?? 0, keySum: row?.dk ?? 0 };
      const population = { count: 0, keySum: row?.pk ?? 0 };
      return { option, size: denominator.count, measure: publishMeasure(numerator, denominator, { exact: false, areaName: areaLabel(headline.area), population }) };
    }),
  );
  const cross = then
    ? await crossCategories(db, { questionSetId: headline.questionSet.id, question: headline.question, by, thenBy: then.question, area: headline.area, band: args.band, period }, { by: options, thenBy: then.options })
    : [];
  return {
    ...headline,
    by,
    thenBy: then?.question ?? null,
    crossCategories: cross,
    total: headline.value,
    categories: categories.map(({ option, measure }) => ({
      option,
      measure,
      comparedWithTotal: compareWithComparator(measure.confidenceInterval, headline.value.percentage, headline.polarity),
    })),
  };
}

const areaLabel = (area: AreaRow) => (area.code === ENGLAND ? "England" : area.name);
