/** The two-sided 97.5th percentile of the standard normal distribution. */
export const Z_95 = 1.959963984540054;
/** The 99.9th percentile: two-sided 99.8% limits. */
export const Z_998 = 3.090232306167813;

/** The quantile at `p` of sorted values, interpolated between neighbours (Hyndman and Fan's type 7: R's and numpy's default). */
export function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (h - below) * (sorted[above]! - sorted[below]!);
}

export interface Interval {
  lower: number;
  upper: number;
}

/**
 * Wilson score interval for a proportion, without continuity correction, as proportions in
 * OHID's Fingertips: well-behaved at 0 and at n (unlike the normal approximation). Proportions.
 */
export function wilsonInterval(numerator: number, denominator: number, z = Z_95): Interval {
  if (!(denominator > 0) || numerator < 0 || numerator > denominator) {
    throw new RangeError(`Wilson interval needs 0 <= numerator <= denominator and denominator > 0 (got ${numerator}/${denominator})`);
  }
  const p = numerator / denominator;
  const z2 = z * z;
  const centre = p + z2 / (2 * denominator);
  const spread = z * Math.sqrt((p * (1 - p)) / denominator + z2 / (4 * denominator * denominator));
  const scale = 1 + z2 / denominator;
  return { lower: Math.max(0, (centre - spread) / scale), upper: Math.min(1, (centre + spread) / scale) };
}

export interface Estimate {
  estimate: number;
  lower: number;
  upper: number;
}

/**
 * Relative risk of a 2×2 table with its Katz (log) 95% interval: a = exposed with the outcome,
 * b = exposed without, c = unexposed with, d = unexposed without. Null when a cell that the
 * estimate divides by or logs is empty (no finite estimate).
 */
export function relativeRisk(a: number, b: number, c: number, d: number, z = Z_95): Estimate | null {
  // Counts are never negative, so a > 0 and c > 0 also keep both row totals above 0.
  if (a <= 0 || c <= 0) return null;
  const estimate = a / (a + b) / (c / (c + d));
  const se = Math.sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d));
  return { estimate, lower: Math.exp(Math.log(estimate) - z * se), upper: Math.exp(Math.log(estimate) + z * se) };
}

/** Odds ratio ad/bc with Woolf's (log) 95% interval; null when any cell is empty. */
export function oddsRatio(a: number, b: number, c: number, d: number, z = Z_95): Estimate | null {
  if (a <= 0 || b <= 0 || c <= 0 || d <= 0) return null;
  const estimate = (a * d) / (b * c);
  const se = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
  return { estimate, lower: Math.exp(Math.log(estimate) - z * se), upper: Math.exp(Math.log(estimate) + z * se) };
}

export type Polarity = "HIGHER_IS_BETTER" | "LOWER_IS_BETTER" | "NO_JUDGEMENT";
export type ComparisonOutcome = "BETTER" | "SIMILAR" | "WORSE" | "HIGHER" | "LOWER" | "NOT_COMPARED";

/**
 * Fingertips' rule for proportions: the area differs from its comparator when the comparator's
 * value lies outside the area's 95% confidence interval (on a limit counts as inside). Whether
 * higher is better decides BETTER/WORSE; without a judgement it says HIGHER/LOWER.
 */
export function compareWithComparator(area: Interval | null, comparator: number | null, polarity: Polarity): ComparisonOutcome {
  if (!area || comparator === null) return "NOT_COMPARED";
  if (comparator >= area.lower && comparator <= area.upper) return "SIMILAR";
  const areaHigher = comparator < area.lower;
  if (polarity === "NO_JUDGEMENT") return areaHigher ? "HIGHER" : "LOWER";
  return areaHigher === (polarity === "HIGHER_IS_BETTER") ? "BETTER" : "WORSE";
}

/**
 * Cochran–Armitage test for a linear trend in proportions over equally spaced periods: the z
 * statistic (positive when rising). Null when it cannot be computed (fewer than 3 periods, or
 * every answer in one band).
 */
export function trendZ(points: { numerator: number; denominator: number }[]): number | null {
  if (points.length < 3) return null;
  const total = points.reduce((s, p) => s + p.denominator, 0);
  const p = points.reduce((s, q) => s + q.numerator, 0) / total;
  let t = 0;
  let sumNT = 0;
  let sumNT2 = 0;
  points.forEach((q, i) => {
    t += i * (q.numerator - q.denominator * p);
    sumNT += q.denominator * i;
    sumNT2 += q.denominator * i * i;
  });
  const variance = p * (1 - p) * (sumNT2 - (sumNT * sumNT) / total);
  return variance > 0 ? t / Math.sqrt(variance) : null;
}
