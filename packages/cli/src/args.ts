import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { findDefinition, QUESTION_SET_CODES, QUESTION_SET_DEFINITIONS, type QuestionSetCode } from "@poet/core/questionset";
import { InvalidArgumentError } from "commander";

// A command's arguments, checked before it opens a database: a mistyped code or a missing file
// answers at once, and leaves no database behind.

/** An error whose exit code is not 1: a file that cannot be read is 2. */
export class ExitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const near = (a: string, b: string): boolean => a.replace(/[^A-Z]/g, "") === b.replace(/[^A-Z]/g, "");

/** A question set's code, in any case; throws, naming the codes (and the one meant, when it is clear). */
export function questionSetOf(value: string | undefined): QuestionSetCode | null {
  if (value === undefined) return null;
  const code = value.toUpperCase();
  if ((QUESTION_SET_CODES as readonly string[]).includes(code)) return code as QuestionSetCode;
  const meant = QUESTION_SET_CODES.find((c) => near(c, code));
  throw new Error(`--question-set must be one of ${QUESTION_SET_CODES.join(", ")}${meant ? ` (did you mean ${meant}?)` : ""}`);
}

/** `--question-set`'s parser: commander names the option and the value given. */
export function questionSetOption(value: string): QuestionSetCode {
  try {
    return questionSetOf(value)!;
  } catch (error) {
    throw new InvalidArgumentError(`${(error as Error).message.replace("--question-set must be", "It must be")}.`);
  }
}

/** The versions of a question set, oldest first. */
export const versionsOf = (code: QuestionSetCode): number[] =>
  QUESTION_SET_DEFINITIONS.filter((d) => d.code === code)
    .map((d) => d.version)
    .sort((a, b) => a - b);

/** Throws unless `code` has `version` (any version when none is asked for). */
export function checkVersion(code: QuestionSetCode, version: number | undefined): void {
  if (version === undefined || findDefinition(code, version)) return;
  const versions = versionsOf(code);
  throw new Error(`${code} has no version ${version}: its version${versions.length === 1 ? " is" : "s are"} ${versions.join(", ")}`);
}

/** Throws (exit 2) unless `file`, relative to `cwd`, is a file this process can read. */
export async function checkReadableFile(file: string, cwd: string): Promise<void> {
  const path = resolve(cwd, file);
  try {
    if (!(await stat(path)).isFile()) throw new Error("it is not a file");
    await access(path, constants.R_OK);
  } catch (error) {
    throw new ExitError(`cannot read ${file}: ${(error as Error).message}`, 2);
  }
}
