import * as z from "zod/mini";
import { areaCode } from "../area/validation.ts";
import { QUESTION_SET_CODES } from "../questionset/types.ts";
import { version } from "../questionset/validation.ts";
import { plainText } from "../util/validate.ts";
import { counted, type Instrument, type InstrumentOption, type InstrumentQuestion } from "./instrument.ts";

export const COLLECTION_MODES = ["ONLINE", "PAPER", "REVIEW", "TELEPHONE"] as const;
export const COMPLETED_BY = ["SELF", "WITH_HELP", "ON_BEHALF", "UNKNOWN"] as const;

/** The most responses one `submitResponses` call takes. */
export const MAX_BATCH = 100;

/** The submitter's own reference for a response: with its organisation, what identifies it. */
export const externalRef = plainText(200);

/** A calendar date, yyyy-mm-dd, that exists. */
export const isoDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written yyyy-mm-dd"),
  z.refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "is not a calendar date"),
);

/** Free text a respondent wrote: line breaks and tabs allowed, other control characters not. */
export const comment = z.string().check(
  z.maxLength(4000, "must be at most 4000 characters"),
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  z.regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, "must not contain control characters other than line breaks and tabs"),
);

/** The answer to one question, by codes: `option` for a single choice, `options` for a multi-tick question. */
export interface AnswerInput {
  question: string;
  option?: string | null;
  options?: string[] | null;
}

const code = (value: unknown) => typeof value === "string" && value.length <= 64;

/**
 * An answer's shape, checked by hand: a response holds dozens, and a zod object each cost as
 * much as the rest of its checks together (an import checks a hundred thousand responses).
 */
export const answerInput = z.custom<AnswerInput>((value) => {
  if (typeof value !== "object" || value === null) return false;
  const { question, option, options } = value as unknown as Record<string, unknown>;
  return code(question) && (option == null || code(option)) && (options == null || (Array.isArray(options) && options.length <= 100 && options.every(code)));
}, "must name a question and its option (or, multi-tick, options) by code, each at most 64 characters");

/** A response as GraphQL, the CLI and the CSV import receive it, before its question set is known. */
export const responseInput = z.object({
  externalRef,
  questionSet: z.enum(QUESTION_SET_CODES),
  version: z.optional(z.nullable(version)),
  area: areaCode,
  collectedOn: isoDate,
  collectionMode: z.enum(COLLECTION_MODES),
  completedBy: z.enum(COMPLETED_BY),
  answers: z.array(answerInput).check(z.maxLength(200, "must hold at most 200 answers")),
  comment: z.optional(z.nullable(comment)),
  correction: z._default(z.optional(z.boolean()), false),
});
export type ResponseInput = z.input<typeof responseInput>;
export type ParsedResponse = z.output<typeof responseInput>;

/** The error code of a field whose value is not of its kind. */
const FIELD_CODES: Record<string, string> = {
  externalRef: "INVALID_REFERENCE",
  questionSet: "UNKNOWN_QUESTION_SET",
  version: "UNKNOWN_VERSION",
  area: "INVALID_AREA",
  collectedOn: "INVALID_DATE",
  collectionMode: "INVALID_COLLECTION_MODE",
  completedBy: "INVALID_COMPLETED_BY",
  answers: "INVALID_ANSWER",
  comment: "INVALID_COMMENT",
  correction: "INVALID_CORRECTION",
};

/** One problem with one response: where (a field path) and what (a stable code), in words too. */
export interface InputError {
  path: string[];
  code: string;
  message: string;
}

/** The issues of a zod parse as input errors: a custom issue carries its code in `params`. */
export function inputErrors(issues: readonly z.core.$ZodIssue[]): InputError[] {
  return issues.map((issue) => {
    const path = issue.path.map(String);
    const custom = issue.code === "custom" ? (issue.params?.code as string | undefined) : undefined;
    return { path, code: custom ?? FIELD_CODES[path[0] ?? ""] ?? "INVALID", message: issue.message };
  });
}

/** What the checks against the instrument need to know besides the response. */
export interface InstrumentContext {
  /** Today in England (yyyy-mm-dd): later collection dates are in the future. */
  today: string;
}

type Problem = [path: string[], code: string, message: string];

/** What is wrong with one answer to a known question, if anything: the path is under the answer. */
function answerProblem(answer: AnswerInput, question: InstrumentQuestion): Problem | null {
  if (answer.option != null && answer.options != null)
    return [[], "INVALID_ANSWER", "give `option` for a single choice or `options` for a multi-tick question, not both"];
  // The common case, one option by code, allocates nothing.
  if (answer.options == null)
    return answer.option == null ? noOption(question) : question.options.has(answer.option) ? null : unknownOption(question, answer.option, "option");
  const chosen = answer.options;
  if (!chosen.length) return noOption(question);
  if (!question.multiple && chosen.length > 1) return [["options"], "SINGLE_CHOICE", `"${question.code}" takes one option, not ${chosen.length}`];
  const stranger = chosen.find((code) => !question.options.has(code));
  if (stranger !== undefined) return unknownOption(question, stranger, "options");
  if (new Set(chosen).size < chosen.length) return [["options"], "DUPLICATE_OPTION", `"${question.code}" lists an option twice`];
  const alone = exclusiveOption(question, chosen);
  if (alone) return [["options"], "EXCLUSIVE_OPTION", exclusiveMessage(question, alone)];
  return null;
}

/**
 * The EXCLUDED option ("not applicable", "don't know", "prefer not to say") ticked together with
 * another option of a multi-tick question, if one is: such an option is an answer on its own.
 * Submissions and imports (each row goes through `instrumentSchema`) refuse it through this one
 * check, as `EXCLUSIVE_OPTION`. It allocates nothing, and looks only when several are ticked.
 */
export function exclusiveOption(question: InstrumentQuestion, chosen: readonly string[]): InstrumentOption | undefined {
  if (chosen.length < 2) return undefined;
  for (let i = 0; i < chosen.length; i++) {
    const option = question.options.get(chosen[i]!);
    if (option?.band === "EXCLUDED") return option;
  }
  return undefined;
}

const exclusiveMessage = (question: InstrumentQuestion, option: InstrumentOption): string =>
  `"${question.code}" ticks "${option.code}" (${option.label}) with other options: "${option.code}" is an answer on its own, to tick alone`;

/** Whether an answer to a graded question gives figures something to count: an option in a band they count. */
function countedAnswer(answer: AnswerInput, question: InstrumentQuestion): boolean {
  if (answer.options == null) return counted(question.options.get(answer.option!)!.band);
  for (let i = 0; i < answer.options.length; i++) if (counted(question.options.get(answer.options[i]!)!.band)) return true;
  return false;
}

// Hoisted, not closures: this runs for every answer of every response of an import.
function unknownOption(question: InstrumentQuestion, code: string, field: string): Problem {
  const allowed = [...question.options.keys()].join(", ");
  return [[field], "UNKNOWN_OPTION", `"${code}" is not an option of "${question.code}" (${allowed})`];
}

const noOption = (question: InstrumentQuestion): Problem => [[], "NO_OPTION", `"${question.code}" has no option chosen: leave out a question that was skipped`];

/** Why a response none of whose graded answers figures count is refused. */
const noGradedMessage = (named: string): string =>
  `no question of ${named} that figures are made of is answered with an answer they count ("not applicable" and "don't know" count in none)`;

function addError(errors: InputError[], path: (string | number)[], code: string, message: string) {
  errors.push({ path: path.map(String), code, message });
}

/**
 * The checks a response gets from the question-set version it answers: each answer names a
 * question of the version and options of that question's scale, one option unless the question
 * is multi-tick (and then no EXCLUDED option ticked with another), each question at most once,
 * at least one graded question answered with an option figures count, POSITIVE, NEUTRAL or
 * NEGATIVE (others may be skipped, as on the paper form; "not applicable" and "don't know" are
 * EXCLUDED, outside every denominator, so they alone give figures nothing), and a collection date
 * between publication and today.
 */
function instrumentErrors(response: ParsedResponse, instrument: Instrument, context: InstrumentContext): InputError[] {
  const named = `${instrument.code} version ${instrument.version}`;
  const errors: InputError[] = [];

  if (response.collectedOn > context.today) addError(errors, ["collectedOn"], "FUTURE_DATE", `${response.collectedOn} is in the future`);
  else if (instrument.publishedOn && response.collectedOn < instrument.publishedOn)
    addError(errors, ["collectedOn"], "BEFORE_PUBLICATION", `${response.collectedOn} is before ${named} was published (${instrument.publishedOn})`);
  const seen = new Set<string>();
  let graded = false;
  for (let index = 0; index < response.answers.length; index++) {
    const answer = response.answers[index]!;
    const question = instrument.questions.get(answer.question);
    const problem: Problem | null = !question
      ? [["question"], "UNKNOWN_QUESTION", `${named} has no question "${answer.question}"`]
      : seen.has(question.code)
        ? [["question"], "DUPLICATE_ANSWER", `"${question.code}" is answered more than once`]
        : answerProblem(answer, question);
    if (question) seen.add(question.code);
    if (problem) addError(errors, ["answers", index, ...problem[0]], problem[1], problem[2]);
    else if (!graded && question!.graded && countedAnswer(answer, question!)) graded = true;
  }
  if (!graded && !errors.some((e) => e.path[0] === "answers")) addError(errors, ["answers"], "NO_GRADED_ANSWER", noGradedMessage(named));
  return errors;
}

/** A response of one question-set version as a zod schema: the shape, then (once the shape holds) `instrumentErrors`. */
export function instrumentSchema(instrument: Instrument, context: InstrumentContext) {
  return responseInput.check(
    z.superRefine((response, ctx) => {
      // A field that failed its own checks (a malformed date, say) is reported alone.
      if (ctx.issues.length) return;
      for (const { path, code, message } of instrumentErrors(response, instrument, context))
        ctx.addIssue({ code: "custom", path, message, params: { code }, input: undefined });
    }),
  );
}
