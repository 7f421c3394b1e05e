import { describe, expect, it } from "vitest";
import { useDemoApi } from "../testing/fixtures.ts";
import { systemScope } from "../testing/keys.ts";
import { trueResponseCounts } from "../testing/truth.ts";
import { financialYearLabel } from "../time/index.ts";
import { addCells, type Cell, EMPTY_CELL, publishCount } from "./disclosure.ts";
import { versionEligibility } from "./eligibility.ts";
import { figureSource } from "./source.ts";

const demo = useDemoApi();
const sum = (cells: Cell[]) => cells.reduce(addCells, EMPTY_CELL);

interface Entry {
  area: { code: string };
  questionSet: { code: string };
  responses: number;
  reportEligible: boolean;
  years: { financialYear: string; responses: number; versions: number[] }[];
}

describe("coverage", () => {
  it.each(["LOCAL_AUTHORITY", "ICB", "REGION", "NATION"])("lists for %s exactly what the stored responses give, published", async (areaType) => {
    const truth = await trueResponseCounts(demo.database.db, areaType);
    const national = await trueResponseCounts(demo.database.db, "NATION");
    const expected: Entry[] = [];
    for (const [area, code] of [...new Set(truth.map((t) => `${t.area}|${t.code}`))].map((k) => k.split("|") as [string, string])) {
      const mine = truth.filter((t) => t.area === area && t.code === code);
      const responses = publishCount(sum(mine.map((t) => t.cell)), false);
      if (responses === null) continue;
      const years = [...new Set(mine.map((t) => t.year))].sort().flatMap((year) => {
        const inYear = mine.filter((t) => t.year === year);
        const count = publishCount(sum(inYear.map((t) => t.cell)), false);
        if (count === null) return [];
        // The versions answered that year in England, whatever this area's counts of each.
        const versions = [...new Set(national.filter((t) => t.code === code && t.year === year).map((t) => t.version))].sort();
        return [{ financialYear: financialYearLabel(year), responses: count, versions }];
      });
      expected.push({ area: { code: area }, questionSet: { code }, responses, reportEligible: responses > 100, years });
    }
    const { coverage } = await demo.api.data(
      `query ($t: AreaType) { coverage(areaType: $t) { area { code } questionSet { code } responses reportEligible years { financialYear responses versions } } }`,
      { t: areaType },
    );
    const key = (e: Entry) => `${e.area.code}|${e.questionSet.code}`;
    expect([...coverage].sort((a: Entry, b: Entry) => key(a).localeCompare(key(b)))).toEqual(expected.sort((a, b) => key(a).localeCompare(key(b))));
    expect(coverage.length).toBeGreaterThan(0);
    // Some entry has a year too thin to list, or a version too thin to name: the filters are exercised.
    if (areaType === "LOCAL_AUTHORITY") {
      expect(coverage.some((e: Entry) => e.years.length < 4)).toBe(true);
      expect(coverage.some((e: Entry) => e.reportEligible) && coverage.some((e: Entry) => !e.reportEligible)).toBe(true);
    }
  });

  it("answers each instrument where it is collected unless given an area type: PHB in ICBs, the others in councils", async () => {
    const q = `query ($s: QuestionSetCode, $t: AreaType) { coverage(questionSet: $s, areaType: $t) { area { code type } questionSet { code } responses } }`;
    const phb = (await demo.api.data(q, { s: "PHB" })).coverage;
    expect(phb.length).toBeGreaterThan(0);
    expect(new Set(phb.map((e: { area: { type: string } }) => e.area.type))).toEqual(new Set(["ICB"]));
    expect(phb).toEqual((await demo.api.data(q, { s: "PHB", t: "ICB" })).coverage);
    expect((await demo.api.data(q, { s: "PHB", t: "LOCAL_AUTHORITY" })).coverage).toEqual([]);
    const every = (await demo.api.data(q, {})).coverage;
    const councils = (await demo.api.data(q, { t: "LOCAL_AUTHORITY" })).coverage;
    expect(every).toEqual([...councils, ...phb]);
  });

  it("narrows to one instrument", async () => {
    const { coverage } = await demo.api.data(`{ coverage(questionSet: CARER) { questionSet { code } } }`);
    expect(new Set(coverage.map((e: Entry) => e.questionSet.code))).toEqual(new Set(["CARER"]));
  });
});

describe("versionEligibility", () => {
  it("gives each version's published responses over the years it was answered, newest first, England's rounded like every count", async () => {
    const db = demo.database.db;
    const source = await figureSource(systemScope(db), null);
    const ref = source.ref;
    const areas = ["E92000001", "E10000024", "E08000025", "E54000029"].map((code) => ref.areas.get(code)!);
    const got = await versionEligibility(systemScope(db), areas, source);
    for (const area of areas) {
      const truth = await trueResponseCounts(db, area.type);
      const mine = truth.filter((t) => t.area === area.code);
      const expected = [...ref.questionSets]
        .sort((a, b) => b.version - a.version)
        .filter((s) => mine.some((t) => t.code === s.code && t.version === s.version))
        .map((s) => {
          const years = truth.filter((t) => t.code === s.code && t.version === s.version).map((t) => t.year);
          const responses = publishCount(sum(mine.filter((t) => t.code === s.code && t.version === s.version).map((t) => t.cell)), false);
          return {
            code: s.code,
            version: s.version,
            period: { from: Math.min(...years), to: Math.max(...years) },
            responses,
            eligible: (responses ?? 0) > 100,
          };
        });
      expect(
        got
          .get(area.code)!
          .map((v) => ({ code: v.questionSet.code, version: v.questionSet.version, period: v.period, responses: v.responses, eligible: v.eligible })),
      ).toEqual(expected);
    }
  });
});
