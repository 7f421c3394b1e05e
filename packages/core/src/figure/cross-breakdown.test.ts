import { describe, expect, it } from "vitest";
import type { AreaRow } from "../area/area.sql.ts";
import { assertCrossBreakdownAllowed } from "./cross-breakdown.ts";

const area = (type: AreaRow["type"]) => ({ code: "E00000000", name: "Somewhere", type }) as AreaRow;
const refusal = (f: () => void) => {
  try {
    f();
  } catch (error) {
    const e = error as { code: string; message: string; details: unknown };
    return { code: e.code, message: e.message, details: e.details };
  }
  return null;
};

describe("assertCrossBreakdownAllowed", () => {
  it("opens England's two-way breakdowns to all, and regions' (council and NHS) to researchers", () => {
    for (const access of ["PUBLIC", "RESEARCHER"] as const) expect(refusal(() => assertCrossBreakdownAllowed(access, area("NATION")))).toBeNull();
    for (const type of ["REGION", "NHS_REGION"] as const) expect(refusal(() => assertCrossBreakdownAllowed("RESEARCHER", area(type)))).toBeNull();
  });

  it("refuses a region to anyone else, and any smaller area to everyone, saying why", () => {
    for (const type of ["REGION", "NHS_REGION"] as const)
      expect(refusal(() => assertCrossBreakdownAllowed("PUBLIC", area(type)))).toEqual({
        code: "FORBIDDEN",
        message: "Two-way breakdowns for a region need researcher access (an API key of a research organisation); England's are open to all",
        details: { argument: "area" },
      });
    for (const type of ["LOCAL_AUTHORITY", "ICB"] as const)
      for (const access of ["PUBLIC", "RESEARCHER"] as const)
        expect(refusal(() => assertCrossBreakdownAllowed(access, area(type)))).toEqual({
          code: "BAD_USER_INPUT",
          message: "Two-way breakdowns are published for England and regions only",
          details: { argument: "area" },
        });
  });
});
