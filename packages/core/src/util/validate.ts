import * as z from "zod/mini";
import { badInput } from "../errors.ts";

/** Text a caller typed: no control characters (a NUL would reach the database), bounded length. */
export const plainText = (max: number) =>
  z.string().check(
    z.minLength(1, "must not be empty"),
    z.maxLength(max, `must be at most ${max} characters`),
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
    z.regex(/^[^\u0000-\u001f\u007f]*$/, "must not contain control characters"),
  );

/**
 * Parses one input with its domain's schema; the first problem becomes BAD_USER_INPUT naming the
 * argument, so GraphQL, the CLI and the CSV import answer the same bad value the same way.
 */
export function parseInput<S extends z.ZodMiniType>(schema: S, value: unknown, argument: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.length ? issue.path.map(String).join(".") : argument;
  let at: unknown = value;
  for (const key of issue?.path ?? []) at = (at as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
  const shown = typeof at === "string" ? JSON.stringify(at.length > 40 ? `${at.slice(0, 40)}…` : at) : at === undefined ? "(missing)" : String(at);
  throw badInput(`\`${path}\` ${shown}: ${issue?.message ?? "is not valid"}`, path);
}
