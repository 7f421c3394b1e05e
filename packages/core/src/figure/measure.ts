import { EMPTY_CELL, publishedCount, SMALL_COUNT, type Cell } from "./disclosure.ts";
import type { MeasureCells } from "./cube.ts";
import { wilsonInterval } from "./statistics.ts";

export type MeasureStatus = "AVAILABLE" | "SUPPRESSED" | "NO_DATA";

export interface Measure {
  numerator: number | null;
  denominator: number | null;
  percentage: number | null;
  confidenceInterval: { lower: number; upper: number; level: number; method: string } | null;
  status: MeasureStatus;
  symbol: string | null;
  reason: string | null;
  /** EXACT for England's headline figures, ROUNDED (cell key method) for every other. */
  disclosure: "EXACT" | "ROUNDED";
}

/** One reason for every suppression, so that the reason says nothing about which rule fired. */
export const SUPPRESSION_REASON = `Too few answers to publish without risk of identifying someone (fewer than ${SMALL_COUNT} in the band or outside it).`;

const missing = (status: MeasureStatus, symbol: string, reason: string, disclosure: Measure["disclosure"]): Measure => ({
  numerator: null,
  denominator: null,
  percentage: null,
  confidenceInterval: null,
  status,
  symbol,
  reason,
  disclosure,
});

const available = (numerator: number, denominator: number, disclosure: Measure["disclosure"]): Measure => {
  const { lower, upper } = wilsonInterval(numerator, denominator);
  return {
    numerator,
    denominator,
    percentage: (100 * numerator) / denominator,
    confidenceInterval: { lower: 100 * lower, upper: 100 * upper, level: 0.95, method: "WILSON" },
    status: "AVAILABLE",
    symbol: null,
    reason: null,
    disclosure,
  };
};

export const suppressedMeasure = (): Measure => missing("SUPPRESSED", "c", SUPPRESSION_REASON, "ROUNDED");

/**
 * A proportion with its Wilson 95% interval, or why it is not shown. `exact` (England's headline
 * figures only) publishes the true counts. Every other measure publishes the cell-key counts of
 * its numerator and denominator, and only when both the band and the rest hold at least 10
 * answers: so no small cell, no 0% and no 100% is ever shown below England, and the percentage
 * and interval, computed from the published counts, reveal nothing more than they do.
 */
export function publishMeasure(numerator: Cell, denominator: Cell, options: { exact: boolean; areaName: string; population?: Cell }): Measure {
  if (denominator.count === 0) return missing("NO_DATA", "x", `No answers to this question in ${options.areaName} for this period.`, options.exact ? "EXACT" : "ROUNDED");
  if (options.exact) return available(numerator.count, denominator.count, "EXACT");
  if (numerator.count < SMALL_COUNT || denominator.count - numerator.count < SMALL_COUNT) return suppressedMeasure();
  const population = options.population ?? EMPTY_CELL;
  return available(publishedCount(numerator, population)!, publishedCount(denominator, population)!, "ROUNDED");
}

/** `publishMeasure` over the cells of a cube, keyed with their population. */
export const publishCells = (cells: MeasureCells, options: { exact: boolean; areaName: string }): Measure =>
  publishMeasure(cells.numerator, cells.denominator, { ...options, population: cells.population });
