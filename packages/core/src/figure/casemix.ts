/**
 * Case-mix adjustment and funnel plots: the statistics, on counts alone (no database, no
 * disclosure; the figure engine gives them published counts). docs/case-mix.md says why each
 * choice was made; casemix.fixture.py checks every number here against statsmodels.
 *
 * - The model: a logistic regression of a positive answer on the respondents' characteristics
 *   (main effects, each a categorical variable coded against its first level), fitted by
 *   iteratively reweighted least squares on England's counts grouped by stratum.
 * - An area's expected count: the sum over its respondents of the probability the model gives
 *   people like them (indirect standardisation by model); its variance, the sum of p(1 - p).
 * - Funnel limits around England's value, with overdispersion as Spiegelhalter (2005) handles it:
 *   z-scores winsorised at 10% each side, phi their mean square, and an additive random effect
 *   tau² when I·phi exceeds I - 1.
 */

import { quantile, Z_95, Z_998 } from "./statistics.ts";

/** One group of respondents alike in every characteristic: the design row, and their answers. */
export interface GroupedRow {
  /** The design row: 1 for the intercept, then one 0/1 column per non-reference level. */
  x: number[];
  positive: number;
  total: number;
}

export interface LogisticFit {
  coefficients: number[];
  /** The residual deviance at the fit. */
  deviance: number;
  iterations: number;
  converged: boolean;
}

const expit = (eta: number) => 1 / (1 + Math.exp(-eta));
const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);

/** The probability of a positive answer the model gives a design row. */
export const probability = (fit: Pick<LogisticFit, "coefficients">, x: readonly number[]): number => expit(dot(fit.coefficients, x));

/** Solves A·b = y for a symmetric positive-definite A (Cholesky); null when A is singular. */
export function solveSymmetric(a: number[][], y: number[]): number[] | null {
  const n = y.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(sum > 1e-12 * Math.max(1, Math.abs(a[i]![i]!)))) return null;
        l[i]![i] = Math.sqrt(sum);
      } else l[i]![j] = sum / l[j]![j]!;
    }
  }
  const z = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = y[i]!;
    for (let k = 0; k < i; k++) sum -= l[i]![k]! * z[k]!;
    z[i] = sum / l[i]![i]!;
  }
  const b = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = z[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k]![i]! * b[k]!;
    b[i] = sum / l[i]![i]!;
  }
  return b;
}

function deviance(rows: readonly GroupedRow[], beta: readonly number[]): number {
  let d = 0;
  for (const r of rows) {
    const mu = r.total * expit(dot(beta, r.x));
    const y = r.positive;
    const n = r.total;
    if (y > 0) d += y * Math.log(y / mu);
    if (n - y > 0) d += (n - y) * Math.log((n - y) / (n - mu));
  }
  return 2 * d;
}

/**
 * A binomial GLM with the logit link, by IRLS (Newton's method, since the link is canonical),
 * started from each group's empirical logit (smoothed by a half), and stopped when the deviance
 * changes by less than `tolerance` relative to itself. The maximum is unique, so any start
 * reaches the same coefficients.
 */
export function fitLogistic(rows: readonly GroupedRow[], options: { tolerance?: number; maxIterations?: number } = {}): LogisticFit {
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 100;
  const p = rows[0]?.x.length ?? 0;
  const used = rows.filter((r) => r.total > 0);
  if (!p || !used.length) throw new Error("A model needs at least one group with answers");
  // The first step: weighted least squares of the smoothed empirical logits.
  const fromLogits = () => {
    const xtwx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const xtwz = new Array<number>(p).fill(0);
    for (const r of used) {
      const mu = (r.positive + 0.5) / (r.total + 1);
      const w = r.total * mu * (1 - mu);
      const z = Math.log(mu / (1 - mu));
      for (let i = 0; i < p; i++) {
        xtwz[i]! += r.x[i]! * w * z;
        for (let j = 0; j < p; j++) xtwx[i]![j]! += r.x[i]! * w * r.x[j]!;
      }
    }
    return solveSymmetric(xtwx, xtwz);
  };
  let beta = fromLogits();
  if (!beta) throw new Error("The characteristics are collinear: a level no group has, or two that always go together");
  let previous = deviance(used, beta);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const xtwx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const score = new Array<number>(p).fill(0);
    for (const r of used) {
      const pi = expit(dot(beta, r.x));
      const w = r.total * pi * (1 - pi);
      const residual = r.positive - r.total * pi;
      for (let i = 0; i < p; i++) {
        score[i]! += r.x[i]! * residual;
        for (let j = 0; j < p; j++) xtwx[i]![j]! += r.x[i]! * w * r.x[j]!;
      }
    }
    const step = solveSymmetric(xtwx, score);
    if (!step) throw new Error("The model cannot be fitted: a characteristic's level has all or none of its answers positive");
    beta = beta.map((b, i) => b + step[i]!);
    const current = deviance(used, beta);
    if (Math.abs(current - previous) <= tolerance * (Math.abs(current) + 0.1))
      return { coefficients: beta, deviance: current, iterations: iteration, converged: true };
    previous = current;
  }
  return { coefficients: beta, deviance: previous, iterations: maxIterations, converged: false };
}

/** What the model expects of a set of respondents: the sum of their probabilities, and its variance. */
export function expectedOf(
  fit: Pick<LogisticFit, "coefficients">,
  respondents: readonly { x: number[]; total: number }[],
): { expected: number; variance: number } {
  let expected = 0;
  let variance = 0;
  for (const r of respondents) {
    const pi = probability(fit, r.x);
    expected += r.total * pi;
    variance += r.total * pi * (1 - pi);
  }
  return { expected, variance };
}

export interface Overdispersion {
  /** How many units. */
  units: number;
  /** The mean square of the winsorised z-scores. */
  phi: number;
  /** Whether I·phi exceeds I - 1, the expectation of a chi-squared on I - 1 degrees of freedom: overdispersed. */
  overdispersed: boolean;
  /** The additive random effect's variance (0 when not overdispersed). */
  tau2: number;
  /** The winsorising bounds: the 10th and 90th percentiles of the z-scores. */
  bounds: [number, number];
}

/**
 * Spiegelhalter (2005): the units' z-scores against the target, winsorised at `winsor` each side,
 * give phi; when overdispersed, tau² = (I·phi - (I - 1)) / (Σw - Σw²/Σw) with w = 1/s², the
 * additive random effect's variance on the scale of the measure.
 */
export function overdispersion(units: readonly { z: number; s: number }[], winsor = 0.1): Overdispersion {
  const n = units.length;
  if (n < 2) return { units: n, phi: 1, overdispersed: false, tau2: 0, bounds: [Number.NaN, Number.NaN] };
  const sorted = units.map((u) => u.z).sort((a, b) => a - b);
  const bounds: [number, number] = [quantile(sorted, winsor), quantile(sorted, 1 - winsor)];
  const phi = units.reduce((sum, u) => sum + Math.min(bounds[1], Math.max(bounds[0], u.z)) ** 2, 0) / n;
  const overdispersed = n * phi > n - 1;
  const w = units.map((u) => 1 / (u.s * u.s));
  const sw = w.reduce((a, b) => a + b, 0);
  const sw2 = w.reduce((a, b) => a + b * b, 0);
  const tau2 = overdispersed ? (n * phi - (n - 1)) / (sw - sw2 / sw) : 0;
  return { units: n, phi, overdispersed, tau2, bounds };
}

/** A proportion's funnel limits at n respondents around target p0: with the random effect, as plotted. */
export function funnelLimits(p0: number, n: number, tau2: number): { lower95: number; upper95: number; lower998: number; upper998: number } {
  const sd = Math.sqrt((p0 * (1 - p0)) / n + tau2);
  return { lower95: p0 - Z_95 * sd, upper95: p0 + Z_95 * sd, lower998: p0 - Z_998 * sd, upper998: p0 + Z_998 * sd };
}

/** The CQC's five bands, from a unit's z-score against the limits (HIGHER_IS_BETTER). */
export type ExpectedBand = "MUCH_BETTER" | "BETTER" | "ABOUT_AS_EXPECTED" | "WORSE" | "MUCH_WORSE";

export function bandOf(z: number): ExpectedBand {
  if (z > Z_998) return "MUCH_BETTER";
  if (z > Z_95) return "BETTER";
  if (z < -Z_998) return "MUCH_WORSE";
  if (z < -Z_95) return "WORSE";
  return "ABOUT_AS_EXPECTED";
}

export interface AdjustedUnit {
  observed: number;
  expected: number;
  /** observed / expected. */
  ratio: number;
  /** The ratio times England's proportion: the proportion the area would have with England's case mix. */
  adjusted: number;
  /** The adjusted proportion's standard error under the target: sqrt(variance) / expected × England's proportion. */
  s: number;
  /** The unit's z-score against England's proportion, before any random effect. */
  z: number;
}

/** An area's adjusted proportion against England's, from its observed and expected counts (indirect standardisation). */
export function adjust(observed: number, expected: { expected: number; variance: number }, p0: number): AdjustedUnit {
  const ratio = observed / expected.expected;
  const adjusted = ratio * p0;
  const s = (Math.sqrt(expected.variance) / expected.expected) * p0;
  return { observed, expected: expected.expected, ratio, adjusted, s, z: (adjusted - p0) / s };
}

/** A unit's z-score once the random effect is added to its own variance: what its band is read from. */
export const zWithRandomEffect = (unit: Pick<AdjustedUnit, "adjusted" | "s">, p0: number, tau2: number): number =>
  (unit.adjusted - p0) / Math.sqrt(unit.s * unit.s + tau2);
