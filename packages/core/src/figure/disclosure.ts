/*
 * Statistical disclosure control: the cell key method (ONS, 2021 Census; ABS TableBuilder).
 * The design is written down in docs/disclosure-control.md. In short: every response carries a
 * random record key (0–255) fixed at ingestion and never shown; a cell's key is the sum of its
 * records' keys modulo 256; a fixed perturbation table, looked up by cell key and count, gives
 * the count that is published. The same records always give the same published count, however
 * a query reaches them, so repeating or rephrasing a query averages nothing away.
 */

/** A cell of a cube: how many records, and the sum of their record keys. */
export interface Cell {
  count: number;
  keySum: number;
}

export const EMPTY_CELL: Cell = { count: 0, keySum: 0 };
export const CELL_KEY_RANGE = 256;
/** Counts below this are never published (ONS's table): 0 is as hidden as 1 to 9. */
export const SMALL_COUNT = 10;
/** Every other count is published as a multiple of this. */
export const ROUNDING_BASE = 5;

export function addCells(a: Cell, b: Cell): Cell {
  return { count: a.count + b.count, keySum: a.keySum + b.keySum };
}

/**
 * The cell's key: the sum of its records' keys modulo 256. It depends on nothing but the set of
 * records counted, so a set publishes one value by every route that counts it (benchmark, area
 * profile, breakdown, association, eligibility, trend, export), and repeating or rephrasing a
 * query cannot average the rounding away (docs/disclosure-control.md).
 */
export function cellKey(cell: Cell): number {
  return ((cell.keySum % CELL_KEY_RANGE) + CELL_KEY_RANGE) % CELL_KEY_RANGE;
}

/**
 * The perturbation table, by count modulo 5 (rows) and cell key (columns): the change to apply to
 * a count of 10 or more. It rounds to a multiple of 5, up for the first `256·r/5` cell keys and
 * down for the rest, so that on average it adds nothing (unbiased random rounding), yet the
 * choice is fixed by the records in the cell.
 */
export const PERTURBATION_TABLE: readonly (readonly number[])[] = Array.from({ length: ROUNDING_BASE }, (_, residue) => {
  const roundUpBelow = Math.round((CELL_KEY_RANGE * residue) / ROUNDING_BASE);
  return Array.from({ length: CELL_KEY_RANGE }, (_, key) => (residue === 0 ? 0 : key < roundUpBelow ? ROUNDING_BASE - residue : -residue));
});

/** The count that may be published for a set of records, or null when it must be suppressed. */
export function publishedCount(cell: Cell): number | null {
  if (cell.count < SMALL_COUNT) return null;
  return cell.count + PERTURBATION_TABLE[cell.count % ROUNDING_BASE]![cellKey(cell)]!;
}

/**
 * A count as shown: by the cell key method in a release (England's too), the true count in an
 * organisation's own live figures.
 */
export function publishCount(cell: Cell, live: boolean): number | null {
  return live ? cell.count : publishedCount(cell);
}

/**
 * What a cube holds for one question in one place and period: its answers in each countable band
 * and all its answers outside EXCLUDED (the denominator of every band's measure).
 */
export interface BandCells {
  POSITIVE: Cell;
  NEUTRAL: Cell;
  NEGATIVE: Cell;
  answered: Cell;
}
