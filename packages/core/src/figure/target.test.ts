import { describe, expect, it } from "vitest";
import type { QuestionRow, QuestionSetRow } from "../questionset/questionset.sql.ts";
import type { ReferenceData } from "./reference.ts";
import {
  assertCountableBand,
  poolingOf,
  resolveArea,
  resolveGradedQuestion,
  resolveQuestionSet,
  resolveSetAndPeriod,
  versionList,
  versionsOfAll,
} from "./target.ts";

const set = (id: number, version: number, status: QuestionSetRow["status"] = "PUBLISHED"): QuestionSetRow => ({
  id,
  code: "CARER",
  version,
  name: "Carers",
  respondent: "A carer.",
  description: "Carers' POET.",
  status,
  publishedOn: "2025-04-01",
});
const reference = (sets: QuestionSetRow[], years: Record<number, number[]>) =>
  ({ questionSets: sets, yearsBySet: new Map(Object.entries(years).map(([id, y]) => [Number(id), y])) }) as unknown as ReferenceData;

describe("resolveQuestionSet", () => {
  const sets = [set(1, 1), set(2, 2), set(3, 3, "DRAFT")];

  it("reads the latest published version that holds responses when none is asked for", () => {
    expect(resolveQuestionSet(reference(sets, { 1: [2024] }), "CARER").version).toBe(1);
    expect(resolveQuestionSet(reference(sets, { 1: [2024], 2: [2025] }), "CARER").version).toBe(2);
    expect(resolveQuestionSet(reference(sets, { 3: [2025] }), "CARER").version).toBe(2);
    expect(resolveQuestionSet(reference(sets, {}), "CARER").version).toBe(2);
  });

  it("reads the version asked for, data or not, and refuses a draft or a missing one", () => {
    expect(resolveQuestionSet(reference(sets, { 1: [2024] }), "CARER", 2).version).toBe(2);
    expect(() => resolveQuestionSet(reference(sets, {}), "CARER", 3)).toThrow("No published CARER question set version 3");
    expect(() => resolveQuestionSet(reference(sets, {}), "PHB")).toThrow("No published PHB question set");
  });
});

describe("poolingOf", () => {
  const question = (id: number) => ({ id, code: `q${id}` }) as QuestionRow;
  const sets = [set(1, 1), set(2, 2), set(3, 3)];
  // Question 30 of version 3 pools with question 20 of version 2, not with version 1's.
  const ref = {
    ...reference(sets, { 1: [2022], 2: [2023], 3: [2024, 2025] }),
    chains: new Map([
      [
        30,
        [
          { version: 2, setId: 2, questionId: 20 },
          { version: 3, setId: 3, questionId: 30 },
        ],
      ],
      [31, [{ version: 3, setId: 3, questionId: 31 }]],
    ]),
    questionsById: new Map([20, 30, 31].map((id) => [id, question(id)])),
  } as ReferenceData;
  const years = (from: number, to: number) => ({ from, to });

  it("pools the versions a question is comparable with, counting those with responses in the period", () => {
    expect(poolingOf(ref, sets[2]!, question(30), years(2023, 2025), false)).toEqual({
      questionIds: [20, 30],
      questions: [question(20), question(30)],
      versions: [2, 3],
      notComparable: null,
    });
    expect(poolingOf(ref, sets[2]!, question(30), years(2024, 2025), false)).toEqual({
      questionIds: [20, 30],
      questions: [question(20), question(30)],
      versions: [3],
      notComparable: null,
    });
  });

  it("names every version it may not pool whose responses fall in the period, oldest first", () => {
    const newestFirst = { ...ref, questionSets: [...sets].reverse() } as ReferenceData;
    expect(poolingOf(newestFirst, sets[2]!, question(31), years(2022, 2025), false).notComparable).toContain("versions 1 and 2,");
    expect(poolingOf(ref, sets[2]!, question(30), years(2022, 2025), false).notComparable).toBe(
      '"q30" of CARER version 3 is not comparable with version 1, whose responses fall in this period: ask for a period without them, or for one version.',
    );
    expect(poolingOf(ref, sets[2]!, question(31), years(2022, 2025), false)).toEqual({
      questionIds: [31],
      questions: [question(31)],
      versions: [3],
      notComparable:
        '"q31" of CARER version 3 is not comparable with versions 1 and 2, whose responses fall in this period: ask for a period without them, or for one version.',
    });
  });

  it("counts one version alone when one is asked for", () => {
    expect(poolingOf(ref, sets[2]!, question(30), years(2022, 2025), true)).toEqual({
      questionIds: [30],
      questions: [question(30)],
      versions: [3],
      notComparable: null,
    });
    expect(poolingOf(ref, sets[2]!, question(30), years(2022, 2022), true)).toEqual({
      questionIds: [30],
      questions: [question(30)],
      versions: [],
      notComparable: null,
    });
  });
});

describe("versions in words and in lists", () => {
  it("names one, two or three versions as a sentence does", () => {
    expect(versionList([2])).toBe("version 2");
    expect(versionList([1, 2])).toBe("versions 1 and 2");
    expect(versionList([1, 2, 3])).toBe("versions 1, 2 and 3");
  });

  it("lists every version any figure pools, once each, oldest first", () => {
    expect(versionsOfAll([[2], [1, 2], [3, 1]])).toEqual([1, 2, 3]);
    expect(versionsOfAll([])).toEqual([]);
  });
});

describe("a question set that is not there", () => {
  it("is NOT_FOUND, naming the version when one was asked for", () => {
    const none = reference([], {});
    expect(() => resolveQuestionSet(none, "CARER")).toThrow(
      expect.objectContaining({ code: "NOT_FOUND", message: "No published CARER question set", details: { argument: "version" } }),
    );
    expect(() => resolveQuestionSet(none, "CARER", 0)).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT", details: { argument: "version" } }));
    expect(() => resolveQuestionSet(none, "CARER", 3)).toThrow(
      expect.objectContaining({ code: "NOT_FOUND", message: "No published CARER question set version 3" }),
    );
  });
});

describe("areas and bands asked for", () => {
  it("is NOT_FOUND for an area code no area has, naming the argument", () => {
    const ref = { areas: new Map() } as unknown as ReferenceData;
    expect(() => resolveArea(ref, "E06999999", "compareWith")).toThrow(
      expect.objectContaining({ code: "NOT_FOUND", message: "No area with code E06999999", details: { argument: "compareWith" } }),
    );
    expect(() => resolveArea(ref, "E06999999")).toThrow(expect.objectContaining({ code: "NOT_FOUND", details: { argument: "area" } }));
  });

  it("refuses EXCLUDED, which is outside every denominator, and takes the countable bands", () => {
    expect(() => assertCountableBand("EXCLUDED")).toThrow(
      expect.objectContaining({
        code: "BAD_USER_INPUT",
        message: "EXCLUDED answers are outside every denominator: choose POSITIVE, NEUTRAL or NEGATIVE",
        details: { argument: "band" },
      }),
    );
    expect(["POSITIVE", "NEUTRAL", "NEGATIVE"].map((b) => assertCountableBand(b as "POSITIVE"))).toEqual(["POSITIVE", "NEUTRAL", "NEGATIVE"]);
  });
});

describe("questions asked for", () => {
  it("refuses a question about the respondent even on a graded scale, and one whose scale has no POSITIVE or NEGATIVE option", () => {
    const carer = set(1, 2);
    const about = { id: 5, code: "age", kind: "ABOUT_YOU" } as QuestionRow;
    const flat = { id: 6, code: "mood", kind: "OUTCOME" } as QuestionRow;
    const ref = { questionsBySet: new Map([[1, [about, flat]]]), gradedQuestionIds: new Set([5]) } as unknown as ReferenceData;
    for (const code of ["age", "mood"])
      expect(() => resolveGradedQuestion(ref, carer, code, "question")).toThrow(
        expect.objectContaining({ code: "BAD_USER_INPUT", details: { argument: "question" } }),
      );
  });

  it("is NOT_FOUND for a code the version does not have, naming the set, version and argument", () => {
    const carer = set(1, 2);
    const ref = { questionsBySet: new Map([[1, []]]) } as unknown as ReferenceData;
    expect(() => resolveGradedQuestion(ref, carer, "happiness", "process")).toThrow(
      expect.objectContaining({ code: "NOT_FOUND", message: 'No question "happiness" in CARER version 2', details: { argument: "process" } }),
    );
  });
});

// Version 1 asks "dropped" and "kept"; version 2 asks "kept" and "added"; version 3 is a draft that asks "dropped" again.
const askingSets = [set(1, 1), set(2, 2), set(3, 3, "DRAFT")];
const asks: Record<number, string[]> = { 1: ["dropped", "kept"], 2: ["kept", "added"], 3: ["dropped", "kept"] };
const asking = (years: Record<number, number[]>) =>
  ({
    questionSets: askingSets,
    yearsBySet: new Map(Object.entries(years).map(([id, y]) => [Number(id), y])),
    questionsBySet: new Map(Object.entries(asks).map(([id, codes]) => [Number(id), codes.map((code) => ({ code }) as QuestionRow)])),
  }) as unknown as ReferenceData;
const answered = asking({ 1: [2022, 2023], 2: [2025] });
const years = (from: number, to = from) => ({ from, to });

describe("the version a figure reads, given the question codes it names", () => {
  it("is the latest version with responses that asks them all, when the latest with responses does not", () => {
    expect(resolveQuestionSet(answered, "CARER", null, null, ["dropped"]).version).toBe(1);
    expect(resolveQuestionSet(answered, "CARER", null, years(2022, 2025), ["dropped"]).version).toBe(1);
    expect(resolveQuestionSet(answered, "CARER", null, null, ["kept", "dropped"]).version).toBe(1);
    // The period is the years of the version read, as when it is asked for.
    expect(resolveSetAndPeriod(answered, "CARER", null, null, ["dropped"])).toMatchObject({ questionSet: { version: 1 }, period: years(2022, 2023) });
  });

  it("is unchanged when the latest version with responses asks them, or none is named", () => {
    expect(resolveQuestionSet(answered, "CARER", null, null, ["kept"]).version).toBe(2);
    expect(resolveQuestionSet(answered, "CARER", null, null, ["added"]).version).toBe(2);
    expect(resolveQuestionSet(answered, "CARER", null, null, []).version).toBe(2);
    expect(resolveQuestionSet(answered, "CARER", null, years(2022), ["kept"]).version).toBe(1);
    expect(resolveSetAndPeriod(answered, "CARER", null, null, ["kept"])).toMatchObject({ questionSet: { version: 2 }, period: years(2025) });
  });

  it("is unchanged, and the code then NOT_FOUND, when no version that asks them has responses in the period", () => {
    // Only version 2 answers 2025: the dropped question is not in it.
    expect(resolveQuestionSet(answered, "CARER", null, years(2025), ["dropped"]).version).toBe(2);
    // A question only version 2 asks, over years only version 1 answers.
    expect(resolveQuestionSet(answered, "CARER", null, years(2022), ["added"]).version).toBe(1);
    // Asked in no version at all, or in no version with responses: the default as ever.
    expect(resolveQuestionSet(answered, "CARER", null, null, ["nowhere"]).version).toBe(2);
    expect(resolveQuestionSet(asking({}), "CARER", null, null, ["dropped"]).version).toBe(2);
    // A draft never counts, even one that asks the code.
    expect(resolveQuestionSet(asking({ 2: [2025], 3: [2025] }), "CARER", null, null, ["dropped"]).version).toBe(2);
  });

  it("is the version asked for, whatever it asks", () => {
    expect(resolveQuestionSet(answered, "CARER", 2, null, ["dropped"]).version).toBe(2);
    expect(resolveQuestionSet(answered, "CARER", 1, years(2025), ["added"]).version).toBe(1);
  });
});
