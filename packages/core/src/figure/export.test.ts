import { describe, expect, it } from "vitest";
import { csvField, EXPORT_COLUMNS } from "./export.ts";

describe("figureExport columns", () => {
  it("are the published contract, in order (the release added at the end, where no script reading by position breaks)", () => {
    expect(EXPORT_COLUMNS).toEqual([
      "question_set",
      "version",
      "period",
      "area_code",
      "area_name",
      "area_type",
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
      "synthetic",
      "release",
    ]);
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
