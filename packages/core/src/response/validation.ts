import * as z from "zod/mini";
import { areaCode } from "../area/index.ts";
import { QUESTION_SET_CODES, versionSchema } from "../questionset/index.ts";
import { pageSize } from "../util/page.ts";
import { refusal } from "../util/validate.ts";
import { counted, type Instrument, type InstrumentOption, type InstrumentQuestion } from "./instrument.ts";
import { COLLECTION_MODES, COMPLETED_BY } from "./response.sql.ts";

/** The most responses one `submitResponses` call takes. */
export const MAX_BATCH = 100;
/** The most problems reported of one response: the rest are counted in a last TOO_MANY_ERRORS. */
export const MAX_RESPONSE_ERRORS = 20;

/** A value as an error message shows it: quoted, and shortened past 40 characters. */
const shown = (value: unknown) =>
  typeof value === "string" ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : value === null ? "null" : String(value);

/** The message of a field that must be one of a list: it names the field and the values allowed. */
const oneOf =
  (field: string, values: readonly string[]) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? `${field} is missing: it is one of ${values.join(", ")}` : `${field} ${shown(issue.input)} is not one of ${values.join(", ")}`;

/** Whether text is well-formed: no half of a surrogate pair alone (it cannot be stored as UTF-8). */
const wellFormed = (value: string) => !/\p{Cs}/u.test(value);
const NOT_WELL_FORMED = "must be well-formed text (it holds half of a surrogate pair)";

const REFERENCE_LENGTH = 200;
const tooLong = `must be at most ${REFERENCE_LENGTH} characters`;

/**
 * The submitter's own reference for a response: with its organisation, what identifies it. It is
 * composed (Unicode NFC) and trimmed before anything else, so that a reference that looks the same
 * is the same, however a keyboard, a spreadsheet or a form encoded it: that form is stored,
 * compared for idempotency and duplicates, and looked up by `response(externalRef:)` and
 * withdrawals. It must hold something visible. Input far too long is refused before it is
 * normalised, which takes time in its length.
 */
export const externalRef = z.string().check(
  z.maxLength(REFERENCE_LENGTH * 4, { error: tooLong, abort: true }),
  z.normalize("NFC"),
  z.trim(),
  z.minLength(1, { error: "must not be empty", abort: true }),
  z.maxLength(REFERENCE_LENGTH, tooLong),
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  z.regex(/^[^\u0000-\u001f\u007f]*$/, "must not contain control characters"),
  z.refine(wellFormed, NOT_WELL_FORMED),
  z.regex(/[\p{L}\p{N}\p{P}\p{S}]/u, "must hold a visible character (a letter, digit, punctuation mark or symbol)"),
);

/** A reference as it was sent and as it is stored (`externalRef`'s form): withdrawals answer in the first. */
const sentRef = z.transform((sent: string, ctx) => {
  const parsed = externalRef.safeParse(sent);
  if (parsed.success) return { sent, stored: parsed.data };
  for (const { message, path } of parsed.error.issues) ctx.issues.push({ code: "custom", message, path, input: sent });
  return z.NEVER;
});

/** `withdrawResponses`' references: at most MAX_BATCH (more are refused before any is looked at), each a reference. */
export const withdrawnRefs = z.pipe(
  z.array(z.unknown()).check(
    refusal(
      (refs) => refs.length <= MAX_BATCH,
      (refs) => `At most ${MAX_BATCH} references a call; this one has ${refs.length}`,
    ),
  ),
  z.array(z.pipe(z.string(), sentRef)),
);

/** `submitResponses`' batch: at most MAX_BATCH responses (more are refused before any is checked), each checked on its own later. */
export const submittedBatch = z.looseObject({
  responses: z.array(z.unknown()).check(
    refusal(
      (responses) => responses.length <= MAX_BATCH,
      (responses) => `At most ${MAX_BATCH} responses a call; this one has ${responses.length}`,
    ),
  ),
  dryRun: z.optional(z.nullable(z.boolean())),
});

/** A calendar date, yyyy-mm-dd, that exists. */
export const isoDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written yyyy-mm-dd"),
  z.refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "is not a calendar date"),
);

/**
 * Free text a respondent wrote, stored as written: line breaks and tabs allowed, other control
 * characters not, and well-formed (no half of a surrogate pair).
 */
export const comment = z.string().check(
  z.maxLength(4000, { error: "must be at most 4000 characters", abort: true }),
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  z.regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, "must not contain control characters other than line breaks and tabs"),
  z.refine(wellFormed, NOT_WELL_FORMED),
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
function isAnswer(value: unknown): value is AnswerInput {
  if (typeof value !== "object" || value === null) return false;
  const { question, option, options } = value as Record<string, unknown>;
  return code(question) && (option == null || code(option)) && (options == null || (Array.isArray(options) && options.length <= 100 && options.every(code)));
}
const ANSWER_SHAPE = "must name a question and its option (or, multi-tick, options) by code, each at most 64 characters";
export const MAX_ANSWERS = 200;

/**
 * A response's answers: at most MAX_ANSWERS (more are refused before any is looked at), each of
 * the shape above. A zod issue costs more than the check itself, so at most MAX_RESPONSE_ERRORS
 * answers are reported, and the rest counted.
 */
const answersInput = z.array(z.custom<AnswerInput>()).check(
  z.maxLength(MAX_ANSWERS, { error: `must hold at most ${MAX_ANSWERS} answers`, abort: true }),
  z.superRefine((answers, ctx) => {
    let bad = 0;
    for (let i = 0; i < answers.length; i++) {
      if (isAnswer(answers[i])) continue;
      if (++bad <= MAX_RESPONSE_ERRORS) ctx.addIssue({ code: "custom", path: [i], message: ANSWER_SHAPE, input: answers[i] });
    }
    if (bad > MAX_RESPONSE_ERRORS) addTooMany(ctx, bad - MAX_RESPONSE_ERRORS);
  }),
);

/** A response as GraphQL, the CLI and the CSV import receive it, before its question set is known. */
export const responseInput = z.object({
  externalRef,
  questionSet: z.enum(QUESTION_SET_CODES, { error: oneOf("question set", QUESTION_SET_CODES) }),
  version: z.optional(z.nullable(versionSchema)),
  area: areaCode,
  collectedOn: isoDate,
  collectionMode: z.enum(COLLECTION_MODES, { error: oneOf("collection mode", COLLECTION_MODES) }),
  completedBy: z.enum(COMPLETED_BY, { error: oneOf("completed by", COMPLETED_BY) }),
  answers: answersInput,
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
  /** TOO_MANY_ERRORS: how many problems it stands for. */
  more?: number;
}

/** The issues of a zod parse as input errors: a custom issue carries its code (and a count) in `params`. */
export function inputErrors(issues: readonly z.core.$ZodIssue[]): InputError[] {
  return issues.map((issue) => {
    const path = issue.path.map(String);
    const params = issue.code === "custom" ? issue.params : undefined;
    const custom = params?.code as string | undefined;
    const error: InputError = { path, code: custom ?? FIELD_CODES[path[0] ?? ""] ?? "INVALID", message: issue.message };
    if (custom === TOO_MANY_ERRORS) error.more = params!.more as number;
    return error;
  });
}

const TOO_MANY_ERRORS = "TOO_MANY_ERRORS";
const tooMany = (more: number): InputError => ({ path: [], code: TOO_MANY_ERRORS, message: `and ${more} more problems with this response`, more });

function addTooMany(ctx: z.core.$RefinementCtx, more: number) {
  const { path, code, message } = tooMany(more);
  ctx.addIssue({ code: "custom", path, message, params: { code, more }, input: undefined });
}

/**
 * A response's errors as reported: at most MAX_RESPONSE_ERRORS of them, then one TOO_MANY_ERRORS
 * saying how many more there are (the errors of 100 responses of 200 wrong answers each were 20,000,
 * half a megabyte of answer and a tenth of a second to make).
 */
export function boundedErrors(errors: readonly InputError[]): InputError[] {
  let more = 0;
  const kept: InputError[] = [];
  for (const error of errors) {
    if (error.code === TOO_MANY_ERRORS) more += error.more ?? 0;
    else if (kept.length < MAX_RESPONSE_ERRORS) kept.push(error);
    else more++;
  }
  return more ? [...kept, tooMany(more)] : kept;
}

/** What the checks against the instrument need to know besides the response. */
export interface InstrumentContext {
  /** Today in England (yyyy-mm-dd): later collection dates are in the future. */
  today: string;
}

type Problem = [path: string[], code: string, message: string];

/**
 * The question a form asks "Who filled in this form?" with, named like the response's own
 * `completed_by` column (every version of ADULT_PB, CARER, PHB and the EHCP forms but CYP_EHCP 2):
 * a response's `completedBy` answers it. So a response is stored the same however it came, with
 * `completedBy` and, where the question has that option, its answer: `submitResponses` adds the
 * answer when it is left out, as the import's one `completed_by` column gives both.
 */
export const COMPLETED_BY_QUESTION = "completed_by";
/** Each `completedBy` as the option of the completed_by question it is; UNKNOWN is none. */
export const COMPLETED_BY_OPTION: Readonly<Record<(typeof COMPLETED_BY)[number], string | null>> = {
  SELF: "self",
  WITH_HELP: "with_help",
  ON_BEHALF: "on_behalf",
  UNKNOWN: null,
};

/** The option of the instrument's completed_by question that `completedBy` says, if the question has it. */
function completedByOption(completedBy: ParsedResponse["completedBy"], instrument: Instrument): string | null {
  const option = COMPLETED_BY_OPTION[completedBy];
  return option !== null && instrument.questions.get(COMPLETED_BY_QUESTION)?.options.has(option) ? option : null;
}

/**
 * A response's answers as stored: those given, and the completed_by question's answer that
 * `completedBy` gives when it is not among them (`instrumentErrors` refuses one that disagrees).
 */
export function storedAnswers(response: ParsedResponse, instrument: Instrument): ParsedResponse["answers"] {
  const option = completedByOption(response.completedBy, instrument);
  if (option === null || response.answers.some((a) => a.question === COMPLETED_BY_QUESTION)) return response.answers;
  return [...response.answers, { question: COMPLETED_BY_QUESTION, option }];
}

/** What is wrong with an answer to the completed_by question beside the response's `completedBy`, if anything. */
function completedByProblem(answer: AnswerInput, response: ParsedResponse, instrument: Instrument): Problem | null {
  const said = completedByOption(response.completedBy, instrument);
  const chosen = answer.options ?? [answer.option!];
  if (said !== null && chosen.length === 1 && chosen[0] === said) return null;
  const expected = said === null ? "leave it out (or give completedBy as the answer says)" : `answer "${said}" or leave it out`;
  return [
    [],
    "COMPLETED_BY_MISMATCH",
    `"${COMPLETED_BY_QUESTION}" is answered ${chosen.map((c) => `"${c}"`).join(", ")} but completedBy is ${response.completedBy}: they say the same thing, so ${expected}`,
  ];
}

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
/** Each question's option codes as a message lists them, made once. */
const allowedOptions = new WeakMap<InstrumentQuestion, string>();

function unknownOption(question: InstrumentQuestion, code: string, field: string): Problem {
  let allowed = allowedOptions.get(question);
  if (allowed === undefined) {
    allowed = [...question.options.keys()].join(", ");
    allowedOptions.set(question, allowed);
  }
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
        : (answerProblem(answer, question) ?? (question.code === COMPLETED_BY_QUESTION ? completedByProblem(answer, response, instrument) : null));
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
      // At most MAX_RESPONSE_ERRORS issues: each costs zod more than finding it did.
      for (const { path, code, message, more } of boundedErrors(instrumentErrors(response, instrument, context)))
        ctx.addIssue({ code: "custom", path, message, params: { code, more }, input: undefined });
    }),
  );
}

/** Which of the organisation's responses `listResponses` reads. */
export const responseFilter = z.object({
  questionSet: z.optional(z.nullable(z.enum(QUESTION_SET_CODES))),
  area: z.optional(z.nullable(areaCode)),
  from: z.optional(z.nullable(isoDate)),
  to: z.optional(z.nullable(isoDate)),
  withdrawn: z.optional(z.nullable(z.boolean())),
});
export type ResponseFilter = z.input<typeof responseFilter>;

/** `listResponses`: a page of 1 to 100, of the responses the filter picks. */
export const responsePageArgs = z.looseObject({
  first: pageSize,
  filter: z.optional(z.nullable(responseFilter)),
  after: z.optional(z.nullable(z.string())),
});
