import { describe, expect, it } from "vitest";
import { financialYearLabel, financialYearOf } from "./index.ts";

describe("financial years (April to March)", () => {
  it.each([
    ["2024-04-01", 2024],
    ["2024-03-31", 2023],
    ["2025-01-15", 2024],
    ["2023-12-31", 2023],
  ])("%s falls in the year starting %i", (date, year) => expect(financialYearOf(date)).toBe(year));

  it("labels a year as POET reports it", () => {
    expect(financialYearLabel(2023)).toBe("2023-24");
    expect(financialYearLabel(2099)).toBe("2099-00");
  });

  it("rejects a date that is not ISO", () => expect(() => financialYearOf("31/03/2024")).toThrow(RangeError));
});
