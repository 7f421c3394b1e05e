import { AREA_TYPES } from "../area/index.ts";
import type { ComparisonOutcome } from "../figure/index.ts";
import { COUNTABLE_BANDS, type MeasureStatus, SMALL_COUNT } from "../figure/index.ts";
import { QUESTION_SET_CODES } from "../questionset/index.ts";
import { financialYearLabel } from "../time/index.ts";
import type { DownloadRow, DownloadTable } from "./table.ts";

/** A column of the download: one definition feeds the CSV header, the Parquet schema and the data dictionary. */
export interface DownloadField {
  name: keyof DownloadRow;
  /** Frictionless Table Schema type. */
  type: "string" | "integer" | "number" | "boolean";
  description: string;
  /** Every row has a value. */
  required: boolean;
  /** The closed set of values, where there is one. */
  enum?: readonly (string | number)[];
  pattern?: string;
}

const STATUSES = ["AVAILABLE", "SUPPRESSED", "NO_DATA", "NOT_COMPARABLE"] as const satisfies readonly MeasureStatus[];
const OUTCOMES = ["BETTER", "SIMILAR", "WORSE", "HIGHER", "LOWER", "NOT_COMPARED"] as const satisfies readonly ComparisonOutcome[];

/** The columns, in order: a contract scripts read by name. Enums that depend on the file are filled in by `fieldsOf`. */
export const DOWNLOAD_FIELDS: readonly DownloadField[] = [
  { name: "question_set", type: "string", required: true, enum: QUESTION_SET_CODES, description: "The POET instrument (question set)." },
  { name: "version", type: "integer", required: true, description: "The version of the instrument: figures count only the responses to this version." },
  {
    name: "financial_year",
    type: "string",
    required: true,
    pattern: "^\\d{4}-\\d{2}$",
    description: "The April–March financial year the responses were collected in, e.g. 2023-24.",
  },
  {
    name: "area_code",
    type: "string",
    required: true,
    pattern: "^[EWSN]\\d{8}$",
    description: "GSS code of the area (England, a region, a council, an NHS region or an ICB).",
  },
  { name: "area_name", type: "string", required: true, description: "The area's name, as the ONS or NHS England gives it." },
  {
    name: "area_type",
    type: "string",
    required: true,
    enum: AREA_TYPES,
    description: "Kind of area. A figure for an area counts the responses of every council or ICB within it.",
  },
  {
    name: "parent_area_code",
    type: "string",
    required: false,
    description: "GSS code of the area's parent (a council's region, an ICB's NHS region); empty for England.",
  },
  { name: "question_code", type: "string", required: true, description: "Code of the question, stable across versions of the instrument." },
  {
    name: "question_kind",
    type: "string",
    required: true,
    enum: ["PROCESS", "OUTCOME"],
    description: "PROCESS (how support was arranged) or OUTCOME (what changed).",
  },
  {
    name: "theme",
    type: "string",
    required: false,
    description: "Theme shared by questions of different instruments that ask about the same thing; empty when none.",
  },
  {
    name: "band",
    type: "string",
    required: true,
    enum: COUNTABLE_BANDS,
    description: "Which answers the figure counts: POSITIVE, NEUTRAL or NEGATIVE answers. A question has a row for each band its scale has.",
  },
  {
    name: "numerator",
    type: "integer",
    required: false,
    description: "Published count of answers in the band. England's figures are exact; every other count is rounded to a multiple of 5 by the cell key method.",
  },
  {
    name: "denominator",
    type: "integer",
    required: false,
    description:
      "Published count of answers to the question, leaving out answers outside every band (such as 'not applicable' or 'prefer not to say'); exact for England, rounded like the numerator elsewhere.",
  },
  { name: "percentage", type: "number", required: false, description: "100 × numerator / denominator, from the published counts." },
  {
    name: "lower_ci_95",
    type: "number",
    required: false,
    description: "Lower limit of the 95% Wilson score interval of the percentage, from the published counts.",
  },
  {
    name: "upper_ci_95",
    type: "number",
    required: false,
    description: "Upper limit of the 95% Wilson score interval of the percentage, from the published counts.",
  },
  {
    name: "status",
    type: "string",
    required: true,
    enum: STATUSES,
    description: `AVAILABLE; SUPPRESSED when the band or the rest of the answers hold fewer than ${SMALL_COUNT} (or to protect a suppressed band of England); NO_DATA when nobody in the area answered the question that year.`,
  },
  {
    name: "symbol",
    type: "string",
    required: false,
    enum: ["c", "x", "z"],
    description: "GSS symbol of a missing value: c confidential (suppressed), x not available, z not applicable.",
  },
  {
    name: "disclosure",
    type: "string",
    required: true,
    enum: ["EXACT", "ROUNDED"],
    description: "EXACT for England's figures; ROUNDED (cell key method) for every other area.",
  },
  {
    name: "compared_with_england",
    type: "string",
    required: false,
    enum: OUTCOMES,
    description:
      "The area against England in the same year and band: SIMILAR when England's percentage is within the area's 95% interval; otherwise BETTER or WORSE (HIGHER or LOWER for the NEUTRAL band, which has no better direction); NOT_COMPARED when either figure is missing; empty for England.",
  },
  { name: "synthetic", type: "boolean", required: true, description: "true when the figures come from synthetic demonstration data, not POET survey returns." },
];

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
  return DOWNLOAD_FIELDS.map((f) => (closed[f.name] ? { ...f, enum: closed[f.name] } : f));
}
