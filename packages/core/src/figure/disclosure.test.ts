import { describe, expect, it } from "vitest";
import { secondarySuppression } from "./breakdown.ts";
import { secondarySuppression2D } from "./cross-breakdown.ts";
import { cellKey, EMPTY_CELL, PERTURBATION_TABLE, publishedCount, type Cell } from "./disclosure.ts";
import { publishMeasure, SUPPRESSION_REASON } from "./measure.ts";
import { wilsonInterval } from "./statistics.ts";

const cell = (count: number, keySum: number): Cell => ({ count, keySum });
const keys = Array.from({ length: 256 }, (_, k) => k);
const subNational = { exact: false, areaName: "Rutland" };

describe("the perturbation table", () => {
  it("suppresses every count under 10, zero included", () => {
    for (let count = 0; count < 10; count++) for (const k of keys) expect(publishedCount(cell(count, k))).toBeNull();
  });

  it("publishes multiples of 5 within 4 of the truth, never below 10's rounding", () => {
    for (let count = 10; count < 200; count++) {
      for (const k of keys) {
        const published = publishedCount(cell(count, k))!;
        expect(published % 5).toBe(0);
        expect(Math.abs(published - count)).toBeLessThan(5);
      }
    }
  });

  it("rounds without bias: over all cell keys each row averages to (almost) nothing", () => {
    for (const row of PERTURBATION_TABLE) expect(Math.abs(row.reduce((a, b) => a + b, 0) / 256)).toBeLessThan(0.01);
  });

  it("gives the same records the same count every time, and reads the key modulo 256", () => {
    expect(publishedCount(cell(23, 1000))).toBe(publishedCount(cell(23, 1000)));
    expect(cellKey(cell(23, 1000))).toBe(1000 % 256);
    expect(publishedCount(cell(23, 1000))).toBe(publishedCount(cell(23, 1000 % 256)));
  });

  it("salts the key with the population, so one response more re-draws every cell", () => {
    const drawn = new Set(keys.map((k) => publishedCount(cell(23, 40), cell(0, k))));
    expect(drawn).toEqual(new Set([20, 25]));
  });
});

describe("publishMeasure below England", () => {
  it("computes the percentage and interval from the published counts only", () => {
    const m = publishMeasure(cell(37, 11), cell(92, 200), subNational);
    const n = publishedCount(cell(37, 11))!;
    const d = publishedCount(cell(92, 200))!;
    expect(m).toMatchObject({ numerator: n, denominator: d, status: "AVAILABLE", disclosure: "ROUNDED" });
    expect(m.percentage).toBe((100 * n) / d);
    const ci = wilsonInterval(n, d);
    expect(m.confidenceInterval).toMatchObject({ lower: 100 * ci.lower, upper: 100 * ci.upper });
  });

  it("cannot tell a true zero from a small count, nor 100% from nearly 100%", () => {
    const shown = (n: number, d: number) => publishMeasure(cell(n, 7), cell(d, 99), subNational);
    const zero = shown(0, 50);
    for (let n = 1; n < 10; n++) expect(shown(n, 50)).toEqual(zero);
    for (let rest = 0; rest < 10; rest++) expect(shown(50 - rest, 50)).toEqual(zero);
    expect(zero).toMatchObject({ status: "SUPPRESSED", symbol: "c", numerator: null, denominator: null, percentage: null, confidenceInterval: null, reason: SUPPRESSION_REASON });
  });

  it("never shows 0% or 100%, and the published numerator stays below the denominator", () => {
    for (let d = 20; d < 80; d++) {
      for (let n = 10; n <= d - 10; n++) {
        const m = publishMeasure(cell(n, n * 7), cell(d, d * 13), subNational);
        expect(m.numerator!).toBeGreaterThan(0);
        expect(m.numerator!).toBeLessThan(m.denominator!);
      }
    }
  });

  it("gives identical answers for different true counts that publish the same counts: they cannot be recovered", () => {
    const a = publishMeasure(cell(23, 0), cell(61, 0), subNational);
    const twin = keys.map((k) => publishMeasure(cell(22, k), cell(61, 0), subNational)).find((m) => m.numerator === a.numerator)!;
    expect(twin).toEqual(a);
  });

  it("publishes England's headline exactly", () => {
    expect(publishMeasure(cell(3, 1), cell(4, 1), { exact: true, areaName: "England" })).toMatchObject({ numerator: 3, denominator: 4, percentage: 75, disclosure: "EXACT" });
    expect(publishMeasure(EMPTY_CELL, EMPTY_CELL, { exact: true, areaName: "England" })).toMatchObject({ status: "NO_DATA", symbol: "x" });
  });
});

describe("secondary suppression", () => {
  const category = (n: number, d: number, k: number) => ({ size: d, measure: publishMeasure(cell(n, k), cell(d, k * 3), subNational) });

  it("hides a second category when exactly one is hidden, the smallest published one", () => {
    const result = secondarySuppression([category(30, 80, 1), category(2, 5, 2), category(20, 45, 3), category(40, 90, 4)]);
    expect(result.map((c) => c.measure.status)).toEqual(["AVAILABLE", "SUPPRESSED", "SUPPRESSED", "AVAILABLE"]);
  });

  it("treats an empty category as a small one", () => {
    const result = secondarySuppression([category(30, 80, 1), category(0, 0, 0), category(20, 45, 3)]);
    expect(result.map((c) => c.measure.status)).toEqual(["AVAILABLE", "SUPPRESSED", "SUPPRESSED"]);
    expect(result[1]!.measure.symbol).toBe("c");
  });

  it("leaves a breakdown alone when nothing, or already two, are hidden", () => {
    expect(secondarySuppression([category(30, 80, 1), category(20, 45, 3)]).map((c) => c.measure.status)).toEqual(["AVAILABLE", "AVAILABLE"]);
    expect(secondarySuppression([category(1, 3, 1), category(2, 5, 3), category(20, 45, 2)]).map((c) => c.measure.status)).toEqual(["SUPPRESSED", "SUPPRESSED", "AVAILABLE"]);
  });
});

describe("two-way secondary suppression", () => {
  const at = (row: number, column: number, n: number, d: number) => ({ row, column, size: d, measure: publishMeasure(cell(n, row * 7 + column), cell(d, row + column * 11), subNational) });
  const hiddenIn = (cells: ReturnType<typeof at>[], axis: "row" | "column", line: number) => cells.filter((c) => c[axis] === line && c.measure.status !== "AVAILABLE").length;

  it("leaves no row and no column with exactly one hidden cell", () => {
    const table = [at(0, 0, 30, 80), at(0, 1, 2, 5), at(0, 2, 25, 60), at(1, 0, 40, 90), at(1, 1, 20, 50), at(1, 2, 35, 70), at(2, 0, 15, 40), at(2, 1, 22, 55), at(2, 2, 18, 45)];
    const result = secondarySuppression2D(table);
    for (const axis of ["row", "column"] as const) for (const line of [0, 1, 2]) expect([0, 2, 3]).toContain(hiddenIn(result, axis, line));
    expect(result.filter((c) => c.measure.status !== "AVAILABLE").length).toBeGreaterThanOrEqual(4);
  });
});
