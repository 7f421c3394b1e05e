import { describe, expect, it } from "vitest";
import { EXPORT_COLUMNS } from "./export.ts";

describe("figureExport columns", () => {
  it("are the published contract, in order", () => {
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
    ]);
  });
});
