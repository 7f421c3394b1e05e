/** The two-sided 97.5th percentile of the standard normal distribution. */
export const Z_95 = 1.959963984540054;

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
