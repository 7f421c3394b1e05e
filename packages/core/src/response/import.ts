import { setImmediate } from "node:timers/promises";
import { recordAudit } from "../organisation/index.ts";
import type { QuestionSetCode } from "../questionset/index.ts";
import type { Scope } from "../scope/index.ts";
import { transaction } from "../scope/index.ts";
import { csvLines } from "../util/csv.ts";
import { columnOf, planColumns, rowToResponse } from "./csv.ts";
import { type CsvRow, decodeCsv, type Encoding, fileError, readCsv, tooManyRows } from "./csv-read.ts";
import { checkBatch, checkContext, tally, writeBatch } from "./submit.ts";
import type { ResponseInput } from "./validation.ts";
import { countResponses } from "./write.ts";
import { writerOf } from "./writer.ts";

/** The most rows checked and written together. */
const BATCH = 500;
/** How many written responses are counted into the cubes together. */
const COUNT_EVERY = 25_000;
/** How many checked batches may wait for the database. */
const DEPTH = 2;
/** The most row errors an import reports (the counts are always whole). */
export const MAX_REPORTED_ERRORS = 1000;

export interface ImportOptions {
  /** The organisation the rows belong to: the system actor (CLI, import jobs) must name it. */
  organisation?: string | null;
  questionSet?: QuestionSetCode | null;
  encoding?: Encoding;
  /** Check the whole file and report, writing nothing. */
  dryRun?: boolean;
  /** Write the valid rows and report the rest; by default one bad row and nothing is written. */
  acceptValid?: boolean;
  /**
   * The most data rows the file may have: a larger file is refused before a row is parsed (the
   * GraphQL mutation's limit; the CLI and import jobs take any number).
   */
  maxRows?: number;
  /** Called after each batch with the rows read so far (awaited: the next batch waits for it). */
  onProgress?: (rows: number) => void | Promise<void>;
}

/** One problem with one row of a file: its row number as a spreadsheet shows it, and its column. */
export interface ImportError {
  row: number;
  column: string | null;
  code: string;
  message: string;
}

export interface ImportResult {
  rows: number;
  created: number;
  unchanged: number;
  replaced: number;
  rejected: number;
  /** Whether anything was written: false on a dry run, and when a row was rejected without `acceptValid`. */
  written: boolean;
  /** The rows' errors, the first `MAX_REPORTED_ERRORS` of them. */
  errors: ImportError[];
}

/** What ends a deferred transaction without committing it. */
const ROLLBACK = Symbol("rollback");

/**
 * A transaction opened when first needed, the first rows to write, and ended when asked: reading
 * and checking a file holds none. On PGlite, one connection that serves every request, an open
 * transaction holds every other caller's query, so a file that writes nothing (a dry run, a file
 * whose rows are rejected) must not open one, and one that is rejected part-way ends it at once.
 */
function deferredTransaction(scope: Scope) {
  let open: { tx: Promise<Scope>; end: (commit: boolean) => void; done: Promise<unknown> } | undefined;
  let current: Scope | undefined;
  return {
    /** The transaction's scope while one is open. */
    get current(): Scope | undefined {
      return current;
    },
    async scope(): Promise<Scope> {
      if (!open) {
        let end!: (commit: boolean) => void;
        const ended = new Promise<void>((resolve, reject) => {
          end = (commit) => (commit ? resolve() : reject(ROLLBACK));
        });
        ended.catch(() => {});
        let begun!: (tx: Scope) => void;
        const tx = new Promise<Scope>((resolve) => {
          begun = resolve;
        });
        const done = transaction(scope, async (inner) => {
          begun(inner);
          await ended;
        });
        done.catch(() => {});
        // A transaction that fails to begin fails the wait for it.
        open = { tx: Promise.race([tx, done.then(() => Promise.reject(new Error("The import's transaction ended before it began")))]), end, done };
      }
      current = await open.tx;
      return current;
    },
    /** Commits or rolls back the open transaction, if there is one. */
    async end(commit: boolean): Promise<void> {
      const ending = open;
      if (!ending) return;
      open = undefined;
      current = undefined;
      ending.end(commit);
      try {
        await ending.done;
      } catch (error) {
        if (error !== ROLLBACK) throw error;
      }
    },
  };
}

/**
 * Imports a CSV file of responses (one row each, one column per question code; see
 * `importTemplate`) through the same checks and the same write path as `submitResponses`, in one
 * transaction: all of it or, by default, nothing when any row is rejected. The file is surveyed
 * before a row is parsed (its header's width, its fields' and rows' lengths, and its rows against
 * `maxRows`), and checking rows holds no transaction: one is opened for the first rows to write.
 */
export async function importResponses(scope: Scope, file: Uint8Array | string, options: ImportOptions = {}): Promise<ImportResult> {
  const text = decodeCsv(file, options.encoding);
  const writer = await writerOf(scope, options.organisation);
  const result: ImportResult = { rows: 0, created: 0, unchanged: 0, replaced: 0, rejected: 0, written: false, errors: [] };
  const report = (row: number, column: string | null, code: string, message: string) => {
    if (result.errors.length < MAX_REPORTED_ERRORS) result.errors.push({ row, column, code, message });
  };
  // The file is surveyed and its header read before anything else: a file too big is refused
  // without a query. The instruments and areas are reference data, read outside any transaction.
  const reader = readCsv(text, { maxRows: options.maxRows });
  const header = await reader.next();
  if (header.done) throw fileError("EMPTY_FILE", "The file holds no header row");
  const context = await checkContext(scope);
  const { instruments } = context;
  const plan = planColumns(header.value.cells, instruments, options.questionSet ?? null);
  const session = deferredTransaction(scope);
  // The file's responses go into the cubes COUNT_EVERY at a time, while later rows are read
  // and checked: cells shared by many rows are updated a few times, not once a batch, and
  // the last delta, which nothing overlaps, is small.
  const uncounted: number[] = [];
  // Once a row is rejected from an all-or-nothing file, nothing will be written: the rest is only checked.
  const writes = () => !options.dryRun && !(result.rejected && !options.acceptValid);
  let batch: { row: CsvRow; response: ResponseInput }[] = [];
  // Writes run one after another, while later batches are read and checked; at most DEPTH
  // batches wait for the database, so memory stays bounded and the first failure stops the file.
  let writing: Promise<unknown> = Promise.resolve();
  const queued: Promise<unknown>[] = [];
  const flush = async () => {
    const rows = batch;
    batch = [];
    const checked = checkBatch(
      context,
      writer,
      rows.map((b) => b.response),
    );
    writing = writing.then(async () => {
      // Only rows to write open the transaction; a batch with none, or a dry run, reads outside it.
      const write = writes();
      const target = write && checked.some((c) => c.row) ? await session.scope() : (session.current ?? scope);
      const results = await writeBatch(target, writer, checked, { dryRun: !write, uncounted, rows: false });
      results.forEach((r, i) => {
        for (const e of r.errors) report(rows[i]!.row.row, columnOf(e.path, rows[i]!.response), e.code, e.message);
      });
      const counts = tally(results);
      result.created += counts.created;
      result.unchanged += counts.unchanged;
      result.replaced += counts.replaced;
      result.rejected += counts.rejected;
      if (writes() && uncounted.length >= COUNT_EVERY) await countResponses((await session.scope()).db, uncounted.splice(0));
      // Rejected part-way: what was written is rolled back now, not held open while the rest is checked.
      if (!writes() && session.current) {
        uncounted.length = 0;
        await session.end(false);
      }
      return options.onProgress?.(result.rows);
    });
    // Awaited in turn, or at the end; until then a failure must not count as unhandled.
    writing.catch(() => {});
    queued.push(writing);
    if (queued.length > DEPTH) await queued.shift();
    // Reading and checking never wait for I/O: let the write go out before the next batch.
    await setImmediate();
  };
  try {
    for (let next = await reader.next(); !next.done; next = await reader.next()) {
      const row = next.value;
      // `surveyCsv` refused a file of more rows already: this holds the limit should the parser count otherwise.
      if (++result.rows > (options.maxRows ?? Number.POSITIVE_INFINITY)) throw tooManyRows(options.maxRows!);
      const response = rowToResponse(row, plan, instruments);
      if (Array.isArray(response)) {
        result.rejected++;
        for (const e of response) report(row.row, null, e.code, e.message);
      } else batch.push({ row, response });
      if (batch.length === BATCH) await flush();
      // Let the driver's I/O (a write going out, its answer coming back), and other requests, through now and then.
      else if (result.rows % 20 === 0) await setImmediate();
    }
    if (batch.length) await flush();
    await writing;
    if (!result.rows) throw fileError("NO_ROWS", "The file has a header and no responses");
    if (!writes()) {
      await session.end(false);
      return result;
    }
    const tx = await session.scope();
    await countResponses(tx.db, uncounted);
    await recordAudit(tx, {
      action: "responses.import",
      subject: writer.slug,
      rows: result.created + result.replaced,
      detail: { ...result, errors: undefined },
    });
    await session.end(true);
    return { ...result, written: true };
  } catch (error) {
    // Let the write under way finish, then roll back whatever was written; the first error is the one reported.
    await writing.catch(() => {});
    await session.end(false).catch(() => {});
    throw error;
  }
}

/** Rejected rows as CSV, for a spreadsheet: row, column, code, message. */
export const errorsCsv = (errors: readonly ImportError[]): string =>
  csvLines([["row", "column", "code", "message"], ...errors.map((e) => [e.row, e.column, e.code, e.message])]);
