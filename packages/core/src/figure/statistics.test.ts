import { describe, expect, it } from "vitest";
import { buildMeasure } from "./measure.ts";
import { wilsonInterval } from "./statistics.ts";

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
    expect(() => wilsonInterval(1, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
  });
});

describe("buildMeasure", () => {
  it("gives the percentage and interval in percent", () => {
    const m = buildMeasure(64, 100, { exact: false, areaName: "Hartlepool" });
    expect(m).toMatchObject({ numerator: 64, denominator: 100, percentage: 64, status: "AVAILABLE", symbol: null });
    expect(m.confidenceInterval!.lower).toBeCloseTo(54.2354, 4);
    expect(m.confidenceInterval!.upper).toBeCloseTo(72.7288, 4);
  });

  it("suppresses a sub-national measure under 10 answers, and says why", () => {
    const m = buildMeasure(9, 9, { exact: false, areaName: "Rutland" });
    expect(m).toMatchObject({ status: "SUPPRESSED", symbol: "c", numerator: null, denominator: null, percentage: null, confidenceInterval: null });
    expect(m.reason).toMatch(/Fewer than 10 answers in Rutland/);
    expect(buildMeasure(5, 10, { exact: false, areaName: "Rutland" }).status).toBe("AVAILABLE");
  });

  it("publishes England's exact measure however small, and marks an empty one as no data", () => {
    expect(buildMeasure(3, 4, { exact: true, areaName: "England" }).percentage).toBe(75);
    expect(buildMeasure(0, 0, { exact: true, areaName: "England" })).toMatchObject({ status: "NO_DATA", symbol: "x" });
  });
});
