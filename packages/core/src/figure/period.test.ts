import { describe, expect, it } from "vitest";
import { assertBreakdownAllowed } from "./access.ts";
import { parseFinancialYear, periodLabel, periodYears, resolvePeriod } from "./period.ts";

const error = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    const { code, message, details } = e as { code: string; message: string; details: unknown };
    return { code, message, details };
  }
  return null;
};

describe("financial years and periods", () => {
  it("reads a financial year as POET writes it, and nothing else", () => {
    expect(parseFinancialYear("2023-24", "period.from")).toBe(2023);
    expect(parseFinancialYear("1999-00", "period.from")).toBe(1999);
    for (const bad of ["2023-25", "2023/24", "23-24", "2023-2024", "2023-24 ", "FY2023-24", "x"])
      expect(
        error(() => parseFinancialYear(bad, "period.to")),
        bad,
      ).toEqual({
        code: "BAD_USER_INPUT",
        message: `"${bad}" is not a financial year: write it as POET does, e.g. "2023-24"`,
        details: { argument: "period.to" },
      });
  });

  it("takes the period asked for, one year when it has no end, and every year with data when none is asked", () => {
    expect(resolvePeriod({ from: "2023-24", to: "2025-26" }, [])).toEqual({ from: 2023, to: 2025 });
    expect(resolvePeriod({ from: "2024-25", to: null }, [2022])).toEqual({ from: 2024, to: 2024 });
    expect(resolvePeriod({ from: "2024-25", to: "2024-25" }, [])).toEqual({ from: 2024, to: 2024 });
    expect(resolvePeriod(null, [2024, 2022, 2023])).toEqual({ from: 2022, to: 2024 });
    expect(resolvePeriod(undefined, [])).toBeNull();
    expect(error(() => resolvePeriod({ from: "2025-26", to: "2023-24" }, []))).toEqual({
      code: "BAD_USER_INPUT",
      message: "The period ends (2023-24) before it starts (2025-26)",
      details: { argument: "period.to" },
    });
    expect(error(() => resolvePeriod({ from: "2025-27" }, []))?.details).toEqual({ argument: "period.from" });
    expect(error(() => resolvePeriod({ from: "2024-25", to: "2025-27" }, []))?.details).toEqual({ argument: "period.to" });
  });

  it("labels a period and lists its years", () => {
    expect(periodLabel({ from: 2024, to: 2024 })).toBe("2024-25");
    expect(periodLabel({ from: 2022, to: 2025 })).toBe("2022-23 to 2025-26");
    expect(periodYears({ from: 2022, to: 2024 })).toEqual(["2022-23", "2023-24", "2024-25"]);
    expect(periodYears({ from: 2025, to: 2025 })).toEqual(["2025-26"]);
  });
});

describe("who may read breakdowns", () => {
  const area = (type: string) => ({ code: "E00000000", name: "Somewhere", type }) as Parameters<typeof assertBreakdownAllowed>[1];

  it("opens England and regions to all, and single councils and ICBs to researchers only", () => {
    for (const type of ["NATION", "REGION", "NHS_REGION"]) expect(error(() => assertBreakdownAllowed("PUBLIC", area(type), "Breakdowns"))).toBeNull();
    for (const type of ["LOCAL_AUTHORITY", "ICB"]) {
      expect(error(() => assertBreakdownAllowed("RESEARCHER", area(type), "Breakdowns"))).toBeNull();
      expect(error(() => assertBreakdownAllowed("PUBLIC", area(type), "Associations"))).toEqual({
        code: "FORBIDDEN",
        message: "Associations for a single council or ICB need researcher access (an API key of a research organisation); England and regions are open to all",
        details: { argument: "area" },
      });
    }
  });
});
