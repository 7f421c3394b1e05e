import { FIGURE_FIELDS, type FigureField } from "../figure/index.ts";
import { financialYearLabel } from "../time/index.ts";
import type { DownloadRow, DownloadTable } from "./table.ts";

/** A column of the download: one definition (figure's, which `figureExport` reads too) feeds the CSV header, the Parquet schema and the data dictionary. */
export type DownloadField = FigureField;

/** The columns, in order: `figureExport`'s, a contract scripts read by name. Enums that depend on the file are filled in by `fieldsOf`. */
export const DOWNLOAD_FIELDS: readonly DownloadField[] = FIGURE_FIELDS;

/** The key that names each row: every other column follows from it. */
export const PRIMARY_KEY = ["financial_year", "area_code", "question_code", "band"] as const;

/** The fields of one file, with the enums that only the file can close (its years, its questions). */
export function fieldsOf(table: Pick<DownloadTable, "years" | "questions" | "questionSet">): DownloadField[] {
  const closed: Partial<Record<keyof DownloadRow, readonly (string | number)[]>> = {
    question_set: [table.questionSet.code],
    version: [table.questionSet.version],
    financial_year: table.years.map(financialYearLabel),
    question_code: table.questions.map((q) => q.code),
  };
  return DOWNLOAD_FIELDS.map((f) => {
    const field = closed[f.name] ? { ...f, enum: closed[f.name] } : f;
    // A download's row is of one year, never of a run of them (as an export's may be).
    return f.name === "financial_year" ? { ...field, pattern: "^\\d{4}-\\d{2}$" } : field;
  });
}
