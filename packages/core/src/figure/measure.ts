import type { Band } from "../questionset/index.ts";
import { type BandCells, publishedCount, SMALL_COUNT } from "./disclosure.ts";
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

/** Why a figure over a period its family's blocks do not make up is not published (`family.ts`): the same for every such figure. */
export const COARSE_REASON =
  "Too few answers in some financial year to publish this area's figure over exactly these years: ask for a longer run of years (leave out `period` for every year of the version).";

/** A figure finer than its family may publish (`family.ts`): suppressed, saying how to ask for what is published. */
export function coarseMeasure(): Measure {
  return missing("SUPPRESSED", "c", COARSE_REASON, "ROUNDED");
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

export interface PublishOptions {
  /** An organisation's own live figures: the true counts, none hidden. */
  live: boolean;
  areaName: string;
  /** The countable bands of the question's scale. */
  bands: readonly CountableBand[];
  /** Bands the figure's period may not show, whatever their counts (`family.ts`: not whole blocks). */
  blocked?: ReadonlySet<CountableBand>;
}

/**
 * A band's share of a question's answers with its Wilson 95% interval, or why it is not shown.
 * Published figures (a release's, England's included) show a measure only when the band and the
 * rest each hold at least 10 answers, so no small cell, no 0% and no 100% is ever shown, and show
 * the cell-key counts of numerator and denominator: the percentage and interval, computed from
 * them, reveal nothing more than they do. Live figures are an organisation's own responses,
 * which it can read already: their true counts, whatever their size.
 */
export function publishBand(cells: BandCells, band: CountableBand, options: PublishOptions): Measure {
  const disclosure = options.live ? "EXACT" : "ROUNDED";
  if (cells.answered.count === 0) return missing("NO_DATA", "x", `No answers to this question in ${options.areaName} for this period.`, disclosure);
  if (options.live) return available(cells[band].count, cells.answered.count, disclosure);
  if (!bandsShown(cells, options.bands, options.blocked).has(band)) return options.blocked?.has(band) ? coarseMeasure() : suppressedMeasure(disclosure);
  return available(publishedCount(cells[band])!, publishedCount(cells.answered)!, disclosure);
}

/**
 * The bands of a question that may be shown: each must pass the minimum (and not be `blocked`),
 * and when only one band of the scale is hidden, the smallest other band is hidden too, or the
 * hidden one would be the total less the others within a few (secondary suppression across
 * bands). So a hidden band is never alone beside its shown siblings, and a hidden band need not
 * be a small one.
 */
export function bandsShown(cells: BandCells, bands: readonly CountableBand[], blocked?: ReadonlySet<CountableBand>): Set<CountableBand> {
  const shown = bands.filter((b) => bandPasses(cells, b) && !blocked?.has(b));
  if (shown.length === bands.length - 1 && shown.length > 0) {
    const smallest = shown.reduce((a, b) => (cells[b].count < cells[a].count ? b : a));
    return new Set(shown.filter((b) => b !== smallest));
  }
  return new Set(shown);
}
