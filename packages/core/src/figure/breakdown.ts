import { and, asc, eq } from "drizzle-orm";
import { figureAccess } from "../actor/index.ts";
import type { Db } from "../db/index.ts";
import { badInput, notFound } from "../errors/index.ts";
import type { QuestionRow, QuestionSetRow, ScaleOptionRow } from "../questionset/index.ts";
import { questions, scaleOptions, scales } from "../questionset/index.ts";
import type { Scope } from "../scope/index.ts";
import { validated } from "../util/validate.ts";
import { assertBreakdownAllowed } from "./access.ts";
import { type BenchmarkArgs, benchmark, type FigureScope, familyOf, sourceSpan } from "./benchmark.ts";
import { assertCrossBreakdownAllowed, type CrossCategory, crossCategories } from "./cross-breakdown.ts";
import { EMPTY_BAND_CELLS } from "./cube.ts";
import { type Atom, familyCells } from "./family.ts";
import { oneWayAtoms } from "./joint.ts";
import { type CountableBand, type Measure, notComparableMeasure, publishBand, suppressedMeasure } from "./measure.ts";
import { yearsIn } from "./period.ts";
import { figureSource } from "./source.ts";
import { type ComparisonOutcome, compareWithComparator } from "./statistics.ts";
import { poolingOf } from "./target.ts";
import { breakdownArgs } from "./validation.ts";

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
  const [question] = await db
    .select()
    .from(questions)
    .where(and(eq(questions.questionSetId, questionSet.id), eq(questions.code, code)));
  if (!question) throw notFound(`No question "${code}" in ${questionSet.code} version ${questionSet.version}`, argument);
  const options = (await db.select().from(scaleOptions).where(eq(scaleOptions.scaleId, question.scaleId)).orderBy(asc(scaleOptions.position))).filter(
    (o) => o.band === null,
  );
  if (options.length === 0) throw badInput(`"${question.code}" is a graded question: break figures down by a question whose answers are categories`, argument);
  const [scale] = await db.select({ multiple: scales.multiple }).from(scales).where(eq(scales.id, question.scaleId));
  return { question, options, overlapping: scale!.multiple };
}

/** A measure split by the answer to a categorical question (and, for England and regions, a second). */
export const breakdown = validated(
  breakdownArgs,
  async (scope: Scope, args: BenchmarkArgs & { by: string; thenBy?: string | null }): Promise<BreakdownResult> => {
    const { db } = scope;
    const source = await figureSource(scope, args.release);
    const live = source.kind === "LIVE";
    const access = figureAccess(scope.actor);
    const headline = await benchmark(scope, args, source, args.thenBy ? [args.by, args.thenBy] : [args.by]);
    // Live figures are the organisation's own responses, in an area it covers: no wider access is needed.
    if (!live) assertBreakdownAllowed(access, headline.area, "Breakdowns");
    if (args.thenBy && !live) assertCrossBreakdownAllowed(access, headline.area);
    const { question: by, options, overlapping } = await categoricalQuestion(db, headline.questionSet, args.by, "by");
    const then = args.thenBy ? await categoricalQuestion(db, headline.questionSet, args.thenBy, "thenBy") : null;
    const period = headline.period;
    const band = headline.band as CountableBand;
    const { ref } = source;
    const bands = ref.bandsByQuestion.get(headline.question.id)!;
    const pool = (q: QuestionRow) => poolingOf(ref, headline.questionSet, q, period, args.version != null);
    const [measured, byPool, thenPool] = [pool(headline.question), pool(by), then ? pool(then.question) : null];
    const notComparable = measured.notComparable ?? byPool.notComparable ?? thenPool?.notComparable ?? null;
    const chain = (q: QuestionRow, p: { questionIds: number[] }) => familyOf(ref, q, p).map((id) => ref.questionsById.get(id)!);
    const span = sourceSpan(source);
    const byOption =
      period && span && !notComparable
        ? await oneWayAtoms(source, chain(headline.question, measured), chain(by, byPool), headline.area, yearsIn(span))
        : new Map<string, Atom[]>();
    const published = options.map((option) => {
      const view = period ? familyCells(byOption.get(option.code) ?? [], { questionIds: measured.questionIds, period }, bands, live) : null;
      const cells = view?.cells ?? EMPTY_BAND_CELLS;
      const measure = notComparable
        ? notComparableMeasure(notComparable)
        : publishBand(cells, band, { bands, areaName: headline.area.name, live, blocked: view?.blocked });
      return { option, size: cells.answered.count, measure };
    });
    const categories = live ? published : secondarySuppression(published);
    const cross = then
      ? await crossCategories(
          source,
          {
            question: chain(headline.question, measured),
            questionIds: measured.questionIds,
            by: { question: by, pool: chain(by, byPool) },
            thenBy: { question: then.question, pool: chain(then.question, thenPool!) },
            area: headline.area,
            band,
            bands,
            period,
            notComparable,
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
  },
);
