import { ENGLAND } from "../area/index.ts";
import type { Db } from "../db/types.ts";
import { financialYearLabel } from "../response/index.ts";
import { benchmark, type BenchmarkArgs, type BenchmarkResult } from "./benchmark.ts";
import { leafMeasureCells, poolCells } from "./cube.ts";
import { publishCells, type Measure } from "./measure.ts";
import { referenceData } from "./reference.ts";
import { trendZ, Z_95, type Polarity } from "./statistics.ts";

export type TrendDirection = "INCREASING" | "DECREASING" | "NO_SIGNIFICANT_CHANGE" | "NOT_ENOUGH_DATA";
export type TrendAssessment = "GETTING_BETTER" | "GETTING_WORSE" | "NO_SIGNIFICANT_CHANGE" | "NOT_ASSESSED";

export const TREND_METHOD = "Cochran–Armitage test for a linear trend in proportions over the published yearly counts, two-sided at 95%; needs 3 or more years with published values";

export type TrendResult = Omit<BenchmarkResult, "value" | "england" | "comparisons" | "rank"> & {
  points: { financialYear: string; measure: Measure }[];
  direction: TrendDirection;
  assessment: TrendAssessment;
};

function assess(direction: TrendDirection, polarity: Polarity): TrendAssessment {
  if (direction === "NO_SIGNIFICANT_CHANGE") return "NO_SIGNIFICANT_CHANGE";
  if (direction === "NOT_ENOUGH_DATA" || polarity === "NO_JUDGEMENT") return "NOT_ASSESSED";
  return (direction === "INCREASING") === (polarity === "HIGHER_IS_BETTER") ? "GETTING_BETTER" : "GETTING_WORSE";
}

/** A measure by financial year, every year with data for the question set, with the direction of change. */
export async function trend(db: Db, args: Omit<BenchmarkArgs, "period">): Promise<TrendResult> {
  const { value: _value, england: _england, comparisons: _comparisons, rank: _rank, ...headline } = await benchmark(db, { ...args, period: null });
  const ref = await referenceData(db);
  const years = ref.yearsBySet.get(headline.questionSet.id) ?? [];
  const cells = headline.period ? (await leafMeasureCells(db, [headline.question.id], args.band, headline.period, true)).get(headline.question.id) : undefined;
  const points = years.map((year) => {
    const pooled = poolCells(cells, ref, headline.area.code, year);
    return { financialYear: financialYearLabel(year), measure: publishCells(pooled, { exact: headline.area.code === ENGLAND, areaName: headline.area.name }) };
  });
  const published = points.filter((p) => p.measure.status === "AVAILABLE").map((p) => ({ numerator: p.measure.numerator!, denominator: p.measure.denominator! }));
  const z = trendZ(published);
  const direction: TrendDirection = z === null ? "NOT_ENOUGH_DATA" : z > Z_95 ? "INCREASING" : z < -Z_95 ? "DECREASING" : "NO_SIGNIFICANT_CHANGE";
  return { ...headline, points, direction, assessment: assess(direction, headline.polarity) };
}
