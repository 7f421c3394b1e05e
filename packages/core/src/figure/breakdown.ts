import { sql } from "drizzle-orm";
import { figureAccess } from "../actor/index.ts";
import { ENGLAND } from "../area/index.ts";
import type { Db } from "../db/types.ts";
import { badInput, notFound } from "../errors.ts";
import type { QuestionRow, QuestionSetRow, ScaleOptionRow } from "../questionset/questionset.sql.ts";
import { questionCode } from "../questionset/validation.ts";
import type { Scope } from "../scope.ts";
import { parseInput } from "../util/validate.ts";
import { assertBreakdownAllowed } from "./access.ts";
import { type BenchmarkArgs, benchmark, type FigureScope } from "./benchmark.ts";
import { assertCrossBreakdownAllowed, type CrossCategory, crossCategories } from "./cross-breakdown.ts";
import { type BandCells, EMPTY_BAND_CELLS } from "./cube.ts";
import { bandCellsBy, chose } from "./joint.ts";
import { type CountableBand, type Measure, notComparableMeasure, publishCategory, suppressedMeasure } from "./measure.ts";
import type { Period } from "./period.ts";
import { referenceData } from "./reference.ts";
import { type ComparisonOutcome, compareWithComparator } from "./statistics.ts";
import { poolingOf } from "./target.ts";

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
  /** The categories overlap: `by` (or `thenBy`) is multi-tick, so one respondent counts in each category they ticked. */
  overlapping: boolean;
  crossCategories: CrossCategory[];
};

/**
 * Hides enough categories that none can be recovered from the total by subtraction: when one is
 * suppressed, the smallest published one goes too. An empty category is suppressed like a small
 * one, so a true zero cannot be told from a few. Sizes are the categories' answers in every band,
 * so each band's breakdown of a question hides the same categories.
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

/** A question whose answers are categories (band-less options): any of them can split a measure. */
/** A graded question (the one measured, say) has no band-less options, so it is refused here. */
async function categoricalQuestion(db: Db, questionSet: QuestionSetRow, code: string, argument: string) {
  parseInput(questionCode, code, argument);
  const [question] = await db.query.questions.findMany({ where: (q, { and, eq }) => and(eq(q.questionSetId, questionSet.id), eq(q.code, code)) });
  if (!question) throw notFound(`No question "${code}" in ${questionSet.code} version ${questionSet.version}`, argument);
  const options = (
    await db.query.scaleOptions.findMany({ where: (o, { eq }) => eq(o.scaleId, question.scaleId), orderBy: (o, { asc }) => asc(o.position) })
  ).filter((o) => o.band === null);
  if (options.length === 0) throw badInput(`"${question.code}" is a graded question: break figures down by a question whose answers are categories`, argument);
  const scale = (await db.query.scales.findFirst({ where: (sc, { eq }) => eq(sc.id, question.scaleId) }))!;
  return { question, options, overlapping: scale.multiple };
}

/** Band cells of the measured question by option of the `by` question, in an area over a period. */
async function categoryCells(
  db: Db,
  version: number,
  measured: QuestionRow[],
  by: QuestionRow[],
  area: string,
  period: Period,
): Promise<Map<string, BandCells>> {
  const rows = await bandCellsBy(db, version, { measured, keys: [sql`bo.code`], joins: [chose("bo", by, sql`bo.band is null`)], area, period });
  return new Map(rows.map((r) => [r.keys[0]!, r.cells]));
}

/** A measure split by the answer to a categorical question (and, for England and regions, a second). */
export async function breakdown(scope: Scope, args: BenchmarkArgs & { by: string; thenBy?: string | null }): Promise<BreakdownResult> {
  const { db } = scope;
  const access = figureAccess(scope.actor);
  const headline = await benchmark(scope, args);
  assertBreakdownAllowed(access, headline.area, "Breakdowns");
  if (args.thenBy) assertCrossBreakdownAllowed(access, headline.area);
  const { question: by, options, overlapping } = await categoricalQuestion(db, headline.questionSet, args.by, "by");
  const then = args.thenBy ? await categoricalQuestion(db, headline.questionSet, args.thenBy, "thenBy") : null;
  if (then && then.question.id === by.id) throw badInput("`thenBy` must be another question than `by`", "thenBy");
  const period = headline.period;
  const band = headline.band as CountableBand;
  const ref = await referenceData(db);
  const bands = ref.bandsByQuestion.get(headline.question.id)!;
  const pool = (q: QuestionRow) => poolingOf(ref, headline.questionSet, q, period, args.version != null);
  const [measured, byPool, thenPool] = [pool(headline.question), pool(by), then ? pool(then.question) : null];
  const notComparable = measured.notComparable ?? byPool.notComparable ?? thenPool?.notComparable ?? null;
  const byOption =
    period && !notComparable
      ? await categoryCells(db, ref.version, measured.questions, byPool.questions, headline.area.code, period)
      : new Map<string, BandCells>();
  const categories = secondarySuppression(
    options.map((option) => {
      const cells = byOption.get(option.code) ?? EMPTY_BAND_CELLS;
      const exactTotal = headline.area.code === ENGLAND;
      const measure = notComparable ? notComparableMeasure(notComparable) : publishCategory(cells, band, { bands, areaName: headline.area.name, exactTotal });
      return { option, size: cells.answered.count, measure };
    }),
  );
  const cross = then
    ? await crossCategories(
        db,
        {
          question: measured.questions,
          by: { question: by, pool: byPool.questions },
          thenBy: { question: then.question, pool: thenPool!.questions },
          area: headline.area,
          band,
          bands,
          period,
          notComparable,
          version: ref.version,
        },
        { by: options, thenBy: then.options },
      )
    : [];
  return {
    ...headline,
    by,
    overlapping: overlapping || Boolean(then?.overlapping),
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
