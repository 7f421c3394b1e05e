import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { systemActor } from "@poet/core/actor";
import type { Db } from "@poet/core/db";
import { PoetError } from "@poet/core/errors";
import type { Encoding } from "@poet/core/response";
import { dictionaryCsv, errorsCsv, type ImportResult, importResponses, importTemplate } from "@poet/core/response";
import { DEFAULT_SETTINGS, type Scope } from "@poet/core/scope";
import { ExitError, questionSetOf } from "./args.ts";
import { output, print } from "./output.ts";
import { createProgressBar } from "./progress.ts";

export { ExitError, questionSetOf };

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

const scopeOf = (db: Db): Scope => ({ db, actor: systemActor("cli"), settings: DEFAULT_SETTINGS });

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
  print(`poet: ${file}: ${importSummary(result, { dryRun: options.dryRun, seconds: (Date.now() - started) / 1000 })}`);
  if (result.errors.length) output().out(errorsCsv(result.errors));
  return result.rejected ? 1 : 0;
}

const rows = (n: number): string => `${n} row${n === 1 ? "" : "s"}`;

/** "2 created, 1 replaced": the counts that are not zero, in words; `none` when all are. */
function counts(parts: [number, string][], none: string): string {
  const said = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  return said.length ? said.join(", ") : none;
}

/**
 * What an import did, in plain words: how many rows were read or checked, whether anything was
 * written, and what was (or would have been) created, replaced, left unchanged or rejected.
 */
export function importSummary(
  result: Pick<ImportResult, "rows" | "created" | "unchanged" | "replaced" | "rejected" | "written">,
  options: { dryRun?: boolean; seconds: number },
): string {
  const { created, unchanged, replaced, rejected } = result;
  const time = `in ${options.seconds.toFixed(1)} s`;
  const rejectedPart = rejected ? `; ${rows(rejected)} rejected` : "";
  if (options.dryRun) {
    const would = counts(
      [
        [created, "would be created"],
        [replaced, "would be replaced"],
        [unchanged, "would be unchanged (already stored as they are)"],
      ],
      "none would be written",
    );
    return `${rows(result.rows)} checked (dry run) ${time}: nothing written; ${would}${rejectedPart}`;
  }
  if (!result.written) {
    const valid = result.rows - rejected;
    return `${rows(result.rows)} read ${time}: nothing written, because ${rows(rejected)} ${rejected === 1 ? "was" : "were"} rejected (--accept-valid writes the ${valid} valid ${valid === 1 ? "one" : "ones"})`;
  }
  const changed = created + replaced;
  const written = counts(
    [
      [created, "created"],
      [replaced, "replaced"],
    ],
    "",
  );
  return (
    `${rows(result.rows)} read ${time}: ${changed ? `${rows(changed)} written (${written})` : "nothing written"}` +
    `${unchanged ? `; ${rows(unchanged)} unchanged (already stored as they are)` : ""}${rejected ? `; ${rows(rejected)} rejected, not written` : ""}`
  );
}
