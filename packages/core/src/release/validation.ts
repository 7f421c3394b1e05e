import * as z from "zod/mini";

/** A release's name as a pattern, for the paths that carry one (downloads, report pages). */
export const RELEASE_NAME_PATTERN = "\\d{4}-(?:0[1-9]|1[0-2])(?:-[a-z0-9]{1,16})?";

/** A release's name: the month it was cut ("2026-11"), with a suffix when a month has two ("2026-11-b"). */
export const releaseName = z
  .string()
  .check(
    z.maxLength(24, "must be at most 24 characters"),
    z.regex(
      new RegExp(`^${RELEASE_NAME_PATTERN}$`),
      'must be the month it is cut, yyyy-mm (e.g. "2026-11"), with an optional suffix of lower-case letters and digits ("2026-11-b")',
    ),
  );

/** A day, yyyy-mm-dd. */
export const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date, yyyy-mm-dd"));

/** Months after a financial year ends (31 March) before a release may publish it. */
export const lagMonths = z.int().check(z.minimum(0), z.maximum(24));

/** `cutRelease`'s options: the day it is for and its name, each defaulted when absent. */
export const cutArgs = z.looseObject({ asOf: z.optional(z.nullable(day)), name: z.optional(z.nullable(releaseName)) });
