import * as z from "zod/mini";
import { plainText } from "../util/validate.ts";

/** A GSS code as ONS publishes it: a capital letter and 8 digits. One rule for every argument. */
export const areaCode = plainText(9).check(z.regex(/^[EWSN]\d{8}$/, "is not a GSS code (a capital letter and 8 digits, e.g. E06000001)"));

/** How many items a page holds: the same bounds on every connection. */
export const MAX_PAGE_SIZE = 100;
export const pageSize = z
  .int()
  .check(z.minimum(1, `must be between 1 and ${MAX_PAGE_SIZE}`), z.maximum(MAX_PAGE_SIZE, `must be between 1 and ${MAX_PAGE_SIZE}`));
