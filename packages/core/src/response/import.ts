import { setImmediate } from "node:timers/promises";
import { recordAudit } from "../organisation/audit.ts";
import type { QuestionSetCode } from "../questionset/types.ts";
import type { Scope } from "../scope.ts";
import { csvLines } from "../util/csv.ts";
import { transaction } from "../util/transaction.ts";
import { type ColumnPlan, type CsvRow, columnOf, decodeCsv, type Encoding, fileError, planColumns, readCsv, rowToResponse } from "./csv.ts";
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

/** Rolls the import's transaction back, carrying the result out. */
class NothingWritten extends Error {
  constructor(readonly result: ImportResult) {
    super("nothing written");
  }
}

/**
 * Imports a CSV file of responses (one row each, one column per question code; see
 * `importTemplate`) through the same checks and the same write path as `submitResponses`, in one
 * transaction: all of it or, by default, nothing when any row is rejected.
 */
export async function importResponses(scope: Scope, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  const text = decodeCsv(bytes, options.encoding);
  const writer = await writerOf(scope, options.organisation);
  const result: ImportResult = { rows: 0, created: 0, unchanged: 0, replaced: 0, rejected: 0, written: false, errors: [] };
  const report = (row: number, column: string | null, code: string, message: string) => {
    if (result.errors.length < MAX_REPORTED_ERRORS) result.errors.push({ row, column, code, message });
  };
  try {
    return await transaction(scope, async (tx) => {
      const context = await checkContext(tx);
      const { instruments } = context;
      // The file's responses go into the cubes COUNT_EVERY at a time, while later rows are read
      // and checked: cells shared by many rows are updated a few times, not once a batch, and
      // the last delta, which nothing overlaps, is small.
      const uncounted: number[] = [];
      // Once a row is rejected from an all-or-nothing file, nothing will be written: the rest is only checked.
      const writes = () => !options.dryRun && !(result.rejected && !options.acceptValid);
      let plan: ColumnPlan | null = null;
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
          const results = await writeBatch(tx, writer, checked, { dryRun: !writes(), uncounted, rows: false });
          results.forEach((r, i) => {
            for (const e of r.errors) report(rows[i]!.row.row, columnOf(e.path, rows[i]!.response), e.code, e.message);
          });
          const counts = tally(results);
          result.created += counts.created;
          result.unchanged += counts.unchanged;
          result.replaced += counts.replaced;
          result.rejected += counts.rejected;
          if (writes() && uncounted.length >= COUNT_EVERY) await countResponses(tx.db, uncounted.splice(0));
          return options.onProgress?.(result.rows);
        });
        // Awaited in turn, or at the end; until then a failure must not count as unhandled.
        writing.catch(() => {});
        queued.push(writing);
        if (queued.length > DEPTH) await queued.shift();
        // Reading and checking never wait for I/O: let the write go out before the next batch.
        await setImmediate();
      };
      for await (const row of readCsv(text)) {
        if (row.header) {
          plan = planColumns(row.cells, instruments, options.questionSet ?? null);
          continue;
        }
        result.rows++;
        const response = rowToResponse(row, plan!, instruments);
        if (Array.isArray(response)) {
          result.rejected++;
          for (const e of response) report(row.row, null, e.code, e.message);
        } else batch.push({ row, response });
        if (batch.length === BATCH) await flush();
        // Let the driver's I/O (a write going out, its answer coming back) through now and then.
        else if (batch.length % 20 === 0) await setImmediate();
      }
      if (!plan) throw fileError("EMPTY_FILE", "The file holds no header row");
      if (batch.length) await flush();
      await writing;
      if (!result.rows) throw fileError("NO_ROWS", "The file has a header and no responses");
      if (options.dryRun || (result.rejected && !options.acceptValid)) throw new NothingWritten(result);
      await countResponses(tx.db, uncounted);
      await recordAudit(tx, {
        action: "responses.import",
        subject: writer.slug,
        rows: result.created + result.replaced,
        detail: { ...result, errors: undefined },
      });
      return { ...result, written: true };
    });
  } catch (error) {
    if (error instanceof NothingWritten) return error.result;
    throw error;
  }
}

/** Rejected rows as CSV, for a spreadsheet: row, column, code, message. */
export const errorsCsv = (errors: readonly ImportError[]): string =>
  csvLines([["row", "column", "code", "message"], ...errors.map((e) => [e.row, e.column, e.code, e.message])]);
