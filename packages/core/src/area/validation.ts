import * as z from "zod/mini";
import { pageSize } from "../util/page.ts";
import { blankOr, plainText } from "../util/validate.ts";

/** A GSS code as ONS publishes it: a capital letter and 8 digits. One rule for every argument. */
export const areaCode = plainText(9).check(z.regex(/^[EWSN]\d{8}$/, "is not a GSS code (a capital letter and 8 digits, e.g. E06000001)"));

/** `areas`: a page of 1 to 100, under a parent (its GSS code) when one is named. */
export const areaPageArgs = z.looseObject({ first: pageSize, parent: blankOr(areaCode) });
