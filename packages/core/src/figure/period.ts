import { badInput } from "../errors/index.ts";
import { financialYearLabel } from "../time/index.ts";

/** A run of financial years, by the calendar year each starts in (2023 = 2023-24), inclusive. */
export interface Period {
  from: number;
  to: number;
}

export interface PeriodInput {
  from: string;
  to?: string | null;
}

const LABEL = /^(\d{4})-(\d{2})$/;

/** The calendar year a financial year's label starts in ("2023-24" is 2023), or null when it is not one. */
export function financialYearStart(label: string): number | null {
  const match = LABEL.exec(label);
  const start = Number(match?.[1]);
  return match && (start + 1) % 100 === Number(match[2]) ? start : null;
}

/**
 * A financial year's start. Entries check their period with `periodInput` (validation.ts); this
 * refuses the same way for the callers that build one (a report's period, eligibility).
 */
export function parseFinancialYear(label: string, argument: string): number {
  const start = financialYearStart(label);
  if (start === null) throw badInput(`"${label}" is not a financial year: write it as POET does, e.g. "2023-24"`, argument);
  return start;
}

/** The period asked for, or every year with data when none is. */
export function resolvePeriod(input: PeriodInput | null | undefined, yearsWithData: number[]): Period | null {
  if (input) return parsePeriod(input);
  return yearsWithData.length ? { from: Math.min(...yearsWithData), to: Math.max(...yearsWithData) } : null;
}

/** The period asked for: one year when it has no end. */
export function parsePeriod(input: PeriodInput): Period {
  const from = parseFinancialYear(input.from, "period.from");
  const to = input.to ? parseFinancialYear(input.to, "period.to") : from;
  if (to < from) throw badInput(`The period ends (${input.to}) before it starts (${input.from})`, "period.to");
  return { from, to };
}

export function periodLabel(p: Period): string {
  return p.from === p.to ? financialYearLabel(p.from) : `${financialYearLabel(p.from)} to ${financialYearLabel(p.to)}`;
}

/** Every financial year of a period, by start year, in order. */
export const yearsIn = (p: Period): number[] => Array.from({ length: p.to - p.from + 1 }, (_, i) => p.from + i);

export function periodYears(p: Period): string[] {
  return yearsIn(p).map(financialYearLabel);
}
