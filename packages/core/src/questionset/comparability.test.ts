import { describe, expect, it } from "vitest";
import { scaleChange, versionProblems } from "./comparability.ts";
import { opt, q } from "./definitions/scales.ts";
import type { QuestionDefinition, QuestionSetDefinition, ScaleDefinition } from "./types.ts";

const YES_NO: ScaleDefinition = { code: "YES_NO", label: "No or yes", options: [opt("no", "No", "NEGATIVE"), opt("yes", "Yes", "POSITIVE")] };
const withOptions = (scale: ScaleDefinition, options: ScaleDefinition["options"], extra: Partial<ScaleDefinition> = {}): ScaleDefinition => ({
  ...scale,
  options,
  ...extra,
});
const question = (code: string, scale: string, comparable?: boolean): QuestionDefinition => ({
  ...q(code, `${code}?`, "PROCESS", null, scale, "S", code),
  ...(comparable === undefined ? {} : { comparable }),
});
const set = (version: number, scales: ScaleDefinition[], questions: QuestionDefinition[]): QuestionSetDefinition => ({
  code: "CARER",
  version,
  name: "Test",
  respondent: "A tester, in a test.",
  description: "A question set made up for a test.",
  publishedOn: "2025-04-01",
  scales,
  questions,
});

describe("scaleChange", () => {
  it("lets a later scale add EXCLUDED options and nothing else", () => {
    expect(scaleChange(YES_NO, YES_NO)).toBeNull();
    expect(scaleChange(YES_NO, withOptions(YES_NO, [...YES_NO.options, opt("not_applicable", "N/A", "EXCLUDED")]))).toBeNull();
    expect(scaleChange(YES_NO, withOptions(YES_NO, [...YES_NO.options, opt("maybe", "Maybe", "NEUTRAL")]))).toBe(
      'added the option "maybe", which is not EXCLUDED',
    );
    expect(scaleChange(YES_NO, withOptions(YES_NO, [opt("no", "No", "NEGATIVE")]))).toBe('lost the option "yes"');
    expect(scaleChange(YES_NO, withOptions(YES_NO, [opt("no", "No", "NEUTRAL"), opt("yes", "Yes", "POSITIVE")]))).toBe('moved "no" from NEGATIVE to NEUTRAL');
    const ticks = withOptions(YES_NO, [opt("a", "A", null)]);
    expect(scaleChange(ticks, { ...ticks, multiple: true })).toBe("became multi-tick");
    expect(scaleChange({ ...ticks, multiple: true }, ticks)).toBe("stopped being multi-tick");
    expect(scaleChange(ticks, withOptions(ticks, [opt("a", "A", "EXCLUDED")]))).toBe('moved "a" from no band to EXCLUDED');
  });
});

describe("versionProblems", () => {
  const v1 = set(1, [YES_NO], [question("plan", "YES_NO"), question("copy", "YES_NO")]);

  it("accepts version 1 alone and a version 2 that says, for each question, whether it pools", () => {
    expect(versionProblems([v1])).toEqual([]);
    const v2 = set(2, [YES_NO], [question("plan", "YES_NO", true), question("copy", "YES_NO", false), question("fresh", "YES_NO", false)]);
    expect(versionProblems([v2, v1])).toEqual([]);
  });

  it("names every inconsistency", () => {
    const NA = withOptions(YES_NO, [...YES_NO.options, opt("not_applicable", "N/A", "EXCLUDED")], { code: "YES_NO_NA" });
    const FOUR = withOptions(YES_NO, [opt("no", "No", "NEGATIVE"), opt("partly", "Partly", "NEUTRAL"), opt("yes", "Yes", "POSITIVE")], { code: "FOUR" });
    expect(versionProblems([set(1, [YES_NO], [question("plan", "YES_NO", true)])])).toEqual(["CARER v1 plan: version 1 has nothing to be comparable with"]);
    expect(
      versionProblems([
        v1,
        set(
          2,
          [YES_NO, NA, FOUR],
          [question("plan", "YES_NO_NA", true), question("copy", "FOUR", false), question("fresh", "YES_NO", true), question("silent", "YES_NO")],
        ),
      ]),
    ).toEqual([
      'CARER v2 copy: since version 1 its scale added the option "partly", which is not EXCLUDED; a question whose scale changed takes a new code',
      'CARER v2 fresh: comparable, but version 1 has no question "fresh"',
      "CARER v2 silent: a later version must say whether each question is comparable with the version before",
    ]);
    expect(versionProblems([v1, set(3, [YES_NO], [question("plan", "YES_NO", true)])])).toEqual(["CARER has version 3 where version 2 was due"]);
    const kind = set(2, [YES_NO], [{ ...question("plan", "YES_NO", true), kind: "OUTCOME" }]);
    expect(versionProblems([v1, kind])).toEqual(["CARER v2 plan: comparable, but its kind changed from PROCESS"]);
    expect(versionProblems([v1, { ...kind, questions: [{ ...kind.questions[0]!, comparable: false }] }])).toEqual([]);
  });
});
