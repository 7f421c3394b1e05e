import { describe, expect, it } from "vitest";
import type { Measure } from "./measure.ts";
import { compareViews, overallAgreement, type TriangulationView } from "./triangulation.ts";

const view = (percentage: number | null, lower = 0, upper = 0): TriangulationView =>
  ({
    versions: [1],
    measure: {
      percentage,
      confidenceInterval: percentage === null ? null : { lower, upper, level: 0.95, method: "WILSON" },
    } as Measure,
  }) as TriangulationView;

describe("triangulation", () => {
  it("says two views agree when their intervals overlap, touching included, and disagree when they do not", () => {
    expect(compareViews(view(60, 50, 70), view(65, 55, 75))).toMatchObject({ agreement: "AGREE", difference: -5 });
    expect(compareViews(view(60, 50, 70), view(80, 70, 90))).toMatchObject({ agreement: "AGREE", difference: -20 });
    expect(compareViews(view(80, 70, 90), view(60, 50, 70))).toMatchObject({ agreement: "AGREE", difference: 20 });
    expect(compareViews(view(40, 30, 49.9), view(60, 50, 70))).toMatchObject({ agreement: "DISAGREE", difference: -20 });
    expect(compareViews(view(60, 50, 70), view(40, 30, 49.9))).toMatchObject({ agreement: "DISAGREE", difference: 20 });
  });

  it("compares nothing when either view is unpublished", () => {
    expect(compareViews(view(null), view(60, 50, 70))).toMatchObject({ agreement: "NOT_COMPARED", difference: null });
    expect(compareViews(view(60, 50, 70), view(null))).toMatchObject({ agreement: "NOT_COMPARED", difference: null });
  });

  it("disagrees overall when any compared pair does, agrees when all compared pairs do", () => {
    expect(overallAgreement([])).toBe("NOT_COMPARED");
    expect(overallAgreement([{ agreement: "NOT_COMPARED" }])).toBe("NOT_COMPARED");
    expect(overallAgreement([{ agreement: "NOT_COMPARED" }, { agreement: "AGREE" }])).toBe("AGREE");
    expect(overallAgreement([{ agreement: "AGREE" }, { agreement: "DISAGREE" }, { agreement: "NOT_COMPARED" }])).toBe("DISAGREE");
    expect(overallAgreement([{ agreement: "DISAGREE" }, { agreement: "AGREE" }])).toBe("DISAGREE");
  });
});
