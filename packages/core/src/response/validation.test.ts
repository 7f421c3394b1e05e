import { describe, expect, it } from "vitest";
import { findDefinition, QUESTION_SET_DEFINITIONS } from "../questionset/definitions/index.ts";
import { BANDS, type QuestionSetDefinition } from "../questionset/types.ts";
import { areaTypeOf, counted, type Instrument } from "./instrument.ts";
import { type AnswerInput, exclusiveOption, inputErrors, instrumentSchema, type ResponseInput } from "./validation.ts";

/** An instrument as `loadInstruments` builds it, from its definition alone (ids are positions). */
function instrumentOf(definition: QuestionSetDefinition): Instrument {
  const scales = new Map(definition.scales.map((s) => [s.code, s]));
  const instrument: Instrument = {
    id: 1,
    code: definition.code,
    version: definition.version,
    publishedOn: definition.publishedOn,
    areaType: areaTypeOf(definition.code),
    questions: new Map(),
  };
  definition.questions.forEach((q, position) => {
    const scale = scales.get(q.scale)!;
    const options = new Map(scale.options.map((o, i) => [o.code, { id: i + 1, code: o.code, label: o.label, band: o.band, bit: 1 << i }]));
    const graded = scale.options.some((o) => o.band === "POSITIVE" || o.band === "NEGATIVE");
    instrument.questions.set(q.code, { id: position + 1, code: q.code, kind: q.kind, graded, multiple: !!scale.multiple, position, options });
  });
  return instrument;
}

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
