import Papa from "papaparse";

/** A CSV parse problem, as Papa Parse names it (its `code`, and the 0-based row it is on). */
export interface CsvProblem {
  code: string;
  row: number | undefined;
}

/**
 * RFC 4180 CSV (quoted fields, doubled quotes) into rows of fields, blank lines skipped: the one
 * CSV parser of the house (Papa Parse), for reference data and for imports alike.
 */
export function parseCsvRows(text: string, options: { delimiter?: string; newline?: "\r\n" | "\n" | "\r" } = {}): { rows: string[][]; problems: CsvProblem[] } {
  const { data, errors } = Papa.parse<string[]>(text, { delimiter: options.delimiter, newline: options.newline, skipEmptyLines: true });
  return { rows: data, problems: errors.map((e) => ({ code: e.code, row: e.row })) };
}

/** CSV into objects keyed by the header row; a short row's missing fields are empty. */
export function parseCsv(text: string): Record<string, string>[] {
  const [header, ...body] = parseCsvRows(text).rows;
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

/** One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string | number | boolean | null): string {
  const text = value === null ? "" : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV lines with CRLF endings, as spreadsheets write them. */
export const csvLines = (rows: readonly (readonly (string | number | boolean | null)[])[]): string =>
  rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
