import { Z_95, wilsonInterval } from "./statistics.ts";

/** Fewer answers than this and a sub-national figure is not published. */
export const MIN_DENOMINATOR = 10;

export type MeasureStatus = "AVAILABLE" | "SUPPRESSED" | "NO_DATA";

export interface Measure {
  numerator: number | null;
  denominator: number | null;
  percentage: number | null;
  confidenceInterval: { lower: number; upper: number; level: number; method: string } | null;
  status: MeasureStatus;
  symbol: string | null;
  reason: string | null;
}

const missing = (status: MeasureStatus, symbol: string, reason: string): Measure => ({
  numerator: null,
  denominator: null,
  percentage: null,
  confidenceInterval: null,
  status,
  symbol,
  reason,
});

/** A proportion with its Wilson 95% interval, or why it is not shown. */
export function buildMeasure(numerator: number, denominator: number, options: { exact: boolean; areaName: string }): Measure {
  if (denominator === 0) return missing("NO_DATA", "x", `No answers to this question in ${options.areaName}.`);
  if (!options.exact && denominator < MIN_DENOMINATOR) {
    return missing("SUPPRESSED", "c", `Fewer than ${MIN_DENOMINATOR} answers in ${options.areaName}: suppressed to protect respondents.`);
  }
  const { lower, upper } = wilsonInterval(numerator, denominator);
  return {
    numerator,
    denominator,
    percentage: (100 * numerator) / denominator,
    confidenceInterval: { lower: 100 * lower, upper: 100 * upper, level: 0.95, method: `WILSON` },
    status: "AVAILABLE",
    symbol: null,
    reason: null,
  };
}

export { Z_95 };
