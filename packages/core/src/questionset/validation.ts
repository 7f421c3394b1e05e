import * as z from "zod/mini";
import { plainText } from "../util/validate.ts";

/** A question's code, as question sets define them: `quality_of_life`. */
export const questionCode = plainText(64).check(
  z.regex(/^[a-z][a-z0-9_]*$/, "is not a question code (lower-case letters, digits and underscores, e.g. quality_of_life)"),
);

/** A theme several instruments share, written like a question code: `being_heard`. */
export const themeSchema = plainText(64).check(z.regex(/^[a-z][a-z0-9_]*$/, "is not a theme (lower-case letters, digits and underscores, e.g. being_heard)"));

/** A question set's version number: its column is a smallint. */
export const versionSchema = z.int().check(z.minimum(1, "must be between 1 and 32767"), z.maximum(32767, "must be between 1 and 32767"));
