import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../db/types.ts";
import { publishedCount, SMALL_COUNT } from "../figure/disclosure.ts";
import type { HttpResponse } from "../http/index.ts";
import { createApiKey } from "../organisation/index.ts";
import { cutRelease, releaseList } from "../release/index.ts";
import { useDemoApi } from "../testing/fixtures.ts";
import { systemScope, testCredential } from "../testing/keys.ts";
import { financialYearLabel } from "../time/index.ts";
import { createReportHandler } from "./http.ts";
import { eligibleReports } from "./index.ts";

// Local reports over the demo data set, which comes with the releases 2025-07 (2022-23 to
// 2024-25) and 2026-07 (adding 2025-26), the latest. Writes: keys, responses after the releases
// were cut (last), and a release cut at the very end.
const demo = useDemoApi({ writes: true });
const LATEST = "2026-07";
const SETTINGS = { reportThreshold: 100, jwt: null };

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

const REPORT = `query ($area: String!, $set: QuestionSetCode!, $period: PeriodInput, $release: String) {
  localReport(area: $area, questionSet: $set, period: $period, release: $release) { release title eligible reason html slug versions period { from to label } }
}`;

/** The day a release was cut (yyyy-mm-dd): what its reports are dated. */
const cutOn = async (name: string) =>
  (await releaseList(demo.database.db))
    .find((r) => r.name === name)!
    .cutAt.toISOString()
    .slice(0, 10);

/** The rows of the first table after a heading: [label, first number cell]. */
/** The row labels and area values of every chart whose id starts with `prefix` ("outcomes": outcomes-1, outcomes-2…), in order. */
function tableRows(html: string, prefix: string): [string, string][] {
  const charts = [...html.matchAll(new RegExp(`<figure class="chart" id="${prefix}(-\\d+)?"[\\s\\S]*?</figure>`, "g"))].map((m) => m[0]);
  expect(charts.length, `a chart with id "${prefix}"`).toBeGreaterThan(0);
  return charts.flatMap((chart) =>
    [...chart.matchAll(/<tr><th scope="row">([^<]*)(?:<span[^>]*>[^<]*<\/span>)?<\/th><td class="num[^"]*">([^<]*)/g)].map(
      (m) => [m[1]!, m[2]!] as [string, string],
    ),
  );
}

describe("coverage", () => {
  it("lists each instrument where it is collected (PHB in ICBs, the rest in councils) with published counts, never one under 10, each the count reportEligibility gives", async () => {
    expect(coverage.length).toBeGreaterThan(50);
    expect(coverage.every((e) => e.area.type === (e.questionSet.code === "PHB" ? "ICB" : "LOCAL_AUTHORITY"))).toBe(true);
    expect(coverage.some((e) => e.area.type === "ICB")).toBe(true);
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

  it("narrows to one instrument and one area type; England's counts are rounded like every other", async () => {
    const { coverage: england } = await demo.api.data(
      `{ coverage(questionSet: CARER, areaType: NATION) { area { code } questionSet { code } responses years { financialYear responses } } }`,
    );
    expect(england).toHaveLength(1);
    const stored = await queryRows<{ year: number; n: number; k: number }>(
      demo.database.db,
      sql`select r.financial_year as year, count(*)::int as n, sum(r.record_key)::int as k from responses r join question_sets s on s.id = r.question_set_id
          where s.code = 'CARER' and r.withdrawn_at is null group by 1 order by 1`,
    );
    const all = stored.reduce((a, r) => ({ count: a.count + r.n, keySum: a.keySum + r.k }), { count: 0, keySum: 0 });
    expect(england[0].responses).toBe(publishedCount(all));
    expect(england[0].responses % 5).toBe(0);
    expect(england[0].years).toEqual(
      stored.map((r) => ({ financialYear: financialYearLabel(r.year), responses: publishedCount({ count: r.n, keySum: r.k }) })),
    );
    // An earlier release holds the years it published, and nothing after.
    const { coverage: older } = await demo.api.data(
      `{ coverage(questionSet: CARER, areaType: NATION, release: "2025-07") { responses years { financialYear } } }`,
    );
    const before = stored.filter((r) => r.year <= 2024).reduce((a, r) => ({ count: a.count + r.n, keySum: a.keySum + r.k }), { count: 0, keySum: 0 });
    expect(older[0]).toEqual({ responses: publishedCount(before), years: ["2022-23", "2023-24", "2024-25"].map((y) => ({ financialYear: y })) });
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
    expect(localReport.release).toBe(LATEST);
    expect(localReport.reason).toBeNull();
    expect(localReport.slug).toMatch(new RegExp(`^${entry.area.code}-adult_pb-\\d{4}-\\d{2}`));
    const html: string = localReport.html;
    expect(html).toContain("<!doctype html>");
    expect(html).toContain("SYNTHETIC DEMO DATA");
    // Dated by its release, not by the day it is drawn: the same page whenever it is drawn.
    expect(html).toContain(`of the question set · release ${LATEST}, cut ${await cutOn(LATEST)}</p>`);
    expect(html).not.toContain("produced ");
    // Self-contained: nothing to fetch, nothing to run.
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|src="|href="(?!#)/i);
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(2);
    // The outcomes charts hold exactly the percentages areaProfile publishes: pooled over the
    // report's period, and for a question the newest version changed, that version's own.
    const PROFILE = `query ($area: String!, $period: PeriodInput, $version: Int) { areaProfile(questionSet: ADULT_PB, area: $area, period: $period, version: $version) {
        questionSet { version } items { question { code kind shortText } value { percentage status symbol } } } }`;
    const pooled = (await demo.api.data(PROFILE, { area: entry.area.code, period: { from: localReport.period.from, to: localReport.period.to } })).areaProfile;
    const newest = (await demo.api.data(PROFILE, { area: entry.area.code, version: pooled.questionSet.version })).areaProfile;
    type Item = { question: { code: string; kind: string; shortText: string }; value: { percentage: number; status: string; symbol: string } };
    const outcomes = (pooled.items as Item[])
      .filter((i) => i.question.kind === "OUTCOME")
      .map((i) => (i.value.status === "NOT_COMPARABLE" ? (newest.items as Item[]).find((n) => n.question.code === i.question.code)! : i));
    const rows = tableRows(html, "outcomes");
    expect(rows).toHaveLength(outcomes.length);
    rows.forEach(([label, cell], i) => {
      const item = outcomes[i]!;
      expect(label.toLowerCase()).toBe(item.question.shortText.toLowerCase());
      expect(cell).toBe(item.value.status === "AVAILABLE" ? `${item.value.percentage.toFixed(1)}%` : item.value.symbol);
    });
    expect(rows.filter(([, cell]) => cell.endsWith("%")).length).toBeGreaterThan(0);
  });

  it("covers, without a period, every year the release holds for the instrument, and says which years and versions it read", async () => {
    const chosen = (await demo.api.data(REPORT, { area: "E10000024", set: "ADULT_PB" })).localReport;
    // The demo's ADULT_PB runs 2022-23 to 2024-25 on version 1 and 2025-26 on version 2.
    expect(chosen.period).toMatchObject({ from: "2022-23", to: "2025-26" });
    expect(chosen.versions).toEqual([1, 2]);
    expect(chosen.html).toContain("from 2022-23 to 2025-26 (4 financial years), to versions 1 and 2 of the question set");
    // Version 2 changed the outcome questions: read from 2025-26 alone, said once, never "not comparable".
    expect(chosen.html).toContain("Version 2 changed every one of these questions, so they are read from 2025-26 alone");
    expect(tableRows(chosen.html, "outcomes").filter(([, cell]) => cell === "z")).toEqual([]);
    // Asked for the same period, the same report.
    const asked = (await demo.api.data(REPORT, { area: "E10000024", set: "ADULT_PB", period: { from: "2022-23", to: "2025-26" } })).localReport;
    expect(asked.html).toBe(chosen.html);
    // Every outcome is in the trends, each with its earlier version's run where the question changed.
    expect(chosen.html).toContain('id="s-trend"');
    expect((chosen.html.match(/<figure class="tile"/g) ?? []).length).toBe(tableRows(chosen.html, "outcomes").length);
    expect(chosen.html).toContain("the lines break there");
  });

  it("names an ICB's comparators as ICBs, each legend entry its own, and never calls them councils", async () => {
    const { localReport } = await demo.api.data(REPORT, { area: "E54000029", set: "PHB" });
    const html: string = localReport.html;
    expect(html).toContain("NHS North East London Integrated Care Board");
    expect(html).not.toMatch(/council/i);
    expect(html).toMatch(/\d+(st|nd|rd|th) of \d+ ICBs/);
    // Every chart's key names each of its entries once.
    for (const key of html.matchAll(/<div class="chart-key">([\s\S]*?)<\/div>/g)) {
      const entries = [...key[1]!.matchAll(/<\/svg>([^<]+)<\/span>/g)].map((m) => m[1]);
      expect(new Set(entries).size, entries.join(" | ")).toBe(entries.length);
      expect(entries.length).toBeGreaterThan(1);
    }
  });

  it("draws the headline outcome's funnel from the API's own funnel, and says why when there is none", async () => {
    const { localReport } = await demo.api.data(REPORT, { area: "E10000024", set: "ADULT_PB" });
    const html: string = localReport.html;
    expect(html).toContain('id="s-funnel"');
    // The report reads quality of life from version 2 (the question changed), so its funnel does too.
    const { funnel } = await demo.api.data(
      `{ funnel(questionSet: ADULT_PB, question: "quality_of_life", version: 2) { england { percentage } points { area { code } value { percentage denominator } compared z } } }`,
    );
    type FunnelPoint = { area: { code: string }; value: { percentage: number; denominator: number }; compared: string | null; z: number | null };
    const own = (funnel.points as FunnelPoint[]).find((p) => p.area.code === "E10000024")!;
    const words = {
      MUCH_BETTER: "Much better than expected",
      BETTER: "Better than expected",
      ABOUT_AS_EXPECTED: "About as expected",
      WORSE: "Worse than expected",
      MUCH_WORSE: "Much worse than expected",
    } as const;
    expect(own.compared).not.toBeNull();
    expect(html).toContain(`<tr><th scope="row">${words[own.compared as keyof typeof words]}</th>`);
    expect(html).toMatch(new RegExp(`${words[own.compared as keyof typeof words]}</th><td class="num">\\d+</td><td>Here</td>`));
    expect(html).toContain(`Nottinghamshire: ${own.value.percentage.toFixed(1)}% of ${own.value.denominator} answering`);
    expect(html).toContain(`(z = ${own.z!.toFixed(2)})`);
    // Each band's count is the API's.
    for (const [band, text] of Object.entries(words)) {
      const n = (funnel.points as FunnelPoint[]).filter((p) => p.compared === band).length;
      expect(html, band).toContain(`<th scope="row">${text}</th><td class="num">${n}</td>`);
    }
    const icb = (await demo.api.data(REPORT, { area: "E54000060", set: "PHB" })).localReport.html as string;
    expect(icb).toContain('id="s-funnel"');
    expect(icb).toMatch(/No funnel plot: (NHS Nottingham and Nottinghamshire Integrated Care Board&#39;s own figure|only \d+ ICBs)/);
  });

  it("gives an area under the threshold its reason, not a thin report", async () => {
    const thin = coverage.find((e) => !e.reportEligible)!;
    const { localReport } = await demo.api.data(REPORT, { area: thin.area.code, set: thin.questionSet.code });
    expect(localReport).toMatchObject({ release: LATEST, eligible: false, html: null, versions: [] });
    expect(localReport.reason).toContain(`${thin.responses} responses`);
    expect(localReport.reason).toContain("more than 100");
  });

  it("refuses bad arguments with typed errors", async () => {
    expect(await demo.api.errorCodes(REPORT, { area: "nottingham", set: "ADULT_PB" })).toEqual(["BAD_USER_INPUT"]);
    expect(await demo.api.errorCodes(REPORT, { area: "E99999999", set: "ADULT_PB" })).toEqual(["NOT_FOUND"]);
    expect(await demo.api.errorCodes(REPORT, { area: "E10000024", set: "ADULT_PB", period: { from: "2024" } })).toEqual(["BAD_USER_INPUT"]);
    expect(await demo.api.errorCodes(REPORT, { area: "E10000024", set: "ADULT_PB", release: "2099-01" })).toEqual(["NOT_FOUND"]);
    // Live figures are a member organisation's own.
    expect(await demo.api.errorCodes(REPORT, { area: "E10000024", set: "ADULT_PB", release: "LIVE" })).toEqual(["FORBIDDEN"]);
  });

  it("draws an earlier release's report from that release's years, dated by it", async () => {
    const older = (await demo.api.data(REPORT, { area: "E10000024", set: "ADULT_PB", release: "2025-07" })).localReport;
    expect(older).toMatchObject({ release: "2025-07", eligible: true, versions: [1], period: { from: "2022-23", to: "2024-25" } });
    expect(older.html).toContain(`release 2025-07, cut ${await cutOn("2025-07")}`);
    // A year it does not hold has no responses in it.
    const later = (await demo.api.data(REPORT, { area: "E10000024", set: "ADULT_PB", release: "2025-07", period: { from: "2025-26" } })).localReport;
    expect(later).toMatchObject({ release: "2025-07", eligible: false, html: null });
    expect(later.reason).toContain("fewer than 10 responses");
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
      `{ councils: coverage(areaType: LOCAL_AUTHORITY) { area { code } questionSet { code } reportEligible } icbs: coverage(areaType: ICB) { area { code } questionSet { code } reportEligible } }`,
    );
    const expected = ([...councils, ...icbs] as Entry[])
      .filter((e) => e.reportEligible)
      .map((e) => `${e.area.code} ${e.questionSet.code}`)
      .sort();
    const reports = await eligibleReports(systemScope(demo.database.db));
    expect(reports.map((r) => `${r.area} ${r.questionSet}`)).toEqual(expected);
    expect(reports.length).toBeGreaterThanOrEqual(80);
    expect(new Set(reports.map((r) => r.release))).toEqual(new Set([LATEST]));
  });

  it("are, for an earlier release, the ones its coverage calls eligible, each to be drawn from it", async () => {
    const { councils, icbs } = await demo.api.data(
      `{ councils: coverage(areaType: LOCAL_AUTHORITY, release: "2025-07") { area { code } questionSet { code } reportEligible } icbs: coverage(areaType: ICB, release: "2025-07") { area { code } questionSet { code } reportEligible } }`,
    );
    const expected = ([...councils, ...icbs] as Entry[])
      .filter((e) => e.reportEligible)
      .map((e) => `${e.area.code} ${e.questionSet.code}`)
      .sort();
    const reports = await eligibleReports(systemScope(demo.database.db), { release: "2025-07" });
    expect(reports.map((r) => `${r.area} ${r.questionSet}`)).toEqual(expected);
    expect(reports.length).toBeGreaterThan(0);
    expect(new Set(reports.map((r) => r.release))).toEqual(new Set(["2025-07"]));
  });

  it("cover, without a period, every year the release holds for the instrument, the count coverage gives", async () => {
    const sample = coverage.filter((e) => e.reportEligible).filter((_, i) => i % 10 === 0);
    expect(sample.length).toBeGreaterThan(3);
    for (const entry of sample) {
      const { localReport } = await demo.api.data(REPORT, { area: entry.area.code, set: entry.questionSet.code });
      const years = coverage.filter((e) => e.questionSet.code === entry.questionSet.code).flatMap((e) => e.years.map((y) => y.financialYear));
      expect(localReport.period, `${entry.area.code} ${entry.questionSet.code}`).toMatchObject({ from: [...years].sort()[0], to: [...years].sort().at(-1) });
      expect(localReport.html).toContain(`${entry.responses} responses (rounded) from ${localReport.period.from} to ${localReport.period.to}`);
    }
  });
});

const GET = (handle: ReturnType<typeof createReportHandler>, path: string, headers: Record<string, string> = {}, search = "", method = "GET") =>
  handle({ method, headers, search, path }) as Promise<HttpResponse>;

describe("GET /reports/…", () => {
  it("redirects an area's address to the latest release's, briefly cached, keeping the query", async () => {
    const handle = createReportHandler({ database: demo.database, settings: SETTINGS });
    const moved = await GET(handle, "/reports/E10000024/adult_pb.html");
    expect(moved.status).toBe(307);
    expect(moved.headers).toMatchObject({ location: `/reports/${LATEST}/E10000024/adult_pb.html`, "cache-control": "public, max-age=300" });
    expect(moved.headers["x-content-type-options"]).toBe("nosniff");
    const asked = await GET(handle, "/reports/E10000024/adult_pb.html", {}, "from=2023-24&to=2024-25");
    expect(asked.headers.location).toBe(`/reports/${LATEST}/E10000024/adult_pb.html?from=2023-24&to=2024-25`);
  });

  it("redirects any other case of an address, permanently, to its one address: GSS code upper case, question set lower", async () => {
    const handle = createReportHandler({ database: demo.database, settings: SETTINGS });
    for (const [asked, canonical] of [
      ["/reports/E10000024/PARENT_EHCP.html", "/reports/E10000024/parent_ehcp.html"],
      ["/reports/e10000024/Parent_Ehcp.HTML", "/reports/E10000024/parent_ehcp.html"],
      [`/reports/${LATEST}/e10000024/ADULT_PB.html`, `/reports/${LATEST}/E10000024/adult_pb.html`],
    ]) {
      const moved = await GET(handle, asked!, {}, "from=2023-24");
      expect(moved.status, asked).toBe(308);
      expect(moved.headers, asked).toMatchObject({ location: `${canonical}?from=2023-24`, "cache-control": "public, max-age=31536000, immutable" });
      const head = await GET(handle, asked!, {}, "", "HEAD");
      expect([head.status, head.headers.location]).toEqual([308, canonical]);
    }
    // The address it redirects to answers the report (or, without a release, the latest's address).
    expect((await GET(handle, `/reports/${LATEST}/E10000024/adult_pb.html`)).status).toBe(200);
    expect((await GET(handle, "/reports/E10000024/parent_ehcp.html")).status).toBe(307);
    // An unknown instrument is no report in any case.
    expect((await GET(handle, "/reports/E10000024/NOTHING.html")).status).toBe(404);
  });

  it("serves a release's report as a public page kept a year, with an ETag, 304 on it, the same bytes whenever drawn", async () => {
    const handle = createReportHandler({ database: demo.database, settings: SETTINGS });
    const entry = coverage.find((e) => e.reportEligible)!;
    const path = `/reports/${LATEST}/${entry.area.code}/${entry.questionSet.code.toLowerCase()}.html`;
    const ok = await GET(handle, path);
    expect(ok.status).toBe(200);
    expect(ok.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(ok.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(ok.headers.etag).toMatch(/^"[\w-]{27}"$/);
    expect(ok.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(ok.headers["x-content-type-options"]).toBe("nosniff");
    expect(ok.body).toContain("<svg");
    expect(ok.body).toContain(`release ${LATEST}, cut ${await cutOn(LATEST)}`);
    // What localReport gives anyone, byte for byte.
    const { localReport } = await demo.api.data(REPORT, { area: entry.area.code, set: entry.questionSet.code, release: LATEST });
    expect(ok.body).toBe(localReport.html);
    // Drawn again, by another handler (another Lambda), it is the same page.
    const other = await GET(createReportHandler({ database: demo.database, settings: SETTINGS }), path);
    expect(other.headers.etag).toBe(ok.headers.etag);
    expect(other.body).toBe(ok.body);
    const cached = await GET(handle, path, { "If-None-Match": `W/"other", ${ok.headers.etag}` });
    expect(cached).toMatchObject({ status: 304, body: "" });
    expect(cached.headers).toMatchObject({ etag: ok.headers.etag, "cache-control": "public, max-age=31536000, immutable" });
    const head = await GET(handle, path, {}, "", "HEAD");
    expect(head).toMatchObject({ status: 200, body: "", headers: { etag: ok.headers.etag } });
    // `*` matches any page there is (RFC 9110), never one there is not.
    expect(await GET(handle, path, { "if-none-match": "*" })).toMatchObject({ status: 304, body: "", headers: { etag: ok.headers.etag } });
    const thin = coverage.find((e) => !e.reportEligible)!;
    const none = await GET(handle, `/reports/${LATEST}/${thin.area.code}/${thin.questionSet.code.toLowerCase()}.html`, { "if-none-match": "*" });
    expect(none).toMatchObject({ status: 404, headers: { "cache-control": "no-store", "x-content-type-options": "nosniff" } });
    // A period in the query is a report of its own.
    const chosen = await GET(handle, `/reports/${LATEST}/E10000024/adult_pb.html`);
    const period = await GET(handle, `/reports/${LATEST}/E10000024/adult_pb.html`, {}, "from=2022-23&to=2024-25");
    expect([chosen.status, period.status]).toEqual([200, 200]);
    expect(period.body).toContain("<title>Nottinghamshire: POET for adults with a personal budget, 2022-23 to 2024-25</title>");
    expect(period.headers.etag).not.toBe(chosen.headers.etag);
    // An earlier release's page is there too.
    const older = await GET(handle, "/reports/2025-07/E10000024/adult_pb.html");
    expect(older.status).toBe(200);
    expect(older.body).toContain("release 2025-07, cut");
    expect(older.headers.etag).not.toBe(chosen.headers.etag);
  });

  it("answers a clear 404 (never cached), 400 or 405 otherwise", async () => {
    const handle = createReportHandler({ database: demo.database, settings: SETTINGS });
    const thin = coverage.find((e) => !e.reportEligible)!;
    const missing = await GET(handle, `/reports/${LATEST}/${thin.area.code}/${thin.questionSet.code.toLowerCase()}.html`);
    expect(missing.status).toBe(404);
    expect(missing.headers["cache-control"]).toBe("no-store");
    expect(missing.body).toContain("a local report needs more than 100");
    const unknown = await GET(handle, "/reports/2099-01/E10000024/adult_pb.html");
    expect(unknown).toMatchObject({ status: 404, headers: { "cache-control": "no-store" } });
    expect(unknown.body).toContain("No release named");
    for (const bad of [
      "/reports/E10000024/nothing.html",
      `/reports/${LATEST}/E10000024/nothing.html`,
      "/reports/../etc/passwd",
      `/reports/${"E".repeat(5000)}/adult_pb.html`,
      "/reports/E10000024/adult_pb.html%00",
      "/reports/2026-7/E10000024/adult_pb.html",
      "/reports/LIVE/E10000024/adult_pb.html",
    ]) {
      const response = await GET(handle, bad);
      expect(response.status, bad).toBe(404);
      expect(response.headers["cache-control"], bad).toBe("no-store");
    }
    expect((await GET(handle, `/reports/${LATEST}/E10000024/adult_pb.html`, {}, "from=2024")).status).toBe(400);
    const post = await GET(handle, `/reports/${LATEST}/E10000024/adult_pb.html`, {}, "", "POST");
    expect(post.status).toBe(405);
    expect(post.headers).toMatchObject({ allow: "GET, HEAD", "cache-control": "no-store" });
  });
});

describe("a release's report is final", () => {
  it("stays byte for byte the same after responses arrive, which its owner reads live, and a later release holds the same figures", async () => {
    const handle = createReportHandler({ database: demo.database, settings: SETTINGS });
    const path = `/reports/${LATEST}/E10000024/adult_pb.html`;
    const before = await GET(handle, path);
    expect(before.status).toBe(200);
    const ELIGIBILITY = `query ($release: String) { reportEligibility(area: "E10000024", period: { from: "2025-26" }, release: $release) {
      release instruments { questionSet { code } responses } } }`;
    const adultPb = (result: { reportEligibility: { instruments: { questionSet: { code: string }; responses: number | null }[] } }) =>
      result.reportEligibility.instruments.find((i) => i.questionSet.code === "ADULT_PB")!.responses;
    const published = adultPb(await demo.api.data(ELIGIBILITY));

    // The demo council's own system sends five more responses for 2025-26, which 2026-07 published.
    const { key } = await createApiKey(systemScope(demo.database.db), { organisation: "demo-e10000024", name: "report tests" });
    const auth = { authorization: `Bearer ${key}` };
    const live = adultPb(await demo.api.data(ELIGIBILITY, { release: "LIVE" }, auth));
    const responses = Array.from({ length: 5 }, (_, i) => ({
      externalRef: `late-${i}`,
      questionSet: "ADULT_PB",
      area: "E10000024",
      collectedOn: "2025-10-01",
      collectionMode: "ONLINE",
      completedBy: "SELF",
      answers: [{ question: "quality_of_life", option: "better" }],
    }));
    const submitted = await demo.api.data(
      `mutation($responses: [ResponseInput!]!) { submitResponses(input: { responses: $responses }) { created rejected } }`,
      { responses },
      auth,
    );
    expect(submitted.submitResponses).toEqual({ created: 5, rejected: 0 });

    // Not in the release: the same page, the same published count.
    const after = await GET(createReportHandler({ database: demo.database, settings: SETTINGS }), path);
    expect(after.headers.etag).toBe(before.headers.etag);
    expect(after.body).toBe(before.body);
    expect(adultPb(await demo.api.data(ELIGIBILITY))).toBe(published);
    // Live, its owner counts them at once, exactly.
    expect(adultPb(await demo.api.data(ELIGIBILITY, { release: "LIVE" }, auth))).toBe(live! + 5);
    const own = (await demo.api.data(REPORT, { area: "E10000024", set: "ADULT_PB", release: "LIVE" }, auth)).localReport;
    expect(own).toMatchObject({ release: "LIVE", eligible: true });
    expect(own.html).toContain(`live figures, drawn ${new Date().toISOString().slice(0, 10)}`);

    // A release cut later does not publish 2025-26 again: its report holds the same figures.
    const next = await cutRelease(systemScope(demo.database.db), { name: "2026-12-b" });
    expect(next.newYears).toEqual([]);
    const moved = await GET(handle, "/reports/E10000024/adult_pb.html");
    expect(moved.headers.location).toBe("/reports/2026-12-b/E10000024/adult_pb.html");
    const again = await GET(handle, moved.headers.location!);
    expect(again.status).toBe(200);
    expect(again.headers.etag).not.toBe(before.headers.etag);
    const meta = (html: string) => html.replace(/release [\w-]+, cut \d{4}-\d{2}-\d{2}/, "release …");
    expect(meta(String(again.body))).toBe(meta(String(before.body)));
    expect(adultPb(await demo.api.data(ELIGIBILITY))).toBe(published);
    // And the earlier release's page is still served, unchanged.
    expect((await GET(handle, path, { "if-none-match": before.headers.etag! })).status).toBe(304);
  });
});
