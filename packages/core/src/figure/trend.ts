import { financialYearLabel } from "../response/index.ts";
import type { Scope } from "../scope.ts";
import { type BenchmarkArgs, type BenchmarkResult, benchmark, measureAt } from "./benchmark.ts";
import { leafBandCells, poolCells, poolQuestions } from "./cube.ts";
import type { CountableBand, Measure } from "./measure.ts";
import { referenceData, yearsOf } from "./reference.ts";
import { type Polarity, trendZ, Z_95 } from "./statistics.ts";
import { poolingOf, resolveGradedQuestion, resolveQuestionSet } from "./target.ts";

export type TrendDirection = "INCREASING" | "DECREASING" | "NO_SIGNIFICANT_CHANGE" | "NOT_ENOUGH_DATA";
export type TrendAssessment = "GETTING_BETTER" | "GETTING_WORSE" | "NO_SIGNIFICANT_CHANGE" | "NOT_ASSESSED";

export const TREND_METHOD =
  "Cochran–Armitage test for a linear trend in proportions over the published yearly counts, two-sided at 95%; needs 3 or more years with published values";

export type TrendResult = Omit<BenchmarkResult, "value" | "england" | "comparisons" | "rank"> & {
  points: { financialYear: string; measure: Measure }[];
  direction: TrendDirection;
  assessment: TrendAssessment;
};

/** Whether a direction is getting better or worse, given which way is better. */
export function assess(direction: TrendDirection, polarity: Polarity): TrendAssessment {
  if (direction === "NO_SIGNIFICANT_CHANGE") return "NO_SIGNIFICANT_CHANGE";
  if (direction === "NOT_ENOUGH_DATA" || polarity === "NO_JUDGEMENT") return "NOT_ASSESSED";
  return (direction === "INCREASING") === (polarity === "HIGHER_IS_BETTER") ? "GETTING_BETTER" : "GETTING_WORSE";
}

/** The direction of the published yearly values, by the Cochran–Armitage test at 95%. */
export function trendDirection(measures: Measure[]): TrendDirection {
  const published = measures.filter((m) => m.status === "AVAILABLE").map((m) => ({ numerator: m.numerator!, denominator: m.denominator! }));
  const z = trendZ(published);
  // Stryker disable next-line EqualityOperator: z is never exactly the critical value
  return z === null ? "NOT_ENOUGH_DATA" : z > Z_95 ? "INCREASING" : z < -Z_95 ? "DECREASING" : "NO_SIGNIFICANT_CHANGE";
}

/**
 * A measure by financial year, every year with responses to the versions the question pools
 * (or to the one version asked for), with the direction of change.
 */
export async function trend(scope: Scope, args: Omit<BenchmarkArgs, "period">): Promise<TrendResult> {
  const { db } = scope;
  const ref = await referenceData(db);
  const oneVersion = args.version != null;
  const set = resolveQuestionSet(ref, args.questionSet, args.version);
  const links = oneVersion ? [] : ref.chains.get(resolveGradedQuestion(ref, set, args.question).id)!;
  const setIds = links.length ? links.map((l) => l.setId) : [set.id];
  const years = yearsOf(ref, setIds);
  const period = years.length ? { from: financialYearLabel(years[0]!), to: financialYearLabel(years.at(-1)!) } : null;
  const { value: _value, england: _england, comparisons: _comparisons, rank: _rank, ...headline } = await benchmark(scope, { ...args, period });
  const { questionIds } = poolingOf(ref, headline.questionSet, headline.question, headline.period, oneVersion);
  const cells = headline.period ? poolQuestions(await leafBandCells(db, ref.version, questionIds, headline.period, true), questionIds) : undefined;
  const points = years.map((year) => ({
    financialYear: financialYearLabel(year),
    measure: measureAt(ref, headline.question, poolCells(cells, ref, headline.area.code, year), headline.band as CountableBand, headline.area),
  }));
  const direction = trendDirection(points.map((p) => p.measure));
  return { ...headline, points, direction, assessment: assess(direction, headline.polarity) };
}
