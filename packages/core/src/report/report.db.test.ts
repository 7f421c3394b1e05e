import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../db/types.ts";
import { publishedCount, SMALL_COUNT } from "../figure/disclosure.ts";
import { financialYearLabel } from "../response/index.ts";
import { useDemoApi } from "../testing/fixtures.ts";
import { systemScope, testCredential } from "../testing/keys.ts";
import { trueResponseCounts } from "../testing/truth.ts";
import { createReportHandler } from "./http.ts";
import { eligibleReports } from "./index.ts";

const demo = useDemoApi({ writes: true });

interface Entry {
  area: { code: string; type: string };
  questionSet: { code: string };
  responses: number;
  reportEligible: boolean;
  years: { financialYear: string; responses: number; versions: number[] }[];
}

let coverage: Entry[];
beforeAll(async () => {
  ({ coverage } = await demo.api.data(
    `{ coverage { area { code type } questionSet { code } responses reportEligible years { financialYear responses versions } } }`,
  ));
});

const REPORT = `query ($area: String!, $set: QuestionSetCode!, $period: PeriodInput) {
  localReport(area: $area, questionSet: $set, period: $period) { title eligible reason html slug versions period { from to label } }
}`;

/** The rows of the first table after a heading: [label, first number cell]. */
function tableRows(html: string, caption: string): [string, string][] {
  const start = html.indexOf(`<caption>${caption}`);
  expect(start, `a table captioned "${caption}"`).toBeGreaterThan(-1);
  const body = html.slice(start, html.indexOf("</table>", start));
  return [...body.matchAll(/<tr><th scope="row">([^<]*)<\/th><td class="num[^"]*">([^<]*)<\/td>/g)].map((m) => [m[1]!, m[2]!]);
}

describe("coverage", () => {
  it("lists councils' instruments with published counts, never one under 10, each the count reportEligibility gives", async () => {
    expect(coverage.length).toBeGreaterThan(50);
    expect(coverage.every((e) => e.area.type === "LOCAL_AUTHORITY")).toBe(true);
    for (const e of coverage) {
      expect(e.responses).toBeGreaterThanOrEqual(SMALL_COUNT);
      for (const y of e.years) expect(y.responses).toBeGreaterThanOrEqual(SMALL_COUNT);
      expect(e.reportEligible).toBe(e.responses > 100);
    }
    const sample = [coverage[0]!, coverage[Math.floor(coverage.length / 2)]!, coverage.at(-1)!];
    for (const e of sample) {
      const all = await demo.api.data(`{ reportEligibility(area: "${e.area.code}") { instruments { questionSet { code } responses eligible } } }`);
      const instrument = all.reportEligibility.instruments.find((i: { questionSet: { code: string } }) => i.questionSet.code === e.questionSet.code);
      expect(instrument.responses).toBe(e.responses);
      expect(instrument.eligible).toBe(e.reportEligible);
      for (const y of e.years) {
        const one = await demo.api.data(
          `{ reportEligibility(area: "${e.area.code}", period: { from: "${y.financialYear}" }) { instruments { questionSet { code } responses } } }`,
        );
        expect(one.reportEligibility.instruments.find((i: { questionSet: { code: string } }) => i.questionSet.code === e.questionSet.code).responses).toBe(
          y.responses,
        );
      }
    }
  });

  it("narrows to one instrument and one area type; England's count is exact", async () => {
    const { coverage: england } = await demo.api.data(
      `{ coverage(questionSet: CARER, areaType: NATION) { area { code } questionSet { code } responses years { financialYear responses } } }`,
    );
    expect(england).toHaveLength(1);
    const [stored] = await queryRows<{ n: number; y: number }>(
      demo.database.db,
      sql`select count(*)::int as n, count(distinct r.financial_year)::int as y from responses r join question_sets s on s.id = r.question_set_id where s.code = 'CARER' and r.choices is not null`,
    );
    expect(england[0].responses).toBe(stored!.n);
    expect(england[0].years).toHaveLength(stored!.y);
    const { coverage: regions } = await demo.api.data(`{ coverage(areaType: REGION) { area { type } } }`);
    expect(regions.length).toBeGreaterThanOrEqual(9 * 4);
  });
});

describe("localReport", () => {
  it("draws an eligible area's report from the API's own figures", async () => {
    const entry = coverage.find((e) => e.reportEligible && e.questionSet.code === "ADULT_PB")!;
    expect(entry).toBeDefined();
    const { localReport } = await demo.api.data(REPORT, { area: entry.area.code, set: "ADULT_PB" });
    expect(localReport.eligible).toBe(true);
    expect(localReport.reason).toBeNull();
    expect(localReport.slug).toMatch(new RegExp(`^${entry.area.code}-adult_pb-\\d{4}-\\d{2}`));
    const html: string = localReport.html;
    expect(html).toContain("<!doctype html>");
    expect(html).toContain("SYNTHETIC DEMO DATA");
    // Self-contained: nothing to fetch, nothing to run.
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|(src|href)="/i);
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(2);
    // The outcomes table holds exactly the percentages areaProfile publishes for the same period and version.
    const { areaProfile } = await demo.api.data(
      `query ($area: String!, $period: PeriodInput, $version: Int) { areaProfile(questionSet: ADULT_PB, area: $area, period: $period, version: $version) {
        items { question { kind shortText } value { percentage status symbol } } } }`,
      {
        area: entry.area.code,
        period: { from: localReport.period.from, to: localReport.period.to },
        version: localReport.versions.length === 1 ? localReport.versions[0] : null,
      },
    );
    const outcomes = areaProfile.items.filter((i: { question: { kind: string } }) => i.question.kind === "OUTCOME");
    const rows = tableRows(html, "Outcomes in");
    expect(rows).toHaveLength(outcomes.length);
    rows.forEach(([label, cell], i) => {
      const item = outcomes[i];
      expect(label.toLowerCase()).toBe(item.question.shortText.toLowerCase());
      expect(cell).toBe(item.value.status === "AVAILABLE" ? `${item.value.percentage.toFixed(1)}%` : item.value.symbol);
    });
    expect(rows.filter(([, cell]) => cell.endsWith("%")).length).toBeGreaterThan(0);
  });

  it("draws the same trends whether a period is asked for or chosen, and says when it reads one version of several", async () => {
    const chosen = (await demo.api.data(REPORT, { area: "E10000024", set: "ADULT_PB" })).localReport;
    expect(chosen.html).toContain('id="s-trend"');
    const asked = (await demo.api.data(REPORT, { area: "E10000024", set: "ADULT_PB", period: { from: chosen.period.from, to: chosen.period.to } })).localReport;
    expect(asked.versions).toEqual(chosen.versions);
    expect(asked.html).toContain('id="s-trend"');
    expect(chosen.html).toContain("this report reads one version");
    expect(asked.html).not.toContain("this report reads one version");
  });

  it("gives an area under the threshold its reason, not a thin report", async () => {
    const thin = coverage.find((e) => !e.reportEligible)!;
    const { localReport } = await demo.api.data(REPORT, { area: thin.area.code, set: thin.questionSet.code });
    expect(localReport).toMatchObject({ eligible: false, html: null, versions: [] });
    expect(localReport.reason).toContain(`${thin.responses} responses`);
    expect(localReport.reason).toContain("more than 100");
  });

  it("refuses bad arguments with typed errors", async () => {
    expect(await demo.api.errorCodes(REPORT, { area: "nottingham", set: "ADULT_PB" })).toEqual(["BAD_USER_INPUT"]);
    expect(await demo.api.errorCodes(REPORT, { area: "E99999999", set: "ADULT_PB" })).toEqual(["NOT_FOUND"]);
    expect(await demo.api.errorCodes(REPORT, { area: "E10000024", set: "ADULT_PB", period: { from: "2024" } })).toEqual(["BAD_USER_INPUT"]);
  });

  it("shows single councils' breakdowns and associations to researchers, the region's to everyone else", async () => {
    const entry = coverage.find((e) => e.reportEligible)!;
    const args = { area: entry.area.code, set: entry.questionSet.code };
    const anonymous = (await demo.api.data(REPORT, args)).localReport.html as string;
    const { key } = await testCredential(demo.database.db, { type: "RESEARCH", slug: "report-readers" });
    const researcher = (await demo.api.data(REPORT, args, { authorization: `Bearer ${key}` })).localReport.html as string;
    expect(anonymous).toContain("published to researchers only");
    expect(researcher).not.toContain("published to researchers only");
  });
});

describe("which reports there are", () => {
  it("are every council's and ICB's instrument that coverage calls eligible, in area-code order", async () => {
    const { councils, icbs } = await demo.api.data(
      `{ councils: coverage { area { code } questionSet { code } reportEligible } icbs: coverage(areaType: ICB) { area { code } questionSet { code } reportEligible } }`,
    );
    const expected = ([...councils, ...icbs] as Entry[])
      .filter((e) => e.reportEligible)
      .map((e) => `${e.area.code} ${e.questionSet.code}`)
      .sort();
    const reports = await eligibleReports(systemScope(demo.database.db));
    expect(reports.map((r) => `${r.area} ${r.questionSet}`)).toEqual(expected);
    expect(reports.length).toBeGreaterThanOrEqual(80);
  });

  it("cover, without a period, the newest version with more than 100 responses, else the one with most, over its years", async () => {
    const db = demo.database.db;
    const truth = await trueResponseCounts(db, "LOCAL_AUTHORITY");
    const sample = coverage.filter((e) => e.reportEligible).filter((_, i) => i % 10 === 0);
    expect(sample.length).toBeGreaterThan(3);
    let fellBack = 0;
    for (const entry of sample) {
      const versions = [...new Set(truth.filter((t) => t.code === entry.questionSet.code).map((t) => t.version))].sort().reverse();
      const counts = versions.map((version) => {
        const mine = truth.filter((t) => t.area === entry.area.code && t.code === entry.questionSet.code && t.version === version);
        const cell = mine.reduce((a, t) => ({ count: a.count + t.cell.count, keySum: a.keySum + t.cell.keySum }), { count: 0, keySum: 0 });
        const years = truth.filter((t) => t.code === entry.questionSet.code && t.version === version).map((t) => t.year);
        return { version, responses: publishedCount(cell) ?? 0, from: Math.min(...years), to: Math.max(...years) };
      });
      const chosen = counts.find((c) => c.responses > 100) ?? [...counts].sort((a, b) => b.responses - a.responses)[0]!;
      if (!counts.some((c) => c.responses > 100)) fellBack++;
      const { localReport } = await demo.api.data(REPORT, { area: entry.area.code, set: entry.questionSet.code });
      expect(localReport.versions).toEqual([chosen.version]);
      expect(localReport.period).toMatchObject({ from: financialYearLabel(chosen.from), to: financialYearLabel(chosen.to) });
      expect(localReport.html).toContain(`${chosen.responses} responses (rounded)`);
    }
    expect(fellBack).toBeGreaterThan(0);
  });
});

describe("GET /reports/…", () => {
  it("serves a report as a public, cacheable page, and a clear 404 or 405 otherwise", async () => {
    const handle = createReportHandler({ database: demo.database, settings: { reportThreshold: 100, jwt: null } });
    const entry = coverage.find((e) => e.reportEligible)!;
    const path = `/reports/${entry.area.code}/${entry.questionSet.code.toLowerCase()}.html`;
    const ok = await handle({ method: "GET", headers: {}, search: "", path });
    expect(ok.status).toBe(200);
    expect(ok.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(ok.headers["cache-control"]).toBe("public, max-age=300");
    expect(ok.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(ok.headers["x-content-type-options"]).toBe("nosniff");
    expect(ok.body).toContain("<svg");
    const thin = coverage.find((e) => !e.reportEligible)!;
    const missing = await handle({ method: "GET", headers: {}, search: "", path: `/reports/${thin.area.code}/${thin.questionSet.code.toLowerCase()}.html` });
    expect(missing.status).toBe(404);
    expect(missing.body).toContain("a local report needs more than 100");
    for (const bad of [
      "/reports/E10000024/nothing.html",
      "/reports/../etc/passwd",
      `/reports/${"E".repeat(5000)}/adult_pb.html`,
      "/reports/E10000024/adult_pb.html%00",
    ])
      expect((await handle({ method: "GET", headers: {}, search: "", path: bad })).status).toBe(404);
    expect((await handle({ method: "GET", headers: {}, search: "from=2024", path })).status).toBe(400);
    const post = await handle({ method: "POST", headers: {}, search: "", path });
    expect(post.status).toBe(405);
    expect(post.headers).toMatchObject({ allow: "GET, HEAD", "cache-control": "no-store" });
  });
});
