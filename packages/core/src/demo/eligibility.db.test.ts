import { inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { areas } from "../area/area.sql.ts";
import { queryRows } from "../db/types.ts";
import { reportEligibility } from "../figure/eligibility.ts";
import { useDemoApi } from "../testing/fixtures.ts";
import { systemScope } from "../testing/keys.ts";

// POET's members had 85 local reports: the demo data set must give about as many, over every year.
const demo = useDemoApi();

describe("the demo data's local reports", () => {
  it("are about as many as POET's members had, at least three of each instrument, from a few members at scale", async () => {
    const scope = systemScope(demo.database.db);
    // The areas that collect: councils, and ICBs for personal health budgets.
    const leaves = await demo.database.db
      .select({ code: areas.code, type: areas.type })
      .from(areas)
      .where(inArray(areas.type, ["LOCAL_AUTHORITY", "ICB"]));
    expect(leaves.length).toBeGreaterThan(190);
    const eligible = new Map<string, string[]>();
    for (const area of leaves) {
      const result = await reportEligibility(scope, { area: area.code });
      expect(result.threshold).toBe(100);
      for (const instrument of result.instruments) {
        const code = instrument.questionSet.code;
        expect(instrument.eligible, `${area.code} ${code}`).toBe((instrument.responses ?? 0) > 100);
        if (!instrument.eligible) continue;
        expect(area.type, `${area.code} ${code}`).toBe(code === "PHB" ? "ICB" : "LOCAL_AUTHORITY");
        eligible.set(code, [...(eligible.get(code) ?? []), area.code]);
      }
    }
    const counts = Object.fromEntries([...eligible].map(([code, codes]) => [code, codes.length]));
    const total = [...eligible.values()].reduce((n, codes) => n + codes.length, 0);
    expect(total, JSON.stringify(counts)).toBeGreaterThanOrEqual(80);
    expect(total, JSON.stringify(counts)).toBeLessThanOrEqual(90);
    for (const code of ["ADULT_PB", "CARER", "PHB", "CYP_EHCP", "PARENT_EHCP", "PRACTITIONER_EHCP"])
      expect(eligible.get(code)?.length ?? 0, code).toBeGreaterThanOrEqual(3);
    // Concentrated, as POET's membership was: most members that collect an instrument send too few for a report.
    const [collecting] = await queryRows<{ n: number }>(
      demo.database.db,
      sql`select count(distinct (r.area_code, s.code))::int as n from responses r join question_sets s on s.id = r.question_set_id`,
    );
    expect(total).toBeLessThan(collecting!.n / 3);
    // The council the README's benchmark and area profile name has a report of each.
    expect(eligible.get("ADULT_PB")).toContain("E10000024");
    expect(eligible.get("PARENT_EHCP")).toContain("E10000024");
  });
});
