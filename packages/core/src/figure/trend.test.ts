import { describe, expect, it } from "vitest";
import { type Measure, suppressedMeasure } from "./measure.ts";
import { assess, TREND_METHOD, trendDirection } from "./trend.ts";

const shown = (numerator: number, denominator: number): Measure => ({
  numerator,
  denominator,
  percentage: (100 * numerator) / denominator,
  confidenceInterval: null,
  status: "AVAILABLE",
  symbol: null,
  reason: null,
  disclosure: "ROUNDED",
});
const yearly = (pairs: [number, number][]) => pairs.map(([n, d]) => shown(n, d));

describe("trendDirection (Cochran–Armitage over the published yearly counts)", () => {
  it("is INCREASING above z = 1.96 (z = 2.26 by hand) and DECREASING below -1.96", () => {
    expect(
      trendDirection(
        yearly([
          [50, 100],
          [55, 100],
          [60, 100],
          [65, 100],
        ]),
      ),
    ).toBe("INCREASING");
    expect(
      trendDirection(
        yearly([
          [65, 100],
          [60, 100],
          [55, 100],
          [50, 100],
        ]),
      ),
    ).toBe("DECREASING");
  });

  it("finds no significant change inside ±1.96 (z = -0.43 and z = 1.42 by hand)", () => {
    expect(
      trendDirection(
        yearly([
          [30, 50],
          [33, 60],
          [40, 70],
          [44, 80],
        ]),
      ),
    ).toBe("NO_SIGNIFICANT_CHANGE");
    expect(
      trendDirection(
        yearly([
          [50, 100],
          [55, 100],
          [60, 100],
        ]),
      ),
    ).toBe("NO_SIGNIFICANT_CHANGE");
  });

  it("needs three published years: suppressed years do not count", () => {
    expect(
      trendDirection(
        yearly([
          [50, 100],
          [65, 100],
        ]),
      ),
    ).toBe("NOT_ENOUGH_DATA");
    expect(trendDirection([shown(50, 100), suppressedMeasure(), shown(60, 100), suppressedMeasure()])).toBe("NOT_ENOUGH_DATA");
    expect(trendDirection([shown(50, 100), suppressedMeasure(), shown(60, 100), shown(75, 100)])).toBe("INCREASING");
  });
});

describe("assess", () => {
  it("reads a direction by which way is better", () => {
    expect(assess("INCREASING", "HIGHER_IS_BETTER")).toBe("GETTING_BETTER");
    expect(assess("DECREASING", "HIGHER_IS_BETTER")).toBe("GETTING_WORSE");
    expect(assess("INCREASING", "LOWER_IS_BETTER")).toBe("GETTING_WORSE");
    expect(assess("DECREASING", "LOWER_IS_BETTER")).toBe("GETTING_BETTER");
    expect(assess("INCREASING", "NO_JUDGEMENT")).toBe("NOT_ASSESSED");
    expect(assess("NO_SIGNIFICANT_CHANGE", "HIGHER_IS_BETTER")).toBe("NO_SIGNIFICANT_CHANGE");
    expect(assess("NOT_ENOUGH_DATA", "HIGHER_IS_BETTER")).toBe("NOT_ASSESSED");
  });
});

describe("TREND_METHOD", () => {
  it("names the test, its level and what it needs", () => {
    expect(TREND_METHOD).toBe(
      "Cochran–Armitage test for a linear trend in proportions over the published yearly counts, two-sided at 95%; needs 3 or more years with published values",
    );
  });
});
