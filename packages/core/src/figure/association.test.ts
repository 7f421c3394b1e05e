import { describe, expect, it } from "vitest";
import type { QuestionRow } from "../questionset/questionset.sql.ts";
import { associationSummary } from "./association.ts";

const question = (code: string, shortText: string) => ({ code, shortText }) as QuestionRow;
const EASE = [
  { label: "Very difficult", band: "NEGATIVE" },
  { label: "Difficult", band: "NEGATIVE" },
  { label: "Neither", band: "NEUTRAL" },
  { label: "Easy", band: "POSITIVE" },
  { label: "Very easy", band: "POSITIVE" },
  { label: "Don't know", band: "EXCLUDED" },
];
const BETTER = [
  { label: "Worse", band: "NEGATIVE" },
  { label: "No change", band: "NEUTRAL" },
  { label: "Better", band: "POSITIVE" },
  { label: "A lot better", band: "POSITIVE" },
];
const base = { process: question("ease_getting_budget", "ease of getting your budget"), outcome: question("quality_of_life", "quality of life") };

describe("associationSummary", () => {
  it("says the relative risk in the questions' short wording and their answers' labels", () => {
    const summary = associationSummary(
      { ...base, contrast: "POSITIVE_VS_NEGATIVE", relativeRisk: { estimate: 2.75, lower: 2.391, upper: 3.164 } },
      { process: EASE, outcome: BETTER },
    );
    expect(summary).toBe(
      `People who answered "Easy" or "Very easy" on ease of getting your budget were 2.8 times as likely (95% CI 2.4 to 3.2) ` +
        `to answer "Better" or "A lot better" on quality of life as people who answered "Very difficult" or "Difficult".`,
    );
    expect(summary).not.toContain("ease_getting_budget");
  });

  it("compares with everyone else under POSITIVE_VS_REST, lists three labels with commas, and says nothing without an estimate", () => {
    const three = [...EASE, { label: "Quite easy", band: "POSITIVE" }];
    expect(
      associationSummary(
        { ...base, contrast: "POSITIVE_VS_REST", relativeRisk: { estimate: 1.5, lower: 1.04, upper: 2.16 } },
        { process: three, outcome: BETTER },
      ),
    ).toBe(
      `People who answered "Easy", "Very easy" or "Quite easy" on ease of getting your budget were 1.5 times as likely (95% CI 1.0 to 2.2) ` +
        `to answer "Better" or "A lot better" on quality of life as everyone else who answered it.`,
    );
    expect(associationSummary({ ...base, contrast: "POSITIVE_VS_NEGATIVE", relativeRisk: null }, { process: EASE, outcome: BETTER })).toBeNull();
    const yesNo = [
      { label: "No", band: "NEGATIVE" },
      { label: "Yes", band: "POSITIVE" },
    ];
    expect(
      associationSummary(
        { ...base, contrast: "POSITIVE_VS_NEGATIVE", relativeRisk: { estimate: 2, lower: 1.5, upper: 2.5 } },
        { process: yesNo, outcome: BETTER },
      ),
    ).toBe(
      `People who answered "Yes" on ease of getting your budget were 2.0 times as likely (95% CI 1.5 to 2.5) to answer "Better" or "A lot better" on quality of life as people who answered "No".`,
    );
  });
});
