import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { adjust, bandOf, expectedOf, fitLogistic, funnelLimits, type GroupedRow, overdispersion, solveSymmetric, zWithRandomEffect } from "./casemix.ts";
import { Z_95, Z_998 } from "./statistics.ts";

// Every number of the case-mix statistics against an independent computation: statsmodels' GLM
// and numpy on a fixed fixture (casemix.fixture.py wrote casemix.fixture.json), to 1e-6.
const fixture = JSON.parse(readFileSync(new URL("./casemix.fixture.json", import.meta.url), "utf8")) as {
  levels: number[];
  england: { levels: number[]; positive: number; total: number }[];
  areas: { total: number[]; positive: number[] }[];
  expected: {
    coefficients: number[];
    deviance: number;
    p0: number;
    units: Record<string, number | string>[];
    phi: number;
    bounds: [number, number];
    tau2: number;
    z95: number;
    z998: number;
    limits: Record<string, number>[];
  };
};

/** The design row of a stratum: an intercept, then each characteristic's levels after its first. */
const design = (levels: number[]) => [1, ...levels.flatMap((value, i) => Array.from({ length: fixture.levels[i]! - 1 }, (_, k) => (value === k + 1 ? 1 : 0)))];
const rows: GroupedRow[] = fixture.england.map((s) => ({ x: design(s.levels), positive: s.positive, total: s.total }));
const close = (actual: number, expected: number, what: string) =>
  expect(Math.abs(actual - expected), `${what}: ${actual} against ${expected}`).toBeLessThan(1e-6);

describe("case-mix adjustment against statsmodels", () => {
  const fit = fitLogistic(rows);
  const want = fixture.expected;
  const p0 = fixture.england.reduce((s, r) => s + r.positive, 0) / fixture.england.reduce((s, r) => s + r.total, 0);
  const units = fixture.areas.map((area) => {
    const respondents = fixture.england.map((s, i) => ({ x: design(s.levels), total: area.total[i]! }));
    const observed = area.positive.reduce((a, b) => a + b, 0);
    return adjust(observed, expectedOf(fit, respondents), p0);
  });

  it("fits the logistic model: the same coefficients and deviance", () => {
    expect(fit.converged).toBe(true);
    expect(fit.coefficients).toHaveLength(want.coefficients.length);
    for (const [i, b] of fit.coefficients.entries()) close(b, want.coefficients[i]!, `coefficient ${i}`);
    close(fit.deviance, want.deviance, "deviance");
    close(p0, want.p0, "England's proportion");
  });

  it("gives each area the same expected count, variance, ratio, adjusted proportion and z-score", () => {
    units.forEach((u, i) => {
      const w = want.units[i]!;
      expect(u.observed).toBe(w.observed);
      for (const key of ["expected", "ratio", "adjusted", "s", "z"] as const) close(u[key], w[key] as number, `area ${i} ${key}`);
    });
  });

  it("estimates the same overdispersion (winsorised phi, the random effect) and bands each area alike", () => {
    const od = overdispersion(units);
    close(od.phi, want.phi, "phi");
    close(od.bounds[0], want.bounds[0], "the 10th percentile");
    close(od.bounds[1], want.bounds[1], "the 90th percentile");
    close(od.tau2, want.tau2, "tau²");
    expect(od.overdispersed).toBe(true);
    close(Z_95, want.z95, "z 95%");
    close(Z_998, want.z998, "z 99.8%");
    units.forEach((u, i) => {
      const z = zWithRandomEffect(u, p0, od.tau2);
      close(z, want.units[i]!.zWithRandomEffect as number, `area ${i} z with the random effect`);
      expect(bandOf(z), `area ${i}`).toBe(want.units[i]!.band);
    });
    for (const l of want.limits) {
      const mine = funnelLimits(p0, l.n!, od.tau2);
      for (const key of ["lower95", "upper95", "lower998", "upper998"] as const) close(mine[key], l[key]!, `limit ${key} at n = ${l.n}`);
    }
  });
});

describe("the statistics' edges", () => {
  it("solves a symmetric system and refuses a singular one", () => {
    expect(
      solveSymmetric(
        [
          [4, 2],
          [2, 3],
        ],
        [2, 1],
      )!.map((v) => Number(v.toFixed(12))),
    ).toEqual([0.5, 0]);
    expect(
      solveSymmetric(
        [
          [1, 1],
          [1, 1],
        ],
        [1, 1],
      ),
    ).toBeNull();
  });

  it("refuses a model it cannot fit: no answers, or a level no group has", () => {
    expect(() => fitLogistic([])).toThrow(/at least one group/);
    expect(() =>
      fitLogistic([
        { x: [1, 0], positive: 3, total: 10 },
        { x: [1, 0], positive: 5, total: 10 },
      ]),
    ).toThrow(/collinear/);
    // Separation: every answer at one level positive, so its coefficient runs off to infinity.
    expect(() =>
      fitLogistic([
        { x: [1, 0], positive: 5, total: 10 },
        { x: [1, 1], positive: 10, total: 10 },
      ]),
    ).toThrow(/all or none/);
  });

  it("says when it stopped before converging", () => {
    const two = [
      { x: [1, 0], positive: 5, total: 10 },
      { x: [1, 1], positive: 7, total: 10 },
    ];
    expect(fitLogistic(two, { maxIterations: 1 })).toMatchObject({ converged: false, iterations: 1 });
    // log(7/3) exactly, at convergence.
    expect(fitLogistic(two).coefficients[1]).toBeCloseTo(Math.log(7 / 3), 10);
  });

  it("calls dispersion within chance not overdispersed, with no random effect", () => {
    const od = overdispersion([
      { z: 0.5, s: 0.05 },
      { z: -0.4, s: 0.04 },
      { z: 0.1, s: 0.06 },
      { z: -1, s: 0.05 },
    ]);
    expect(od.overdispersed).toBe(false);
    expect(od.tau2).toBe(0);
    expect(overdispersion([{ z: 3, s: 0.1 }])).toMatchObject({ units: 1, phi: 1, tau2: 0 });
  });

  it("bands by the 95% and 99.8% limits, as the CQC's five", () => {
    expect([3.2, 2.5, 0, -2.5, -3.2].map(bandOf)).toEqual(["MUCH_BETTER", "BETTER", "ABOUT_AS_EXPECTED", "WORSE", "MUCH_WORSE"]);
  });
});
