/**
 * The report function as the GraphQL function and API Gateway call it, on every driver: `localReport`
 * goes through a JSON invocation (the caller and every argument, `release` too, travel with it),
 * and `GET /reports/…` through the Lambda adapter. The demo data set comes with the releases
 * 2025-07 and 2026-07 (the latest).
 */
import { createApiKey } from "@poet/core/organisation";
import { lambdaReports } from "@poet/core/report";
import { createTestClient, systemScope, testCredential, useDemoApi } from "@poet/core/testing";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { downloadEvent } from "./download-events.test-helper.ts";
import { createReportFunction } from "./report.ts";

const demo = useDemoApi({ writes: true });
let api: ReturnType<typeof createTestClient>;
let reportFunction: ReturnType<typeof createReportFunction>;
const invoked: string[] = [];

beforeAll(() => {
  const settings = { reportThreshold: 100, jwt: null };
  reportFunction = createReportFunction({ database: demo.database, settings });
  // What Lambda's Invoke does: the payload crosses as JSON text, both ways.
  const reports = lambdaReports("poet-report", async (name, payload) => {
    invoked.push(name);
    return { payload: JSON.stringify(await reportFunction(JSON.parse(payload))) };
  });
  api = createTestClient(demo.database, { services: { reports } });
});

const REPORT = `query ($area: String!, $release: String) { localReport(area: $area, questionSet: ADULT_PB, release: $release) { release eligible title html } }`;

describe("the report function", () => {
  it("draws localReport for the GraphQL function with the caller's access, and raises its errors there", async () => {
    const { coverage } = await api.data(`{ coverage(questionSet: ADULT_PB) { area { code } reportEligible } }`);
    const area = coverage.find((e: { reportEligible: boolean }) => e.reportEligible).area.code;
    const anonymous = await api.data(REPORT, { area });
    expect(anonymous.localReport.eligible).toBe(true);
    expect(anonymous.localReport.html).toContain("published to researchers only");
    const { key } = await testCredential(demo.database.db, { type: "RESEARCH", slug: "report-function-readers" });
    const researcher = await api.data(REPORT, { area }, { authorization: `Bearer ${key}` });
    expect(researcher.localReport.html).not.toContain("published to researchers only");
    expect(await api.errorCodes(REPORT, { area: "E99999999" })).toEqual(["NOT_FOUND"]);
    expect(invoked).toEqual(["poet-report", "poet-report", "poet-report"]);
  });

  it("reads the release asked for, and LIVE with the caller's own organisation, across the invocation", async () => {
    const latest = (await api.data(REPORT, { area: "E10000024" })).localReport;
    expect(latest.release).toBe("2026-07");
    expect(latest.html).toMatch(/release 2026-07, cut \d{4}-\d{2}-\d{2}/);
    const older = (await api.data(REPORT, { area: "E10000024", release: "2025-07" })).localReport;
    expect(older).toMatchObject({ release: "2025-07", eligible: true });
    expect(older.html).toMatch(/release 2025-07, cut \d{4}-\d{2}-\d{2}/);
    // The demo council's own key: its actor (and the areas it covers) crosses as JSON.
    const { key } = await createApiKey(systemScope(demo.database.db), { organisation: "demo-e10000024", name: "report function tests" });
    const live = (await api.data(REPORT, { area: "E10000024", release: "LIVE" }, { authorization: `Bearer ${key}` })).localReport;
    expect(live).toMatchObject({ release: "LIVE", eligible: true });
    expect(live.html).toContain("live figures, drawn");
    expect(await api.errorCodes(REPORT, { area: "E10000024", release: "LIVE" })).toEqual(["FORBIDDEN"]);
    expect(await api.errorCodes(REPORT, { area: "E10000024", release: "2099-01" })).toEqual(["NOT_FOUND"]);
  });

  it("serves GET /reports/… through API Gateway: the latest release's address redirects to the release's, which is kept a year", async () => {
    const { coverage } = await api.data(`{ coverage(questionSet: CARER) { area { code } reportEligible } }`);
    const area = coverage.find((e: { reportEligible: boolean }) => e.reportEligible).area.code;
    const get = async (path: string, headers: Record<string, string> = {}) => {
      const event = { ...downloadEvent("GET", path, headers), routeKey: "GET /reports/{proxy+}" } as APIGatewayProxyEventV2;
      return (await reportFunction(event)) as { statusCode: number; headers: Record<string, string>; body: string };
    };
    const moved = await get(`/reports/${area}/carer.html`);
    expect(moved.statusCode).toBe(307);
    expect(moved.headers).toMatchObject({ location: `/reports/2026-07/${area}/carer.html`, "cache-control": "public, max-age=300" });
    const result = await get(moved.headers.location!);
    expect(result.statusCode).toBe(200);
    expect(result.headers).toMatchObject({ "content-type": "text/html; charset=utf-8", "cache-control": "public, max-age=31536000, immutable" });
    expect(result.headers.etag).toMatch(/^"[\w-]{27}"$/);
    expect(result.body).toContain("<svg");
    expect(result.body).toContain("release 2026-07, cut");
    const again = await get(moved.headers.location!, { "if-none-match": result.headers.etag! });
    expect(again).toMatchObject({ statusCode: 304, body: "" });
  });
});
