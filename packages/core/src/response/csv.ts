import { QUESTION_SET_CODES, type QuestionSetCode } from "../questionset/index.ts";
import { type CsvRow, count, fileError, MAX_COLUMNS } from "./csv-read.ts";
import { type Instrument, type InstrumentQuestion, pickVersion } from "./instrument.ts";
import { COLLECTION_MODES, COMPLETED_BY } from "./response.sql.ts";
import type { InputError, ResponseInput } from "./validation.ts";

/** The columns that identify and describe a response, before one column per question code. */
export const RESPONSE_COLUMNS = ["external_ref", "area", "collected_on", "collection_mode", "completed_by", "comment"] as const;
/** Columns a file may add: the instrument and version of each row (else one for the file), and corrections. */
export const OPTIONAL_COLUMNS = ["question_set", "version", "correction"] as const;
const REQUIRED = ["external_ref", "area", "collected_on", "collection_mode", "completed_by"];

/** A multi-tick question's cell holds its options separated by this. */
export const TICK_SEPARATOR = "|";

/** How a file's columns map to a response: found once from its header. */
export interface ColumnPlan {
  columns: string[];
  /** Each column's position, by name. */
  at: Map<string, number>;
  /** The instrument of rows that do not name one (a `question_set` column can). */
  questionSet: QuestionSetCode | null;
}

const normal = (value: string) => value.trim().toLowerCase();
const FIXED: ReadonlySet<string> = new Set([...RESPONSE_COLUMNS, ...OPTIONAL_COLUMNS]);
const fixed = (column: string) => FIXED.has(column);

/** The most names an error lists (each shortened); the rest are counted. */
const LISTED = 20;
const shortened = (name: string) => (name.length > 40 ? `${name.slice(0, 40)}…` : name);
const listed = (names: readonly string[]) => {
  const shown = names.slice(0, LISTED).map(shortened);
  return { shown, text: `${shown.join(", ")}${names.length > LISTED ? ` and ${count(names.length - LISTED)} more` : ""}` };
};

/**
 * Checks the header: at most MAX_COLUMNS columns, every column known, none twice, the
 * identifying columns there, and one instrument for the question columns (the one asked for, each
 * row's `question_set`, or the only instrument that has them all). Linear in the columns, and
 * an error names at most 20 of them.
 */
export function planColumns(header: string[], instruments: readonly Instrument[], asked: QuestionSetCode | null): ColumnPlan {
  if (header.length > MAX_COLUMNS)
    throw fileError(
      "TOO_MANY_COLUMNS",
      `The header has ${count(header.length)} columns: an import file has at most ${MAX_COLUMNS} (the identifying columns and one per question; see the import template)`,
    );
  const columns = header.map(normal);
  const at = new Map<string, number>();
  const duplicated = new Set<string>();
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i]!;
    if (at.has(column)) duplicated.add(column);
    else at.set(column, i);
  }
  if (duplicated.size) throw fileError("DUPLICATE_COLUMN", `The header names a column twice: ${listed([...duplicated]).text}`);
  const missing = REQUIRED.filter((c) => !at.has(c));
  if (missing.length) throw fileError("MISSING_COLUMN", `The header lacks the column(s) ${missing.join(", ")} (see the import template)`);
  const questions = columns.filter((c) => !fixed(c));
  // Each instrument's question codes, over all its versions, found once.
  const codesOf = new Map<QuestionSetCode, Set<string>>();
  for (const instrument of instruments) {
    const codes = codesOf.get(instrument.code) ?? new Set<string>();
    for (const code of instrument.questions.keys()) codes.add(code);
    codesOf.set(instrument.code, codes);
  }
  const perRow = at.has("question_set") && !asked;
  const candidates: QuestionSetCode[] = asked
    ? [asked]
    : perRow
      ? [...QUESTION_SET_CODES]
      : QUESTION_SET_CODES.filter((code) => questions.every((q) => codesOf.get(code)?.has(q)));
  const known = new Set(candidates.flatMap((code) => [...(codesOf.get(code) ?? [])]));
  const unknown = questions.filter((q) => !known.has(q));
  if (unknown.length || !candidates.length) {
    const of = asked ? ` of ${asked}` : "";
    const { shown, text } = listed(unknown.length ? unknown : questions);
    throw fileError("UNKNOWN_COLUMN", `Unknown column(s)${of}: ${text}`, { columns: unknown.length ? shown : [], unknownColumns: unknown.length });
  }
  if (candidates.length > 1 && !perRow)
    throw fileError(
      "AMBIGUOUS_QUESTION_SET",
      `These columns fit several question sets (${candidates.join(", ")}): name one (--question-set, or a question_set column)`,
    );
  return { columns, at, questionSet: perRow ? null : candidates[0]! };
}

/** A date as spreadsheets write it: yyyy-mm-dd, or dd/mm/yyyy as in England. Anything else is left for the validator to refuse. */
function isoDate(value: string): string {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  return uk ? `${uk[3]}-${uk[2]!.padStart(2, "0")}-${uk[1]!.padStart(2, "0")}` : value;
}

/** An enum value written as its code or its words, in any case: "With help" is WITH_HELP. */
function enumValue(value: string, allowed: readonly string[]): string {
  const wanted = value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");
  return allowed.find((a) => a === wanted) ?? value;
}

/** Each question's options by code and by normalised label, built once per question. */
const optionsByWord = new WeakMap<InstrumentQuestion, { codes: Map<string, string>; labels: Map<string, string> }>();

/** An option written as its code or its exact label, case and surrounding spaces ignored; null when it is neither. */
function optionCode(value: string, question: InstrumentQuestion): string | null {
  let words = optionsByWord.get(question);
  if (!words) {
    const options = [...question.options.values()];
    words = { codes: new Map(options.map((o) => [o.code, o.code])), labels: new Map(options.map((o) => [normal(o.label), o.code])) };
    optionsByWord.set(question, words);
  }
  const exact = words.codes.get(value);
  if (exact !== undefined) return exact;
  const wanted = normal(value);
  return words.codes.get(wanted) ?? words.codes.get(wanted.replace(/[\s-]+/g, "_")) ?? words.labels.get(wanted) ?? null;
}

/** A row's cell by column name, trimmed ("" when the file has no such column). A plain function, not a closure a row: this runs for every row of a file. */
function cellAt(cells: readonly string[], at: Map<string, number>, column: string): string {
  return (cells[at.get(column) ?? -1] ?? "").trim();
}

/**
 * A data row as the response it stands for, or the errors that stop it being one. The
 * response goes through the same validation as `submitResponses`.
 */
export function rowToResponse(row: CsvRow, plan: ColumnPlan, instruments: readonly Instrument[]): ResponseInput | InputError[] {
  if (row.cells.length > plan.columns.length)
    return [{ path: [], code: "TOO_MANY_FIELDS", message: `The row has ${row.cells.length} fields; the header has ${plan.columns.length}` }];
  const { at } = plan;
  const cells = row.cells;
  const questionSet = (plan.questionSet ?? cellAt(cells, at, "question_set").toUpperCase()) as QuestionSetCode;
  const version = cellAt(cells, at, "version") ? Number(cellAt(cells, at, "version")) : null;
  const instrument = pickVersion(instruments, questionSet, version);
  const answers: ResponseInput["answers"] = [];
  const columns = plan.columns;
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i]!;
    // A question named like a response column (ADULT_PB's completed_by) is answered by the
    // response's field, as `submitResponses` answers it (`storedAnswers`), not here.
    const question = fixed(column) ? undefined : instrument?.questions.get(column);
    if (!question) continue;
    const value = (cells[i] ?? "").trim();
    if (!value) continue;
    // Most cells hold one option: splitting them all cost a third of reading a row.
    const chosen = value.includes(TICK_SEPARATOR) ? value.split(TICK_SEPARATOR) : [value];
    for (let t = 0; t < chosen.length; t++) chosen[t] = optionCode(chosen[t]!, question) ?? chosen[t]!.trim();
    answers.push(question.multiple || chosen.length > 1 ? { question: column, options: chosen } : { question: column, option: chosen[0] });
  }
  const comment = cellAt(cells, at, "comment");
  return {
    externalRef: cellAt(cells, at, "external_ref"),
    questionSet,
    version,
    area: cellAt(cells, at, "area").toUpperCase(),
    collectedOn: isoDate(cellAt(cells, at, "collected_on")),
    collectionMode: enumValue(cellAt(cells, at, "collection_mode"), COLLECTION_MODES) as ResponseInput["collectionMode"],
    completedBy: enumValue(cellAt(cells, at, "completed_by"), COMPLETED_BY) as ResponseInput["completedBy"],
    answers,
    comment: comment || null,
    correction: /^(true|yes|y|1)$/i.test(cellAt(cells, at, "correction")),
  };
}

const COLUMN_OF: Record<string, string> = {
  externalRef: "external_ref",
  questionSet: "question_set",
  version: "version",
  area: "area",
  collectedOn: "collected_on",
  collectionMode: "collection_mode",
  completedBy: "completed_by",
  comment: "comment",
  correction: "correction",
};

/** The column an error's path points at: an answer's is its question code. */
export function columnOf(path: readonly string[], response: ResponseInput | null): string | null {
  if (path[0] === "answers" && path[1] !== undefined) return response?.answers[Number(path[1])]?.question ?? null;
  return COLUMN_OF[path[0] ?? ""] ?? null;
}
