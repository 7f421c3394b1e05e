import { describe, expect, it } from "vitest";
import { secondarySuppression } from "./breakdown.ts";
import { secondarySuppression2D } from "./cross-breakdown.ts";
import { EMPTY_BAND_CELLS } from "./cube.ts";
import type { BandCells } from "./disclosure.ts";
import { addCells, type Cell, cellKey, PERTURBATION_TABLE, publishCount, publishedCount } from "./disclosure.ts";
import { COUNTABLE_BANDS, type CountableBand, publishBand, SUPPRESSION_REASON, suppressedMeasure } from "./measure.ts";
import { wilsonInterval } from "./statistics.ts";

const cell = (count: number, keySum: number): Cell => ({ count, keySum });
const keys = Array.from({ length: 256 }, (_, k) => k);
const YES_NO: CountableBand[] = ["POSITIVE", "NEGATIVE"];
const subNational = { live: false, areaName: "Rutland", bands: YES_NO };
const england = { live: false, areaName: "England", bands: COUNTABLE_BANDS };
const live = { live: true, areaName: "Rutland", bands: COUNTABLE_BANDS };

/** A yes/no question's cells: n POSITIVE (key sum k) of d answers (key sum kd). */
const yesNo = (n: number, d: number, k = n * 7, kd = d * 13): BandCells => ({
  ...EMPTY_BAND_CELLS,
  POSITIVE: cell(n, k),
  NEGATIVE: cell(d - n, kd - k),
  answered: cell(d, kd),
});
/** A five-point question's cells by band counts (key sums fixed by the counts). */
const graded = (positive: number, neutral: number, negative: number): BandCells => ({
  POSITIVE: cell(positive, positive * 3),
  NEUTRAL: cell(neutral, neutral * 5),
  NEGATIVE: cell(negative, negative * 11),
  answered: cell(positive + neutral + negative, positive * 3 + neutral * 5 + negative * 11),
});
const status = (cells: BandCells, band: CountableBand, options = england) => publishBand(cells, band, options).status;

describe("the perturbation table", () => {
  it("suppresses every count under 10, zero included", () => {
    for (let count = 0; count < 10; count++) for (const k of keys) expect(publishedCount(cell(count, k))).toBeNull();
  });

  it("publishes multiples of 5 within 4 of the truth", () => {
    for (let count = 10; count < 200; count++) {
      for (const k of keys) {
        const published = publishedCount(cell(count, k))!;
        expect(published % 5).toBe(0);
        expect(Math.abs(published - count)).toBeLessThan(5);
      }
    }
  });

  it("rounds up for the first round(256·r/5) keys of residue r and down for the rest: unbiased", () => {
    // Zeros, not -0: a -0 would print as 0 but differ under Object.is wherever it travels.
    expect(PERTURBATION_TABLE[0]).toEqual(Array.from({ length: 256 }, () => 0));
    const boundaries = [
      [1, 51, 4, -1],
      [2, 102, 3, -2],
      [3, 154, 2, -3],
      [4, 205, 1, -4],
    ] as const;
    for (const [residue, upBelow, up, down] of boundaries) {
      const row = PERTURBATION_TABLE[residue]!;
      expect(row).toHaveLength(256);
      expect(row.filter((change) => change === up)).toHaveLength(upBelow);
      expect(row[upBelow - 1]).toBe(up);
      expect(row[upBelow]).toBe(down);
      expect(Math.abs(row.reduce((a, b) => a + b, 0) / 256)).toBeLessThan(0.01);
    }
  });

  it("adds cells as sets of records: counts and key sums", () => {
    expect(addCells(cell(3, 200), cell(4, 100))).toEqual({ count: 7, keySum: 300 });
  });

  it("keys a cell by its records' key sum modulo 256 and nothing else", () => {
    expect(cellKey(cell(23, 1000))).toBe(1000 % 256);
    expect(cellKey(cell(23, -1))).toBe(255);
    expect(cellKey(cell(23, 256))).toBe(0);
    expect(publishedCount(cell(23, 0))).toBe(25);
    expect(publishedCount(cell(23, 153))).toBe(25);
    expect(publishedCount(cell(23, 154))).toBe(20);
    expect(publishedCount(cell(23, 154 + 256))).toBe(20);
    expect(publishedCount(cell(10, 77))).toBe(10);
  });

  it("shows an organisation's own live counts as they are, and publishes every other count by the cell key", () => {
    expect(publishCount(cell(0, 0), true)).toBe(0);
    expect(publishCount(cell(9, 0), true)).toBe(9);
    expect(publishCount(cell(23, 154), true)).toBe(23);
    expect(publishCount(cell(23, 154), false)).toBe(20);
    expect(publishCount(cell(9, 0), false)).toBeNull();
  });
});

describe("a measure below England", () => {
  it("computes the percentage and interval from the published counts only", () => {
    const m = publishBand(yesNo(37, 92, 11, 200), "POSITIVE", subNational);
    const n = publishedCount(cell(37, 11))!;
    const d = publishedCount(cell(92, 200))!;
    expect([n, d]).toEqual([40, 90]);
    expect(m).toEqual({
      numerator: 40,
      denominator: 90,
      percentage: (100 * 40) / 90,
      confidenceInterval: { lower: 100 * wilsonInterval(40, 90).lower, upper: 100 * wilsonInterval(40, 90).upper, level: 0.95, method: "WILSON" },
      status: "AVAILABLE",
      symbol: null,
      reason: null,
      disclosure: "ROUNDED",
    });
  });

  it("needs 10 in the band and 10 outside it, and cannot tell a true zero from a few", () => {
    expect(status(yesNo(10, 20), "POSITIVE", subNational)).toBe("AVAILABLE");
    expect(status(yesNo(9, 20), "POSITIVE", subNational)).toBe("SUPPRESSED");
    expect(status(yesNo(11, 20), "POSITIVE", subNational)).toBe("SUPPRESSED");
    const zero = publishBand(yesNo(0, 50), "POSITIVE", subNational);
    for (let n = 1; n < 10; n++) expect(publishBand(yesNo(n, 50), "POSITIVE", subNational)).toEqual(zero);
    for (let rest = 0; rest < 10; rest++) expect(publishBand(yesNo(50 - rest, 50), "POSITIVE", subNational)).toEqual(zero);
    expect(zero).toEqual({
      status: "SUPPRESSED",
      symbol: "c",
      numerator: null,
      denominator: null,
      percentage: null,
      confidenceInterval: null,
      reason: SUPPRESSION_REASON,
      disclosure: "ROUNDED",
    });
    expect(SUPPRESSION_REASON).toBe("Too few answers to publish without risk of identifying someone (fewer than 10 in the band or outside it).");
    expect(suppressedMeasure()).toEqual(zero);
  });

  it("never shows 0% or 100%: the published numerator stays strictly inside the denominator", () => {
    for (let d = 20; d < 80; d++) {
      for (let n = 10; n <= d - 10; n++) {
        const m = publishBand(yesNo(n, d), "POSITIVE", subNational);
        expect(m.numerator!).toBeGreaterThan(0);
        expect(m.numerator!).toBeLessThan(m.denominator!);
      }
    }
  });

  it("says NO_DATA only when nobody answered", () => {
    expect(publishBand(EMPTY_BAND_CELLS, "POSITIVE", subNational)).toMatchObject({
      status: "NO_DATA",
      symbol: "x",
      disclosure: "ROUNDED",
      reason: "No answers to this question in Rutland for this period.",
    });
    expect(publishBand(EMPTY_BAND_CELLS, "POSITIVE", live)).toMatchObject({ status: "NO_DATA", disclosure: "EXACT" });
  });
});

describe("England's figures", () => {
  it("are published as every area's: cell-key counts, under the same minimum", () => {
    const cells = graded(100, 50, 31);
    const m = publishBand(cells, "NEGATIVE", england);
    expect(m).toMatchObject({ numerator: publishedCount(cells.NEGATIVE), denominator: publishedCount(cells.answered), disclosure: "ROUNDED" });
    expect(m.numerator! % 5).toBe(0);
    const paidWork = graded(2, 32, 0);
    for (const band of COUNTABLE_BANDS) expect(status(paidWork, band)).toBe("SUPPRESSED");
    expect(status(graded(100, 50, 5), "POSITIVE")).toBe("AVAILABLE");
  });
});

describe("live figures", () => {
  it("are an organisation's own true counts, however small, with their interval", () => {
    expect(publishBand(graded(3, 1, 0), "POSITIVE", live)).toMatchObject({
      numerator: 3,
      denominator: 4,
      percentage: 75,
      status: "AVAILABLE",
      disclosure: "EXACT",
    });
    expect(publishBand(graded(0, 2, 0), "POSITIVE", live)).toMatchObject({ numerator: 0, denominator: 2, percentage: 0, status: "AVAILABLE" });
    expect(publishBand(graded(23, 0, 0), "POSITIVE", live).confidenceInterval!.upper).toBe(100);
  });
});

describe("a breakdown category", () => {
  const region = { bands: COUNTABLE_BANDS, areaName: "the North West", live: false };

  it("is shown for a band when the band and the rest hold 10 of its answers", () => {
    expect(publishBand(graded(40, 20, 9), "POSITIVE", region)).toMatchObject({ status: "AVAILABLE", disclosure: "ROUNDED" });
    expect(publishBand(graded(40, 20, 9), "NEGATIVE", region).status).toBe("SUPPRESSED");
    expect(publishBand(EMPTY_BAND_CELLS, "POSITIVE", region)).toMatchObject({
      status: "NO_DATA",
      reason: "No answers to this question in the North West for this period.",
    });
  });
});

describe("secondary suppression", () => {
  const category = (n: number, d: number) => ({ size: d, measure: publishBand(yesNo(n, d), "POSITIVE", subNational) });
  const statuses = (cs: { measure: { status: string } }[]) => cs.map((c) => c.measure.status);

  it("hides a second category when exactly one is hidden: the smallest published one", () => {
    expect(statuses(secondarySuppression([category(30, 80), category(2, 5), category(20, 45), category(40, 90)]))).toEqual([
      "AVAILABLE",
      "SUPPRESSED",
      "SUPPRESSED",
      "AVAILABLE",
    ]);
    expect(statuses(secondarySuppression([category(20, 45), category(2, 5), category(30, 80), category(40, 90)]))).toEqual([
      "SUPPRESSED",
      "SUPPRESSED",
      "AVAILABLE",
      "AVAILABLE",
    ]);
  });

  it("hides the first of equally small categories, so every band's breakdown hides the same", () => {
    expect(statuses(secondarySuppression([category(30, 80), category(2, 5), category(20, 45), category(25, 45)]))).toEqual([
      "AVAILABLE",
      "SUPPRESSED",
      "SUPPRESSED",
      "AVAILABLE",
    ]);
  });

  it("treats an empty category as a small one", () => {
    const result = secondarySuppression([category(30, 80), { size: 0, measure: publishBand(EMPTY_BAND_CELLS, "POSITIVE", subNational) }, category(20, 45)]);
    expect(statuses(result)).toEqual(["AVAILABLE", "SUPPRESSED", "SUPPRESSED"]);
    expect(result[1]!.measure.symbol).toBe("c");
  });

  it("leaves a breakdown alone when nothing, or already two, are hidden, or nothing is shown", () => {
    expect(statuses(secondarySuppression([category(30, 80), category(20, 45)]))).toEqual(["AVAILABLE", "AVAILABLE"]);
    expect(statuses(secondarySuppression([category(1, 3), category(2, 5), category(20, 45)]))).toEqual(["SUPPRESSED", "SUPPRESSED", "AVAILABLE"]);
    expect(statuses(secondarySuppression([category(1, 3)]))).toEqual(["SUPPRESSED"]);
  });
});

describe("two-way secondary suppression", () => {
  const at = (row: number, column: number, n: number, d: number) => ({ row, column, size: d, measure: publishBand(yesNo(n, d), "POSITIVE", subNational) });
  const hidden = (cells: ReturnType<typeof at>[]) => cells.filter((c) => c.measure.status !== "AVAILABLE").map((c) => `${c.row}${c.column}`);

  it("hides the smallest cell of each row and column left with one hidden cell, until none is", () => {
    const table = [
      at(0, 0, 30, 80),
      at(0, 1, 2, 5),
      at(0, 2, 25, 60),
      at(1, 0, 40, 90),
      at(1, 1, 20, 50),
      at(1, 2, 35, 70),
      at(2, 0, 15, 40),
      at(2, 1, 22, 55),
      at(2, 2, 18, 45),
    ];
    // Rows first: row 0 hides (0,2). Columns: column 1 hides (1,1), column 2 (2,2). Rows again:
    // row 1 hides (1,2), row 2 (2,0). Columns again: column 0 hides (0,0). Then every line is settled.
    expect(hidden(secondarySuppression2D(table)).sort()).toEqual(["00", "01", "02", "11", "12", "20", "22"]);
  });

  it("leaves a table with no lone hidden cell as it is", () => {
    const table = [at(0, 0, 30, 80), at(0, 1, 25, 60), at(1, 0, 40, 90), at(1, 1, 20, 50)];
    expect(hidden(secondarySuppression2D(table))).toEqual([]);
  });

  it("leaves a line with nothing shown alone, and hides the first of equally small cells", () => {
    // One column: each row is a line of one cell, and a hidden one has nothing beside it to hide.
    expect(hidden(secondarySuppression2D([at(0, 0, 2, 5), at(1, 0, 30, 80), at(2, 0, 40, 90)]))).toEqual(["00", "10"]);
    // Row 0: (0,1) and (0,2) are equally small; the first goes, and column 1 then needs a second.
    const tie = [at(0, 0, 2, 5), at(0, 1, 20, 50), at(0, 2, 20, 50), at(1, 0, 30, 80), at(1, 1, 30, 70), at(1, 2, 25, 60)];
    expect(hidden(secondarySuppression2D(tie)).sort()).toEqual(["00", "01", "10", "11"]);
  });

  it("counts an empty cell as hidden", () => {
    const empty = { row: 0, column: 1, size: 0, measure: publishBand(EMPTY_BAND_CELLS, "POSITIVE", subNational) };
    expect(empty.measure.status).toBe("NO_DATA");
    const result = secondarySuppression2D([at(0, 0, 30, 80), empty, at(1, 0, 40, 90), at(1, 1, 20, 50)]);
    expect(result.map((c) => c.measure.status)).toEqual(["SUPPRESSED", "SUPPRESSED", "SUPPRESSED", "SUPPRESSED"]);
  });
});
