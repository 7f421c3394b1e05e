import { describe, expect, it, vi } from "vitest";
import { findDefinition, QUESTION_SET_DEFINITIONS } from "../questionset/definitions/index.ts";
import { BANDS } from "../questionset/types.ts";
import { counted, instrumentFromDefinition as instrumentOf } from "./instrument.ts";
import { COLLECTION_MODES, COMPLETED_BY } from "./response.sql.ts";
import { type CheckContext, checkBatch } from "./submit.ts";
import {
  type AnswerInput,
  exclusiveOption,
  inputErrors,
  instrumentSchema,
  MAX_RESPONSE_ERRORS,
  type ParsedResponse,
  type ResponseInput,
  storedAnswers,
} from "./validation.ts";
import type { Writer } from "./writer.ts";

const ADULT = instrumentOf(findDefinition("ADULT_PB", 2)!);
const schema = instrumentSchema(ADULT, { today: "2025-12-31" });

const response = (answers: AnswerInput[]): ResponseInput => ({
  externalRef: "unit-1",
  questionSet: "ADULT_PB",
  area: "E06000001",
  collectedOn: "2025-06-01",
  collectionMode: "ONLINE",
  completedBy: "SELF",
  answers,
});

/** The errors the version's schema finds in a response with these answers (none: []). */
function errorsOf(answers: AnswerInput[]) {
  const parsed = schema.safeParse(response(answers));
  return parsed.success ? [] : inputErrors(parsed.error.issues);
}

const NA_BUDGET = '"budget_uses" ticks "not_applicable" (Not applicable: I do not have a personal budget) with other options';
const NO_GRADED =
  'no question of ADULT_PB version 2 that figures are made of is answered with an answer they count ("not applicable" and "don\'t know" count in none)';

describe("counted bands", () => {
  it("are POSITIVE, NEUTRAL and NEGATIVE: EXCLUDED and categories are outside every denominator", () => {
    expect(BANDS.filter(counted)).toEqual(["POSITIVE", "NEUTRAL", "NEGATIVE"]);
    expect(counted(null)).toBe(false);
  });
});

describe("an EXCLUDED option ticked with others", () => {
  it("is found, whichever place it is ticked in; alone, or absent, it is not", () => {
    const uses = ADULT.questions.get("budget_uses")!;
    expect(exclusiveOption(uses, ["not_applicable", "personal_assistant"])).toMatchObject({ code: "not_applicable", band: "EXCLUDED" });
    expect(exclusiveOption(uses, ["home_care", "equipment", "dont_know"])).toMatchObject({ code: "dont_know" });
    expect(exclusiveOption(uses, ["not_applicable"])).toBeUndefined();
    expect(exclusiveOption(uses, ["home_care", "equipment"])).toBeUndefined();
  });

  it("is found on every multi-tick question of every instrument that has an EXCLUDED option", () => {
    const checked: string[] = [];
    for (const definition of QUESTION_SET_DEFINITIONS) {
      for (const question of instrumentOf(definition).questions.values()) {
        if (!question.multiple) continue;
        const options = [...question.options.values()];
        const other = options.find((o) => o.band !== "EXCLUDED")!;
        for (const excluded of options.filter((o) => o.band === "EXCLUDED")) {
          expect(exclusiveOption(question, [other.code, excluded.code])).toBe(excluded);
          checked.push(`${definition.code}@${definition.version}.${question.code}.${excluded.code}`);
        }
      }
    }
    // ADULT_PB 2's budget_uses (don't know, not applicable) and who_helped, PHB 2's budget_uses (don't know).
    expect(checked).toEqual(
      expect.arrayContaining(["ADULT_PB@2.budget_uses.not_applicable", "ADULT_PB@2.budget_uses.dont_know", "ADULT_PB@2.who_helped.dont_know"]),
    );
  });

  it.each<[string, AnswerInput, string]>([
    ["not applicable first", { question: "budget_uses", options: ["not_applicable", "personal_assistant"] }, NA_BUDGET],
    ["not applicable last", { question: "budget_uses", options: ["home_care", "equipment", "not_applicable"] }, NA_BUDGET],
    ["don't know", { question: "who_helped", options: ["family_friends", "dont_know"] }, '"who_helped" ticks "dont_know" (Don\'t know) with other options'],
  ])("is refused as EXCLUSIVE_OPTION under the answer's options: %s", (_, answer, message) => {
    expect(errorsOf([{ question: "quality_of_life", option: "better" }, answer])).toEqual([
      { path: ["answers", "1", "options"], code: "EXCLUSIVE_OPTION", message: expect.stringContaining(message) },
    ]);
  });

  it("is checked after the options are known and distinct", () => {
    const answer = { question: "budget_uses", options: ["not_applicable", "not_applicable"] };
    expect(errorsOf([{ question: "quality_of_life", option: "better" }, answer]).map((e) => e.code)).toEqual(["DUPLICATE_OPTION"]);
  });
});

describe("a response whose graded answers are only EXCLUDED", () => {
  it.each<[string, AnswerInput[]]>([
    ["no graded question answered", [{ question: "gender", option: "male" }]],
    ["a graded question answered not applicable", [{ question: "quality_of_life", option: "not_applicable" }]],
    [
      "every graded question answered not applicable or don't know, beside categories",
      [
        { question: "quality_of_life", option: "not_applicable" },
        { question: "amount_of_support", option: "dont_know" },
        { question: "knew_budget_amount", option: "not_applicable" },
        { question: "budget_uses", options: ["not_applicable"] },
        { question: "gender", option: "female" },
      ],
    ],
  ])("is refused as NO_GRADED_ANSWER: %s", (_, answers) => {
    expect(errorsOf(answers)).toEqual([{ path: ["answers"], code: "NO_GRADED_ANSWER", message: NO_GRADED }]);
  });

  it.each<[string, AnswerInput[]]>([
    ["a NEUTRAL answer alone", [{ question: "quality_of_life", option: "no_change" }]],
    [
      "one counted graded answer beside not applicable and don't know elsewhere",
      [
        { question: "quality_of_life", option: "not_applicable" },
        { question: "amount_of_support", option: "dont_know" },
        { question: "help_to_plan", option: "no" },
        { question: "budget_uses", options: ["not_applicable"] },
        { question: "who_helped", options: ["dont_know"] },
      ],
    ],
    [
      "several ticks without an EXCLUDED one",
      [
        { question: "independence", option: "better" },
        { question: "budget_uses", options: ["home_care", "equipment"] },
      ],
    ],
  ])("is accepted with %s", (_, answers) => {
    expect(errorsOf(answers)).toEqual([]);
  });
});

/** The errors of a response that answers one graded question, with these fields changed. */
function fieldErrors(changes: Record<string, unknown>) {
  const parsed = schema.safeParse({ ...response([{ question: "quality_of_life", option: "better" }]), ...changes });
  return parsed.success ? [] : inputErrors(parsed.error.issues);
}
const parsedRef = (externalRef: string) => schema.parse({ ...response([{ question: "quality_of_life", option: "better" }]), externalRef }).externalRef;

describe("a reference", () => {
  it("is kept composed (NFC) and trimmed, so that what looks the same is the same", () => {
    expect(parsedRef("cafe\u0301")).toBe("caf\u00e9");
    expect(parsedRef("caf\u00e9")).toBe("caf\u00e9");
    expect(parsedRef("  HPL-2025-0001\t")).toBe("HPL-2025-0001");
    expect(parsedRef("\u00a0caf\u00e9\u2003\ufeff")).toBe("caf\u00e9");
    // The length is of the composed form: 300 characters decomposed are 150 composed.
    expect(parsedRef("e\u0301".repeat(150))).toBe("\u00e9".repeat(150));
  });

  it.each([
    ["empty", "", "must not be empty"],
    ["only spaces", " \t ", "must not be empty"],
    ["only invisible characters", "\u200b\u200d\u0301", "must hold a visible character (a letter, digit, punctuation mark or symbol)"],
    ["a lone surrogate", "ref-\ud800", "must be well-formed text (it holds half of a surrogate pair)"],
    ["longer than 200 characters", "r".repeat(201), "must be at most 200 characters"],
    ["a control character", "ref\u0007", "must not contain control characters"],
  ])("is refused when %s", (_, externalRef, message) => {
    expect(fieldErrors({ externalRef })).toEqual([{ path: ["externalRef"], code: "INVALID_REFERENCE", message }]);
  });

  it("is refused for its length before it is normalised", () => {
    const normalize = vi.spyOn(String.prototype, "normalize");
    expect(fieldErrors({ externalRef: "r".repeat(1_000_000) })).toEqual([
      { path: ["externalRef"], code: "INVALID_REFERENCE", message: "must be at most 200 characters" },
    ]);
    expect(normalize).not.toHaveBeenCalled();
    normalize.mockRestore();
  });
});

describe("a comment", () => {
  it("must be well-formed text", () => {
    expect(fieldErrors({ comment: "I \ud83d\ude00 it" })).toEqual([]);
    expect(fieldErrors({ comment: "half \ud83d of it" })).toEqual([
      { path: ["comment"], code: "INVALID_COMMENT", message: "must be well-formed text (it holds half of a surrogate pair)" },
    ]);
    expect(fieldErrors({ comment: "\ude00" })).toEqual([
      { path: ["comment"], code: "INVALID_COMMENT", message: "must be well-formed text (it holds half of a surrogate pair)" },
    ]);
  });
});

describe("how and by whom a response was collected", () => {
  it.each([
    ["collectionMode", "Face to face", "INVALID_COLLECTION_MODE", `collection mode "Face to face" is not one of ${COLLECTION_MODES.join(", ")}`],
    ["completedBy", "Neighbour", "INVALID_COMPLETED_BY", `completed by "Neighbour" is not one of ${COMPLETED_BY.join(", ")}`],
    ["completedBy", "x".repeat(100), "INVALID_COMPLETED_BY", `completed by "${"x".repeat(40)}…" is not one of ${COMPLETED_BY.join(", ")}`],
    ["collectionMode", undefined, "INVALID_COLLECTION_MODE", `collection mode is missing: it is one of ${COLLECTION_MODES.join(", ")}`],
    ["questionSet", "ADULT", "UNKNOWN_QUESTION_SET", 'question set "ADULT" is not one of ADULT_PB, CARER, PHB, CYP_EHCP, PARENT_EHCP, PRACTITIONER_EHCP'],
  ])("%s %j is refused naming the field and the values allowed", (field, value, code, message) => {
    expect(fieldErrors({ [field]: value })).toEqual([{ path: [field], code, message }]);
  });
});

describe("checking a batch", () => {
  const context = (): CheckContext => ({
    instruments: [ADULT],
    areaTypes: new Map([["E06000001", "LOCAL_AUTHORITY"]]),
    today: "2025-12-31",
    seen: new Set(),
    schemas: new Map(),
  });
  const writer: Writer = { organisationId: 1, slug: "unit", areas: new Set(["E06000001"]) };
  const graded = { question: "quality_of_life", option: "better" };

  it("refuses a response with more answers than any version has questions, as one error, without checking each", () => {
    let touched = 0;
    const answers = Array.from({ length: 10_000 }, () => ({
      get question() {
        touched++;
        return "quality_of_life";
      },
    }));
    const [checked] = checkBatch(context(), writer, [{ ...response([]), answers }]);
    expect(checked!.errors).toEqual([{ path: ["answers"], code: "INVALID_ANSWER", message: "must hold at most 200 answers" }]);
    expect(touched).toBe(0);
  });

  it(`reports at most ${MAX_RESPONSE_ERRORS} problems of a response, and how many more it has`, () => {
    const answers = [graded, ...Array.from({ length: 150 }, (_, i) => ({ question: `nope_${i}`, option: "x" }))];
    const [checked] = checkBatch(context(), writer, [response(answers)]);
    expect(checked!.errors).toHaveLength(MAX_RESPONSE_ERRORS + 1);
    expect(checked!.errors[0]).toMatchObject({ path: ["answers", "1", "question"], code: "UNKNOWN_QUESTION" });
    expect(checked!.errors.at(-1)).toEqual({ path: [], code: "TOO_MANY_ERRORS", message: "and 130 more problems with this response", more: 130 });
    // Answers not of an answer's shape alike, with the fields that are wrong besides.
    const [shapes] = checkBatch(context(), writer, [{ ...response([]), area: "nowhere", answers: Array.from({ length: 150 }, () => ({ question: 7 })) }]);
    expect(shapes!.errors).toHaveLength(MAX_RESPONSE_ERRORS + 1);
    expect(shapes!.errors[0]).toMatchObject({ path: ["area"], code: "INVALID_AREA" });
    expect(shapes!.errors[1]).toMatchObject({ path: ["answers", "0"], code: "INVALID_ANSWER" });
    expect(shapes!.errors.at(-1)).toEqual({ path: [], code: "TOO_MANY_ERRORS", message: "and 131 more problems with this response", more: 131 });
  });

  it("takes a reference sent decomposed and composed as the same reference", () => {
    const [first, second] = checkBatch(context(), writer, [
      { ...response([graded]), externalRef: "caf\u00e9" },
      { ...response([graded]), externalRef: " cafe\u0301 " },
    ]);
    expect(first).toMatchObject({ errors: [], externalRef: "caf\u00e9" });
    expect(second!.errors).toEqual([{ path: ["externalRef"], code: "DUPLICATE_REFERENCE", message: '"caf\u00e9" is sent more than once in this batch' }]);
  });
});

describe("the form's own completed_by question (issue 27: one response however it comes)", () => {
  const QOL = { question: "quality_of_life", option: "better" };
  const parsed = (completedBy: string, answers: AnswerInput[]) => schema.parse({ ...response(answers), completedBy }) as ParsedResponse;

  it("is answered by completedBy when the answers leave it out, where its scale has the option", () => {
    expect(storedAnswers(parsed("SELF", [QOL]), ADULT)).toEqual([QOL, { question: "completed_by", option: "self" }]);
    expect(storedAnswers(parsed("WITH_HELP", [QOL]), ADULT)).toEqual([QOL, { question: "completed_by", option: "with_help" }]);
    expect(storedAnswers(parsed("ON_BEHALF", [QOL]), ADULT)).toEqual([QOL, { question: "completed_by", option: "on_behalf" }]);
    expect(storedAnswers(parsed("UNKNOWN", [QOL]), ADULT)).toEqual([QOL]);
    // CYP_EHCP 1's scale has no "on_behalf".
    const cyp = instrumentOf(findDefinition("CYP_EHCP", 1)!);
    const onBehalf = instrumentSchema(cyp, { today: "2025-12-31" }).parse({
      ...response([{ question: "dignity", option: [...cyp.questions.get("dignity")!.options.keys()][0]! }]),
      questionSet: "CYP_EHCP",
      completedBy: "ON_BEHALF",
    }) as ParsedResponse;
    expect(storedAnswers(onBehalf, cyp).map((a) => a.question)).toEqual(["dignity"]);
  });

  it("may be answered too, when the answer says what completedBy says, and is then stored once", () => {
    const said = { question: "completed_by", option: "with_help" };
    // With completedBy SELF it says something else.
    expect(errorsOf([QOL, said])).toEqual([{ path: ["answers", "1"], code: "COMPLETED_BY_MISMATCH", message: expect.any(String) }]);
    expect(storedAnswers(parsed("WITH_HELP", [QOL, said]), ADULT)).toEqual([QOL, said]);
  });

  it("is refused as COMPLETED_BY_MISMATCH when it says something else, or completedBy is UNKNOWN", () => {
    expect(errorsOf([QOL, { question: "completed_by", option: "on_behalf" }])).toEqual([
      {
        path: ["answers", "1"],
        code: "COMPLETED_BY_MISMATCH",
        message: '"completed_by" is answered "on_behalf" but completedBy is SELF: they say the same thing, so answer "self" or leave it out',
      },
    ]);
    const unknown = schema.safeParse({ ...response([QOL, { question: "completed_by", option: "self" }]), completedBy: "UNKNOWN" });
    expect(unknown.success ? [] : inputErrors(unknown.error.issues).map((e) => e.code)).toEqual(["COMPLETED_BY_MISMATCH"]);
  });
});
