import type { AreaRow } from "../area/index.ts";
import { AREA_TYPES, ENGLAND } from "../area/index.ts";
import type { QuestionRow, QuestionSetRow } from "../questionset/index.ts";
import { QUESTION_SET_CODES } from "../questionset/index.ts";
import { SMALL_COUNT } from "./disclosure.ts";
import { COUNTABLE_BANDS, type CountableBand, type Measure, type MeasureStatus } from "./measure.ts";
import { type Period, periodLabel } from "./period.ts";
import { type ComparisonOutcome, compareWithComparator } from "./statistics.ts";
import { polarityOf } from "./target.ts";

/**
 * One published figure as a tidy table's row: an area × question × financial year (or run of
 * them) × band of one question-set version. `figureExport` and the open-data downloads both
 * write these rows, with these columns in this order: one vocabulary for one table.
 */
export interface FigureRow {
  question_set: string;
  version: number;
  financial_year: string | null;
  area_code: string;
  area_name: string;
  area_type: AreaRow["type"];
  parent_area_code: string | null;
  question_code: string;
  question_kind: QuestionRow["kind"];
  theme: string | null;
  band: CountableBand;
  numerator: number | null;
  denominator: number | null;
  percentage: number | null;
  lower_ci_95: number | null;
  upper_ci_95: number | null;
  status: MeasureStatus;
  symbol: string | null;
  disclosure: Measure["disclosure"];
  compared_with_england: ComparisonOutcome | null;
  synthetic: boolean;
  release: string;
}

/** A column of the table: one definition feeds the export, the CSV header, the Parquet schema and the data dictionary. */
export interface FigureField {
  name: keyof FigureRow;
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

/** The columns, in order: a contract researchers' scripts read by name. A new column goes at the end. */
export const FIGURE_FIELDS: readonly FigureField[] = [
  { name: "question_set", type: "string", required: true, enum: QUESTION_SET_CODES, description: "The POET instrument (question set)." },
  { name: "version", type: "integer", required: true, description: "The version of the instrument: figures count only the responses to this version." },
  {
    name: "financial_year",
    type: "string",
    required: true,
    pattern: "^\\d{4}-\\d{2}( to \\d{4}-\\d{2})?$",
    description:
      "The April–March financial year the responses were collected in, e.g. 2023-24 (a `figureExport` pooling several years names the run of them, e.g. 2022-23 to 2023-24).",
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
    description: `AVAILABLE; SUPPRESSED when the band or the rest of the answers hold fewer than ${SMALL_COUNT} (or to protect a suppressed band of England); NO_DATA when nobody in the area answered the question that year; NOT_COMPARABLE when the years pooled hold versions of the question that may not be pooled.`,
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
  {
    name: "release",
    type: "string",
    required: true,
    description: "The release the figures were read from (a release never changes), or LIVE for an organisation's own live figures.",
  },
];

/** The column names, in order: the CSV header of the export and of the downloads. */
export const FIGURE_COLUMNS: readonly (keyof FigureRow)[] = FIGURE_FIELDS.map((f) => f.name);

/** What a row is made of: the export and the downloads build each row through `figureRow`, so a cell's row is the same in both. */
export interface FigureRowParts {
  questionSet: Pick<QuestionSetRow, "code" | "version">;
  /** The financial years counted (null when the version has no responses). */
  period: Period | null;
  area: Pick<AreaRow, "code" | "name" | "type" | "parentCode">;
  question: Pick<QuestionRow, "code" | "kind" | "theme">;
  band: CountableBand;
  measure: Measure;
  /** England's measure of the same question, period and band, which the area is compared with; null when there is none to compare with. */
  england: Measure | null;
  synthetic: boolean;
  release: string;
}

export function figureRow(p: FigureRowParts): FigureRow {
  const m = p.measure;
  return {
    question_set: p.questionSet.code,
    version: p.questionSet.version,
    financial_year: p.period ? periodLabel(p.period) : null,
    area_code: p.area.code,
    area_name: p.area.name,
    area_type: p.area.type,
    parent_area_code: p.area.parentCode,
    question_code: p.question.code,
    question_kind: p.question.kind,
    theme: p.question.theme,
    band: p.band,
    numerator: m.numerator,
    denominator: m.denominator,
    percentage: m.percentage,
    lower_ci_95: m.confidenceInterval?.lower ?? null,
    upper_ci_95: m.confidenceInterval?.upper ?? null,
    status: m.status,
    symbol: m.symbol,
    disclosure: m.disclosure,
    compared_with_england: p.area.code === ENGLAND ? null : compareWithComparator(m.confidenceInterval, p.england?.percentage ?? null, polarityOf(p.band)),
    synthetic: p.synthetic,
    release: p.release,
  };
}
