import { describe, expect, it } from "vitest";
import { compareWithComparator, oddsRatio, relativeRisk, trendZ, wilsonInterval } from "./statistics.ts";

describe("wilsonInterval (95%, no continuity correction)", () => {
  // Hand-computed: (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n), z = 1.959964.
  it.each([
    [7, 10, 0.3968, 0.8922],
    [64, 100, 0.5424, 0.7273],
    [0, 8, 0.0, 0.3244],
    [8, 8, 0.6756, 1.0],
    [1, 1, 0.2065, 1.0],
  ])("%i of %i is %f to %f", (x, n, lower, upper) => {
    const ci = wilsonInterval(x, n);
    expect(ci.lower).toBeCloseTo(lower, 4);
    expect(ci.upper).toBeCloseTo(upper, 4);
  });

  it("rejects impossible proportions", () => {
    expect(() => wilsonInterval(0, 0)).toThrow(new RangeError("Wilson interval needs 0 <= numerator <= denominator and denominator > 0 (got 0/0)"));
    expect(() => wilsonInterval(1, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
  });
});

describe("relativeRisk (Katz) and oddsRatio (Woolf), 95%", () => {
  // Hand-computed: RR = [a/(a+b)]/[c/(c+d)], SE(ln RR) = √(1/a − 1/(a+b) + 1/c − 1/(c+d));
  // OR = ad/bc, SE(ln OR) = √(1/a + 1/b + 1/c + 1/d); limits exp(ln θ ± 1.959964·SE).
  it.each([
    [40, 10, 20, 30, [2.0, 1.3861, 2.8859], [6.0, 2.4526, 14.6781]],
    [91, 9, 33, 67, [2.7576, 2.0717, 3.6706], [20.5286, 9.2081, 45.7668]],
    [15, 5, 5, 15, [3.0, 1.3478, 6.6776], [9.0, 2.1509, 37.6593]],
  ])("a=%i b=%i c=%i d=%i", (a, b, c, d, rr, or) => {
    const r = relativeRisk(a, b, c, d)!;
    const o = oddsRatio(a, b, c, d)!;
    expect([r.estimate, r.lower, r.upper].map((x) => x.toFixed(4))).toEqual(rr.map((x) => x.toFixed(4)));
    expect([o.estimate, o.lower, o.upper].map((x) => x.toFixed(4))).toEqual(or.map((x) => x.toFixed(4)));
  });

  it("has no finite estimate when a cell it needs is empty", () => {
    expect(relativeRisk(0, 10, 5, 5)).toBeNull();
    expect(relativeRisk(5, 5, 0, 10)).toBeNull();
    expect(relativeRisk(5, 0, 5, 5)).not.toBeNull();
    expect(oddsRatio(5, 0, 5, 5)).toBeNull();
    expect(oddsRatio(0, 5, 5, 5)).toBeNull();
    expect(oddsRatio(5, 5, 0, 5)).toBeNull();
    expect(oddsRatio(5, 5, 5, 0)).toBeNull();
    expect(oddsRatio(5, 5, 5, 5)).toEqual({ estimate: 1, lower: expect.any(Number), upper: expect.any(Number) });
  });
});

describe("compareWithComparator (Fingertips, proportions)", () => {
  const ci = { lower: 60, upper: 70 };
  it.each([
    [59.9999, "HIGHER_IS_BETTER", "BETTER"],
    [70.0001, "HIGHER_IS_BETTER", "WORSE"],
    [59.9999, "LOWER_IS_BETTER", "WORSE"],
    [70.0001, "LOWER_IS_BETTER", "BETTER"],
    [60, "HIGHER_IS_BETTER", "SIMILAR"],
    [70, "HIGHER_IS_BETTER", "SIMILAR"],
    [65, "LOWER_IS_BETTER", "SIMILAR"],
    [50, "NO_JUDGEMENT", "HIGHER"],
    [80, "NO_JUDGEMENT", "LOWER"],
  ] as const)("comparator %f, %s → %s", (value, polarity, outcome) => {
    expect(compareWithComparator(ci, value, polarity)).toBe(outcome);
  });

  it("does not compare what is missing", () => {
    expect(compareWithComparator(null, 50, "HIGHER_IS_BETTER")).toBe("NOT_COMPARED");
    expect(compareWithComparator(ci, null, "HIGHER_IS_BETTER")).toBe("NOT_COMPARED");
  });
});

describe("trendZ (Cochran–Armitage)", () => {
  it("matches hand-computed statistics", () => {
    const rising = [50, 55, 60, 65].map((numerator) => ({ numerator, denominator: 100 }));
    expect(trendZ(rising)).toBeCloseTo(2.2617, 4);
    const flat = [
      [30, 50],
      [33, 60],
      [40, 70],
      [44, 80],
    ].map(([numerator, denominator]) => ({ numerator: numerator!, denominator: denominator! }));
    expect(trendZ(flat)).toBeCloseTo(-0.4282, 4);
  });

  it("needs three periods and some variation", () => {
    expect(
      trendZ([
        { numerator: 1, denominator: 2 },
        { numerator: 1, denominator: 2 },
      ]),
    ).toBeNull();
    expect(trendZ([1, 2, 3].map(() => ({ numerator: 10, denominator: 10 })))).toBeNull();
  });
});
