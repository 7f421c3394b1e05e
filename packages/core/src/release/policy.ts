/*
 * The publication rule (docs/releases.md): a financial year (April to March) is published by the
 * first release cut once it has ended and the publication lag has passed, so that late returns
 * are in; from then on it is final.
 */

/** The first day a release may publish financial year `year` (2024 = 2024-25): 1 April after it ends, plus the lag. */
export function publicationDate(year: number, lagMonths: number): string {
  const month = 3 + lagMonths;
  const y = year + 1 + Math.floor(month / 12);
  return `${y}-${String((month % 12) + 1).padStart(2, "0")}-01`;
}

/** The last financial year a release cut on `asOf` (yyyy-mm-dd) may publish. */
export function publishableThrough(asOf: string, lagMonths: number): number {
  let year = Number(asOf.slice(0, 4));
  while (publicationDate(year, lagMonths) > asOf) year--;
  return year;
}
