import Papa from "papaparse";
import { PoetError } from "../errors.ts";
import { QUESTION_SET_CODES, type QuestionSetCode } from "../questionset/types.ts";
import { type Instrument, type InstrumentQuestion, pickVersion } from "./instrument.ts";
import { COLLECTION_MODES, COMPLETED_BY, type InputError, type ResponseInput } from "./validation.ts";

/** The columns that identify and describe a response, before one column per question code. */
export const RESPONSE_COLUMNS = ["external_ref", "area", "collected_on", "collection_mode", "completed_by", "comment"] as const;
/** Columns a file may add: the instrument and version of each row (else one for the file), and corrections. */
export const OPTIONAL_COLUMNS = ["question_set", "version", "correction"] as const;
const REQUIRED = ["external_ref", "area", "collected_on", "collection_mode", "completed_by"];

/** A multi-tick question's cell holds its options separated by this. */
export const TICK_SEPARATOR = "|";

/** A file that cannot be read as a CSV of responses at all: nothing of it is written. */
export function fileError(reason: string, message: string, details: Record<string, unknown> = {}): PoetError {
  return new PoetError("BAD_USER_INPUT", message, { argument: "csv", reason, ...details });
}

export type Encoding = "utf-8" | "windows-1252";

/**
 * The file's text: UTF-8 with or without a byte-order mark, or Windows-1252 when asked for or
 * when the bytes are not valid UTF-8 (as Excel saves "CSV" on Windows). Binary files are refused.
 */
export function decodeCsv(bytes: Uint8Array, encoding?: Encoding): string {
  if (!bytes.length) throw fileError("EMPTY_FILE", "The file is empty");
  if (bytes.includes(0)) throw fileError("NOT_TEXT", "The file is not text (it holds NUL bytes): export the sheet as CSV");
  let text: string;
  if (encoding === "windows-1252") text = new TextDecoder("windows-1252").decode(bytes);
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      if (encoding === "utf-8") throw fileError("NOT_UTF8", "The file is not valid UTF-8");
      text = new TextDecoder("windows-1252").decode(bytes);
    }
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what mark binary junk.
  const control = text.match(/[\u0001-\u0008\u000e-\u001f]/g)?.length ?? 0;
  if (control > 0 && control * 100 > text.length) throw fileError("NOT_TEXT", "The file is not text: export the sheet as CSV");
  if (!text.replace(/^\uFEFF/, "").trim()) throw fileError("EMPTY_FILE", "The file holds no rows");
  return text.replace(/^\uFEFF/, "");
}

/** Comma or semicolon (spreadsheets in much of Europe export with `;`): whichever the header uses more. */
export function detectDelimiter(text: string): "," | ";" {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => firstLine.split(c).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

/** One data row: its number as a spreadsheet shows it (the header is row 1) and its cells. */
export interface CsvRow {
  row: number;
  cells: string[];
}

const PARSE_ERRORS: Record<string, string> = {
  MissingQuotes: "a quoted field never ends",
  InvalidQuotes: "text follows a closing quote",
};

/** The longest row read: a row longer than this is a quote left open, not data. */
const MAX_ROW = 1024 * 1024;
/** How much of the file is parsed at a time. */
const CHUNK = 1024 * 1024;

const malformed = (what: string, row: number) => fileError("MALFORMED_CSV", `The file cannot be read as CSV: ${what} (row ${row})`, { row });

/**
 * The header and then each row, parsed a chunk at a time by Papa Parse (ten times as fast as the
 * parser before it, which was a sixth of a large import's time); a malformed file is a clear error.
 */
export async function* readCsv(text: string): AsyncGenerator<CsvRow & { header: boolean }> {
  let parser: Papa.Parser | undefined;
  let chunk: Papa.ParseResult<string[]> | undefined;
  let done = false;
  // On a string Papa Parse works synchronously: each `resume` parses the next chunk, then pauses.
  Papa.parse<string[]>(text, {
    delimiter: detectDelimiter(text),
    skipEmptyLines: true,
    chunkSize: CHUNK,
    chunk: (results: Papa.ParseResult<string[]>, handle: Papa.Parser) => {
      handle.pause();
      [parser, chunk] = [handle, results];
    },
    complete: () => {
      done = true;
    },
  });
  let row = 0;
  while (chunk) {
    const { data, errors } = chunk;
    chunk = undefined;
    if (errors.length) throw malformed(PARSE_ERRORS[errors[0]!.code] ?? "it is not well-formed CSV", row + (errors[0]!.row ?? 0) + 1);
    for (const cells of data) {
      row++;
      let size = 0;
      for (const cell of cells) size += cell.length;
      if (size > MAX_ROW) throw malformed("a row is larger than 1 MB", row);
      yield { row, cells, header: row === 1 };
    }
    if (!done) parser!.resume();
  }
}

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

/**
 * Checks the header: every column known, none twice, the identifying columns there, and one
 * instrument for the question columns (the one asked for, each row's `question_set`, or the only
 * instrument that has them all).
 */
export function planColumns(header: string[], instruments: readonly Instrument[], asked: QuestionSetCode | null): ColumnPlan {
  const columns = header.map(normal);
  const questionCodes = (code: QuestionSetCode) => new Set(instruments.filter((i) => i.code === code).flatMap((i) => [...i.questions.keys()]));
  const duplicated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (duplicated.length) throw fileError("DUPLICATE_COLUMN", `The header names a column twice: ${[...new Set(duplicated)].join(", ")}`);
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length) throw fileError("MISSING_COLUMN", `The header lacks the column(s) ${missing.join(", ")} (see the import template)`);
  const questions = columns.filter((c) => !fixed(c));
  const perRow = columns.includes("question_set") && !asked;
  const candidates: QuestionSetCode[] = asked
    ? [asked]
    : perRow
      ? [...QUESTION_SET_CODES]
      : QUESTION_SET_CODES.filter((code) => questions.every((q) => questionCodes(code).has(q)));
  const known = new Set(candidates.flatMap((code) => [...questionCodes(code)]));
  const unknown = questions.filter((q) => !known.has(q));
  if (unknown.length || !candidates.length) {
    const of = asked ? ` of ${asked}` : "";
    throw fileError("UNKNOWN_COLUMN", `Unknown column(s)${of}: ${(unknown.length ? unknown : questions).join(", ")}`, { columns: unknown });
  }
  if (candidates.length > 1 && !perRow)
    throw fileError(
      "AMBIGUOUS_QUESTION_SET",
      `These columns fit several question sets (${candidates.join(", ")}): name one (--question-set, or a question_set column)`,
    );
  return { columns, at: new Map(columns.map((c, i) => [c, i])), questionSet: perRow ? null : candidates[0]! };
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
    const question = instrument?.questions.get(column);
    if (!question) continue;
    const value = (cells[i] ?? "").trim();
    if (!value) continue;
    // A question named like a response column (ADULT_PB's completed_by) is answered by that
    // column, when its value is one of the question's options.
    if (fixed(column) && optionCode(value, question) === null) continue;
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
