import type { Band } from "../questionset/types.ts";
import type { BandCells } from "./cube.ts";
import { publishedCount, SMALL_COUNT } from "./disclosure.ts";
import { wilsonInterval } from "./statistics.ts";

export type MeasureStatus = "AVAILABLE" | "SUPPRESSED" | "NO_DATA" | "NOT_COMPARABLE";

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

function missing(status: MeasureStatus, symbol: string, reason: string, disclosure: Measure["disclosure"]): Measure {
  return {
    numerator: null,
    denominator: null,
    percentage: null,
    confidenceInterval: null,
    status,
    symbol,
    reason,
    disclosure,
  };
}

function available(numerator: number, denominator: number, disclosure: Measure["disclosure"]): Measure {
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
}

export function suppressedMeasure(disclosure: Measure["disclosure"] = "ROUNDED"): Measure {
  return missing("SUPPRESSED", "c", SUPPRESSION_REASON, disclosure);
}

/** A figure over versions of a question that may not be pooled (GSS symbol `z`, not applicable): no number at all. */
export function notComparableMeasure(reason: string, disclosure: Measure["disclosure"] = "ROUNDED"): Measure {
  return missing("NOT_COMPARABLE", "z", reason, disclosure);
}

/** The bands a measure can count (EXCLUDED answers are outside every denominator). */
export type CountableBand = Exclude<Band, "EXCLUDED">;
export const COUNTABLE_BANDS: readonly CountableBand[] = ["POSITIVE", "NEUTRAL", "NEGATIVE"];

/** A band may be shown when it, and the rest of the answers, each hold at least 10. */
export function bandPasses(cells: BandCells, band: CountableBand): boolean {
  return cells[band].count >= SMALL_COUNT && cells.answered.count - cells[band].count >= SMALL_COUNT;
}

/**
 * The bands of a question that may be shown at an exact level (England): each must pass the
 * minimum, and when only one band of the scale fails it, the smallest other band is hidden too,
 * or the hidden one would be the exact total minus the others (secondary suppression across
 * bands). Rounded levels need no such step: there the subtraction is off by up to 4 per count.
 */
export function exactBandsShown(cells: BandCells, bands: readonly CountableBand[]): Set<CountableBand> {
  const shown = bands.filter((b) => bandPasses(cells, b));
  if (shown.length === bands.length - 1 && shown.length > 0) {
    const smallest = shown.reduce((a, b) => (cells[b].count < cells[a].count ? b : a));
    return new Set(shown.filter((b) => b !== smallest));
  }
  return new Set(shown);
}

export interface PublishOptions {
  /** England's headline figures: the true counts, under the same minimum. */
  exact: boolean;
  areaName: string;
  /** The countable bands of the question's scale. */
  bands: readonly CountableBand[];
}

/**
 * A band's share of a question's answers with its Wilson 95% interval, or why it is not shown.
 * Every level publishes only when the band and the rest each hold at least 10 answers, so no
 * small cell, no 0% and no 100% is ever shown. England's headline figures publish the true
 * counts; every other measure the cell-key counts of its numerator and denominator, and the
 * percentage and interval, computed from the published counts, reveal nothing more than they do.
 */
export function publishBand(cells: BandCells, band: CountableBand, options: PublishOptions): Measure {
  const disclosure = options.exact ? "EXACT" : "ROUNDED";
  if (cells.answered.count === 0) return missing("NO_DATA", "x", `No answers to this question in ${options.areaName} for this period.`, disclosure);
  if (options.exact) {
    if (!exactBandsShown(cells, options.bands).has(band)) return suppressedMeasure(disclosure);
    return available(cells[band].count, cells.answered.count, disclosure);
  }
  if (!bandPasses(cells, band)) return suppressedMeasure(disclosure);
  return available(publishedCount(cells[band])!, publishedCount(cells.answered)!, disclosure);
}

/**
 * A category of a breakdown (or a cell of a two-way one), rounded like every count below England's
 * headline. Shown for a band when that band and the rest each hold at least 10 of its answers.
 * Where the table's total is exact (England), a category is shown only when every band of the
 * question's scale passes that test: otherwise another band's breakdown would show its size while
 * this one hides it, and the exact total less the shown categories would pin it down.
 */
export function publishCategory(
  cells: BandCells,
  band: CountableBand,
  options: { bands: readonly CountableBand[]; areaName: string; exactTotal: boolean },
): Measure {
  const publish = { exact: false, areaName: options.areaName, bands: options.bands };
  if (options.exactTotal && cells.answered.count > 0 && !options.bands.every((b) => bandPasses(cells, b))) return suppressedMeasure();
  return publishBand(cells, band, publish);
}
