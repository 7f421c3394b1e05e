import { describe, expect, it } from "vitest";
import { FIGURE_FIELDS } from "./columns.ts";
import { csvField, EXPORT_COLUMNS } from "./export.ts";

describe("figureExport columns", () => {
  it("are the published contract, in order: the open-data downloads' columns (issue 27: one vocabulary for one table)", () => {
    expect(EXPORT_COLUMNS).toEqual([
      "question_set",
      "version",
      "financial_year",
      "area_code",
      "area_name",
      "area_type",
      "parent_area_code",
      "question_code",
      "question_kind",
      "theme",
      "band",
      "numerator",
      "denominator",
      "percentage",
      "lower_ci_95",
      "upper_ci_95",
      "status",
      "symbol",
      "disclosure",
      "compared_with_england",
      "synthetic",
      "release",
    ]);
  });

  it("are read from the one definition the downloads read too", () => {
    expect(EXPORT_COLUMNS).toEqual(FIGURE_FIELDS.map((f) => f.name));
    expect(new Set(EXPORT_COLUMNS).size).toBe(EXPORT_COLUMNS.length);
  });
});

describe("csvField", () => {
  it("quotes a field only when it holds a comma, a quote or a line break, doubling quotes", () => {
    expect(csvField("Hartlepool")).toBe("Hartlepool");
    expect(csvField(12.5)).toBe("12.5");
    expect(csvField(true)).toBe("true");
    expect(csvField(null)).toBe("");
    expect(csvField("Bristol, City of")).toBe('"Bristol, City of"');
    expect(csvField('the "best" year')).toBe('"the ""best"" year"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("carriage\rreturn")).toBe('"carriage\rreturn"');
  });
});
