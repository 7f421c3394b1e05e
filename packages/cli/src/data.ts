import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { systemActor } from "@poet/core/actor";
import type { Db } from "@poet/core/db";
import { PoetError } from "@poet/core/errors";
import { QUESTION_SET_CODES, type QuestionSetCode } from "@poet/core/questionset";
import type { Encoding } from "@poet/core/response";
import { dictionaryCsv, errorsCsv, importResponses, importTemplate } from "@poet/core/response";
import { DEFAULT_SETTINGS, type Scope } from "@poet/core/scope";
import { output, print } from "./output.ts";
import { createProgressBar } from "./progress.ts";

export interface DataOptions {
  organisation?: string;
  questionSet?: string;
  version?: number;
  dryRun?: boolean;
  acceptValid?: boolean;
  encoding?: string;
  dictionary?: boolean;
  /** What a relative FILE is relative to (the caller's folder, when run through a server). */
  cwd?: string;
}

/** An error whose exit code is not 1: a file that cannot be read is 2. */
export class ExitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const scopeOf = (db: Db): Scope => ({ db, actor: systemActor("cli"), settings: DEFAULT_SETTINGS });

export function questionSetOf(value: string | undefined): QuestionSetCode | null {
  if (value === undefined) return null;
  const code = value.toUpperCase();
  if (!(QUESTION_SET_CODES as readonly string[]).includes(code)) throw new Error(`--question-set must be one of ${QUESTION_SET_CODES.join(", ")}`);
  return code as QuestionSetCode;
}

/** `poet template`: the import template (or its data dictionary) on stdout. */
export async function runTemplate(db: Db, options: DataOptions): Promise<void> {
  const code = questionSetOf(options.questionSet);
  if (!code) throw new Error("template needs --question-set CODE");
  const template = await importTemplate(scopeOf(db), code, options.version ?? null);
  output().out(options.dictionary ? dictionaryCsv(template) : template.csv);
}

/** About how many rows a CSV file holds: its lines but the header (a quoted line break counts twice). */
export function estimateRows(bytes: Uint8Array): number {
  let lines = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
  if (bytes.length && bytes[bytes.length - 1] !== 10) lines++;
  return Math.max(lines - 1, 0);
}

/** `poet import FILE`: a progress bar on a terminal, then a summary and the rejected rows' errors. */
export async function runImport(db: Db, file: string | undefined, options: DataOptions): Promise<number> {
  if (!file) throw new ExitError("import needs a FILE", 2);
  if (!options.organisation) throw new Error("import needs --organisation SLUG (whose responses these are)");
  if (options.encoding && !["utf-8", "windows-1252"].includes(options.encoding)) throw new Error("--encoding must be utf-8 or windows-1252");
  let bytes: Buffer;
  try {
    bytes = await readFile(resolve(options.cwd ?? ".", file));
  } catch (error) {
    throw new ExitError(`cannot read ${file}: ${(error as Error).message}`, 2);
  }
  const started = Date.now();
  const total = estimateRows(bytes);
  const bar = createProgressBar({ label: "rows", total });
  let result: Awaited<ReturnType<typeof importResponses>>;
  try {
    result = await importResponses(scopeOf(db), bytes, {
      organisation: options.organisation,
      questionSet: questionSetOf(options.questionSet),
      encoding: options.encoding as Encoding | undefined,
      dryRun: options.dryRun,
      acceptValid: options.acceptValid,
      onProgress: (rows) => bar.update(rows, Math.max(total, rows)),
    });
  } catch (error) {
    if (error instanceof PoetError && error.details.argument === "csv") throw new ExitError(`${file}: ${error.message}`, 2);
    throw error;
  } finally {
    bar.finish();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const outcome = result.written
    ? "written"
    : options.dryRun
      ? "checked (dry run): nothing written"
      : "NOT written: rows were rejected (--accept-valid writes the valid rows)";
  print(
    `poet: ${file}: ${result.rows} rows ${outcome} in ${seconds} s. created ${result.created}, unchanged ${result.unchanged}, replaced ${result.replaced}, rejected ${result.rejected}`,
  );
  if (result.errors.length) output().out(errorsCsv(result.errors));
  return result.rejected ? 1 : 0;
}
