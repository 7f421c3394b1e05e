import { describe, expect, it } from "vitest";
import { gradedQuestionIds, yearsOf } from "./reference.ts";

describe("yearsOf", () => {
  it("lists each year with responses to any of the sets once, in order, whatever the sets' order", () => {
    const ref = {
      yearsBySet: new Map([
        [1, [2022, 2023, 2026]],
        [2, [2024, 2025]],
        [3, [2023, 2024]],
      ]),
    };
    expect(yearsOf(ref, [1, 2])).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(yearsOf(ref, [3, 1])).toEqual([2022, 2023, 2024, 2026]);
    expect(yearsOf(ref, [4])).toEqual([]);
  });
});

describe("gradedQuestionIds", () => {
  it("takes the questions with a POSITIVE or NEGATIVE option, not one whose scale is NEUTRAL alone", () => {
    const bands = [
      { id: 1, band: "POSITIVE" },
      { id: 1, band: "NEUTRAL" },
      { id: 2, band: "NEGATIVE" },
      { id: 3, band: "NEUTRAL" },
    ] as const;
    expect([...gradedQuestionIds(bands)].sort()).toEqual([1, 2]);
  });
});
