import type { Scope } from "../scope/index.ts";
import { financialYearLabel } from "../time/index.ts";
import { validated } from "../util/validate.ts";
import { type BenchmarkArgs, type BenchmarkResult, cellsOf, familyMeasure, familyOf } from "./benchmark.ts";
import type { Measure } from "./measure.ts";
import { yearsOf } from "./reference.ts";
import { type FigureSource, figureSource } from "./source.ts";
import { type Polarity, trendZ, Z_95 } from "./statistics.ts";
import { assertBandOf, polarityOf, poolingOf, resolveArea, resolveGradedQuestion, resolveQuestionSet } from "./target.ts";
import { trendArgs, trendsArgs } from "./validation.ts";

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
  return z === null ? "NOT_ENOUGH_DATA" : z > Z_95 ? "INCREASING" : z < -Z_95 ? "DECREASING" : "NO_SIGNIFICANT_CHANGE";
}

/**
 * A measure by financial year, every year with responses to the versions the question pools
 * (or to the one version asked for), with the direction of change.
 */
export const trend = validated(trendArgs, async (scope: Scope, args: Omit<BenchmarkArgs, "period">): Promise<TrendResult> => {
  const { question, ...rest } = args;
  return (await trends(scope, { ...rest, questions: [question] }))[0]!;
});

/**
 * Several questions' trends in one area, in one read of the yearly cube: each exactly as `trend`
 * gives it (a local report draws every outcome's).
 */
export const trends = validated(
  trendsArgs,
  async (scope: Scope, args: Omit<BenchmarkArgs, "period" | "question"> & { questions: string[] }, given?: FigureSource): Promise<TrendResult[]> => {
    const source = given ?? (await figureSource(scope, args.release));
    const { ref } = source;
    const oneVersion = args.version != null;
    const spans = args.questions.map((code) => {
      const set = resolveQuestionSet(ref, args.questionSet, args.version, null, [code]);
      const links = oneVersion ? [] : ref.chains.get(resolveGradedQuestion(ref, set, code).id)!;
      const years = yearsOf(ref, links.length ? links.map((l) => l.setId) : [set.id]);
      return { code, years, period: years.length ? { from: years[0]!, to: years.at(-1)! } : null };
    });
    const area = resolveArea(ref, args.area);
    source.assertArea(area);
    // Each read as a benchmark over its years reads it: the version answered then, the question in it.
    const heads = spans.map(({ code, years, period }) => {
      const questionSet = resolveQuestionSet(ref, args.questionSet, args.version, period, [code]);
      const question = resolveGradedQuestion(ref, questionSet, code);
      const band = assertBandOf(ref, question, args.band);
      return { years, period, questionSet, question, band, pool: poolingOf(ref, questionSet, question, period, oneVersion) };
    });
    const { own } = await cellsOf(source, [...new Set(heads.flatMap((h) => familyOf(ref, h.question, h.pool)))]);
    return heads.map(({ years, period, questionSet, question, band, pool }) => {
      const points = years.map((year) => ({
        financialYear: financialYearLabel(year),
        measure: familyMeasure(own, question, pool, { from: year, to: year }, band, area),
      }));
      const polarity = polarityOf(band);
      const direction = trendDirection(points.map((p) => p.measure));
      return {
        release: source.name,
        questionSet,
        area,
        period,
        versions: pool.versions,
        syntheticData: ref.synthetic,
        question,
        band,
        polarity,
        points,
        direction,
        assessment: assess(direction, polarity),
      };
    });
  },
);
