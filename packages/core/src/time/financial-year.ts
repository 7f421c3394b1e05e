/** Start year of the April–March financial year a date falls in: 2024-03-31 → 2023 (2023-24). */
export function financialYearOf(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`"${isoDate}" is not an ISO date (yyyy-mm-dd)`);
  const year = Number(match[1]);
  return Number(match[2]) >= 4 ? year : year - 1;
}

/** "2023-24" for 2023. */
export const financialYearLabel = (startYear: number) => `${startYear}-${String((startYear + 1) % 100).padStart(2, "0")}`;
