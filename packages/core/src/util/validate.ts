import * as z from "zod/mini";
import { badInput } from "../errors/index.ts";

/** Text a caller typed: no control characters (a NUL would reach the database), bounded length. */
export const plainText = (max: number) =>
  z.string().check(
    z.minLength(1, "must not be empty"),
    z.maxLength(max, `must be at most ${max} characters`),
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
    z.regex(/^[^\u0000-\u001f\u007f]*$/, "must not contain control characters"),
  );

/**
 * A check whose message is the whole error the caller reads, as is, rather than "`path` value:
 * message": a rule about the input as a whole ("At most 100 references a call"), said as it
 * always was. `path` is where the error points, under the value checked.
 */
export function refusal<T>(ok: (value: T) => boolean, message: (value: T) => string, path: PropertyKey[] = []) {
  return z.superRefine<T>((value, ctx) => {
    if (!ok(value)) ctx.addIssue({ code: "custom", message: message(value), path, input: value, params: { whole: true } });
  });
}

/** The first problem zod found with `value`, as BAD_USER_INPUT naming the argument (under `prefix`, when given). */
function refuse(issues: readonly z.core.$ZodIssue[], value: unknown, argument: string, prefix?: string): never {
  const issue = issues[0];
  const steps = [...(prefix ? [prefix] : []), ...(issue?.path ?? []).map(String)];
  const path = steps.length ? steps.join(".") : argument;
  if (issue?.code === "custom" && issue.params?.whole) throw badInput(issue.message, path);
  let at: unknown = value;
  for (const key of issue?.path ?? []) at = (at as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
  const shown = typeof at === "string" ? JSON.stringify(at.length > 40 ? `${at.slice(0, 40)}…` : at) : at === undefined ? "(missing)" : String(at);
  throw badInput(`\`${path}\` ${shown}: ${issue?.message ?? "is not valid"}`, path);
}

/**
 * Parses one input with its domain's schema; the first problem becomes BAD_USER_INPUT naming the
 * argument, so GraphQL, the CLI and the CSV import answer the same bad value the same way.
 */
export function parseInput<S extends z.ZodMiniType>(schema: S, value: unknown, argument: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  refuse(parsed.error.issues, value, argument);
}

/**
 * A domain entry that validates its caller's input before it runs (as sst/console's `zod(schema,
 * fn)`): `fn` gets the parsed input, and the first problem is BAD_USER_INPUT naming the argument.
 * The input is the entry's arguments object, whose fields name the arguments (a `z.looseObject`,
 * so that options the schema does not declare pass through); or, with `argument`, one argument
 * of that name (`externalRefs`: its problems are `externalRefs.3`). Any further parameters
 * (internal options) pass through untouched. `C` is the domain's Scope: util/ knows no domain.
 */
export function validated<C, S extends z.ZodMiniType, A extends unknown[], R>(
  schema: S,
  fn: (ctx: C, input: z.output<S>, ...rest: A) => Promise<R>,
  argument?: string,
): (ctx: C, input: z.input<S>, ...rest: A) => Promise<R> {
  return async (ctx, input, ...rest) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) refuse(parsed.error.issues, input, argument ?? "input", argument);
    return fn(ctx, parsed.data, ...rest);
  };
}

/** An optional argument whose empty value ("", null or none) asks for nothing; any other must pass `schema`. */
export const blankOr = <S extends z.ZodMiniType<string, string>>(schema: S) =>
  z.optional(
    z.pipe(
      z.transform((value: string | null) => (value === "" ? undefined : value)),
      z.optional(z.nullable(schema)),
    ),
  );
