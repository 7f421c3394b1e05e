import { PoetError } from "../errors/index.ts";
import { parseCsvRows } from "../util/csv.ts";
import { yieldToLoop } from "../util/yield.ts";

// Reading a CSV file of responses: its text, its delimiter and line breaks, a linear survey that
// refuses what is too big before anything is parsed, then its rows a piece at a time.

/** A file that cannot be read as a CSV of responses at all: nothing of it is written. */
export function fileError(reason: string, message: string, details: Record<string, unknown> = {}): PoetError {
  return new PoetError("BAD_USER_INPUT", message, { argument: "csv", reason, ...details });
}

export type Encoding = "utf-8" | "windows-1252";

// Character codes the scanning below looks for.
const QUOTE = 34;
const COMMA = 44;
const SEMICOLON = 59;
const LF = 10;
const CR = 13;

/** Whether a character code is a C0 control character that text files do not hold (tab, line breaks and form feeds aside). */
const isControl = (c: number) => (c >= 1 && c <= 8) || (c >= 14 && c <= 31);

/**
 * Whether more than one character in a hundred is a control character: binary junk, not text.
 * Counted in one pass that stops as soon as it is sure, never by collecting the matches (a regular
 * expression's list of them held the event loop 1.8 s on 5 MB of junk).
 */
function mostlyControl(text: string, bytes?: Uint8Array): boolean {
  const limit = Math.floor(text.length / 100);
  let control = 0;
  if (bytes) {
    for (let i = 0; i < bytes.length; i++) if (isControl(bytes[i]!) && ++control > limit) return true;
  } else for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i)) && ++control > limit) return true;
  return false;
}

/**
 * The file's text: UTF-8 with or without a byte-order mark, or Windows-1252 when asked for or
 * when the bytes are not valid UTF-8 (as Excel saves "CSV" on Windows). Binary files are refused.
 * Text already decoded (a GraphQL string) is checked the same way, without a round trip through bytes.
 */
export function decodeCsv(input: Uint8Array | string, encoding?: Encoding): string {
  if (!input.length) throw fileError("EMPTY_FILE", "The file is empty");
  let text: string;
  if (typeof input === "string") {
    if (input.includes("\0")) throw fileError("NOT_TEXT", "The file is not text (it holds NUL characters): export the sheet as CSV");
    text = input;
    if (mostlyControl(text)) throw fileError("NOT_TEXT", "The file is not text: export the sheet as CSV");
  } else {
    const bytes = input;
    if (bytes.includes(0)) throw fileError("NOT_TEXT", "The file is not text (it holds NUL bytes): export the sheet as CSV");
    if (encoding === "windows-1252") text = new TextDecoder("windows-1252").decode(bytes);
    else {
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        if (encoding === "utf-8") throw fileError("NOT_UTF8", "The file is not valid UTF-8");
        text = new TextDecoder("windows-1252").decode(bytes);
      }
    }
    // Control characters are one byte in either encoding, and never part of a UTF-8 sequence.
    if (mostlyControl(text, bytes)) throw fileError("NOT_TEXT", "The file is not text: export the sheet as CSV");
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!/\S/.test(text)) throw fileError("EMPTY_FILE", "The file holds no rows");
  return text;
}

/** Where the first line ends (a line break, or the end of the text). */
function firstLineEnd(text: string): number {
  const lf = text.indexOf("\n");
  const cr = text.indexOf("\r");
  return lf === -1 ? (cr === -1 ? text.length : cr) : cr === -1 ? lf : Math.min(lf, cr);
}

/** Comma or semicolon (spreadsheets in much of Europe export with `;`): whichever the header uses more. */
export function detectDelimiter(text: string): "," | ";" {
  const end = firstLineEnd(text);
  let commas = 0;
  let semicolons = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === COMMA) commas++;
    else if (c === SEMICOLON) semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

export type Newline = "\n" | "\r\n" | "\r";

/**
 * The line break rows end with, guessed as Papa Parse guesses it (from the first megabyte, quoted
 * text left out: "\n" unless a "\r" comes first, then "\r\n" if most "\r" are followed by "\n"),
 * in one pass without its splits. The parser is then told it, so that `surveyCsv` and the parser
 * see the same rows.
 */
export function guessNewline(text: string): Newline {
  const end = Math.min(text.length, 1024 * 1024);
  let returns = 0;
  let followed = 0;
  let firstReturn = -1;
  let firstFeed = -1;
  // Papa Parse counts a first segment that starts with "\n" as if a "\r" stood before it.
  let afterReturn = true;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const close = text.indexOf('"', i + 1);
      if (close !== -1 && close < end) {
        i = close;
        continue;
      }
    }
    if (afterReturn) {
      if (c === LF) followed++;
      afterReturn = false;
    }
    if (c === CR) {
      returns++;
      if (firstReturn === -1) firstReturn = i;
      afterReturn = true;
    } else if (c === LF && firstFeed === -1) firstFeed = i;
  }
  if (!returns || (firstFeed !== -1 && firstFeed < firstReturn)) return "\n";
  return followed >= (returns + 1) / 2 ? "\r\n" : "\r";
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

/**
 * The most columns a header may have. The widest file a member can rightly send names every
 * column of every instrument at once (a `question_set` column, one row per instrument): the six
 * identifying columns, the three optional ones and 104 question codes, 113 in all; a single
 * version's template has at most 45. 200 leaves room for new versions' questions without a
 * change here, and keeps each row's work, which goes over every column, small.
 */
export const MAX_COLUMNS = 200;
/**
 * The longest field: a comment holds at most 4,000 characters and any other cell a few hundred
 * (every label of a multi-tick question, 229 at most), so a longer field is a quote left open, not
 * data. Up to this a comment too long is the row's error (INVALID_COMMENT), which `acceptValid`
 * can leave out.
 */
export const MAX_FIELD = 10_000;
/**
 * The longest row: the widest a member can rightly send (every question of every instrument
 * answered by its longest labels, a full comment and reference) is about 7,000 characters. A
 * longer row is a quote left open, not data.
 */
export const MAX_ROW = 64 * 1024;
/**
 * How much of the file the parser takes at a time (whole rows, cut where `surveyCsv` found rows
 * end): 64 KB of the shortest rows is about 30,000 of them, a few tens of milliseconds, after
 * which other requests get their turn.
 */
const CHUNK = 64 * 1024;
/** How much of the file `surveyCsv` reads between turns of the event loop. */
const SURVEY_SLICE = 1024 * 1024;

/** The whitespace `String.prototype.trim` removes, as Papa Parse allows it between a closing quote and what follows. */
const isTrimmed = (c: number) =>
  c === 32 ||
  (c >= 9 && c <= 13) ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;

const malformed = (what: string, row: number) => fileError("MALFORMED_CSV", `The file cannot be read as CSV: ${what} (row ${row})`, { row });
export const count = (n: number) => n.toLocaleString("en-GB");

export interface ReadOptions {
  /** The most data rows the file may have: more, and it is refused before a row is parsed. */
  maxRows?: number;
}

/**
 * Goes over the text once, as Papa Parse will read it (the same quoting and line breaks, blank
 * rows skipped), before anything is parsed, and refuses what is too big to be a file of responses:
 * a header of more than MAX_COLUMNS columns (as soon as it is read), a field longer than
 * MAX_FIELD, a row longer than MAX_ROW, more than `maxRows` rows. No work is spent on a file that
 * would be refused. It returns where the text can be cut, between rows, into pieces of about
 * CHUNK for the parser to take one at a time. The pass is linear, and lets other work run every
 * megabyte.
 */
export async function surveyCsv(text: string, delimiter: "," | ";", newline: Newline, options: ReadOptions = {}): Promise<number[]> {
  const n = text.length;
  const delim = delimiter.charCodeAt(0);
  const nl = newline.charCodeAt(0);
  const pair = newline === "\r\n";
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  const cuts: number[] = [];
  let rows = 0;
  let i = 0;
  let nextTurn = SURVEY_SLICE;
  while (i < n) {
    const start = i;
    let fields = 0;
    let empty = false;
    for (;;) {
      fields++;
      const fieldStart = i;
      let length: number;
      if (text.charCodeAt(i) === QUOTE) {
        // A quoted field ends at a quote followed by spaces and a delimiter or line break (or
        // the end); a doubled quote is one; another quote is malformed, and the parser says so.
        let q = i;
        let doubled = 0;
        let close = -1;
        for (;;) {
          q = text.indexOf('"', q + 1);
          if (q === -1 || q - fieldStart - doubled > MAX_FIELD + 1) break;
          if (text.charCodeAt(q + 1) === QUOTE) {
            q++;
            doubled++;
            continue;
          }
          let j = q + 1;
          while (j < n && isTrimmed(text.charCodeAt(j))) {
            const c = text.charCodeAt(j);
            if (c === nl && (!pair || text.charCodeAt(j + 1) === LF)) break;
            j++;
          }
          const c = text.charCodeAt(j);
          if (q === n - 1 || c === delim || (c === nl && (!pair || text.charCodeAt(j + 1) === LF))) {
            close = q;
            i = q === n - 1 ? n : j;
            break;
          }
        }
        length = (close === -1 ? (q === -1 ? n : q) : close) - fieldStart - 1 - doubled;
        empty = length === 0;
        if (close === -1) i = n;
      } else {
        let j = i;
        const stop = Math.min(n, start + MAX_ROW + 1);
        for (; j < stop; j++) {
          const c = text.charCodeAt(j);
          if (c === delim || (c === nl && (!pair || text.charCodeAt(j + 1) === LF))) break;
        }
        length = j - fieldStart;
        empty = length === 0;
        i = j;
      }
      if (length > MAX_FIELD)
        throw fileError(
          "FIELD_TOO_LONG",
          `The file cannot be read as CSV: a field is longer than ${count(MAX_FIELD)} characters (row ${rows + 1}): is a quote left open?`,
          {
            row: rows + 1,
          },
        );
      if (i - start > MAX_ROW) throw malformed(`a row is larger than ${MAX_ROW / 1024} KB`, rows + 1);
      if (!rows && fields > MAX_COLUMNS)
        throw fileError(
          "TOO_MANY_COLUMNS",
          `The header has more than ${MAX_COLUMNS} columns: an import file has at most ${MAX_COLUMNS} (the identifying columns and one per question; see the import template)`,
        );
      if (i >= n) break;
      if (text.charCodeAt(i) === delim) {
        i++;
        continue;
      }
      i += newline.length;
      break;
    }
    // The parser skips a row that is one empty field, as a blank line is.
    if (fields > 1 || !empty) rows++;
    if (rows - 1 > maxRows) throw tooManyRows(maxRows);
    if (i - (cuts.at(-1) ?? 0) >= CHUNK) cuts.push(i);
    if (i >= nextTurn) {
      await yieldToLoop();
      nextTurn = i + SURVEY_SLICE;
    }
  }
  if ((cuts.at(-1) ?? 0) < n) cuts.push(n);
  return cuts;
}

/** A file of more rows than one request checks. */
export const tooManyRows = (maxRows: number) =>
  fileError("TOO_MANY_ROWS", `The file has more than ${count(maxRows)} rows: import it with \`poet import\`, or through an upload (\`createImport\`)`);

/**
 * The header and then each row, parsed by Papa Parse (ten times as fast as the parser before it,
 * which was a sixth of a large import's time) once `surveyCsv` has found the file within bounds:
 * a piece of whole rows at a time, about 64 KB, so that other work gets its turn between pieces
 * and no row is carried from one to the next. A malformed file is a clear error.
 */
export async function* readCsv(text: string, options: ReadOptions = {}): AsyncGenerator<CsvRow & { header: boolean }> {
  const delimiter = detectDelimiter(text);
  const newline = guessNewline(text);
  const cuts = await surveyCsv(text, delimiter, newline, options);
  let row = 0;
  let from = 0;
  for (const to of cuts) {
    const { rows, problems } = parseCsvRows(text.slice(from, to), { delimiter, newline });
    if (problems.length) throw malformed(PARSE_ERRORS[problems[0]!.code] ?? "it is not well-formed CSV", row + (problems[0]!.row ?? 0) + 1);
    for (const cells of rows) {
      row++;
      yield { row, cells, header: row === 1 };
    }
    from = to;
    if (to < text.length) await yieldToLoop();
  }
}
