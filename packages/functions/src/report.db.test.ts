/**
 * The report function as the GraphQL function and API Gateway call it, on every driver: `localReport`
 * goes through a JSON invocation (the caller travels with it), and `GET /reports/…` through the
 * Lambda adapter.
 */
import { lambdaReports } from "@poet/core/report/remote";
import { useDemoApi } from "@poet/core/testing/fixtures";
import { createTestClient } from "@poet/core/testing/graphql";
import { testCredential } from "@poet/core/testing/keys";
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
  api = createTestClient(demo.database, { settings: { reports } });
});

const REPORT = `query ($area: String!) { localReport(area: $area, questionSet: ADULT_PB) { eligible title html } }`;

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

  it("serves GET /reports/… through API Gateway", async () => {
    const { coverage } = await api.data(`{ coverage(questionSet: CARER) { area { code } reportEligible } }`);
    const area = coverage.find((e: { reportEligible: boolean }) => e.reportEligible).area.code;
    const event = { ...downloadEvent("GET", `/reports/${area}/carer.html`), routeKey: "GET /reports/{proxy+}" } as APIGatewayProxyEventV2;
    const result = (await reportFunction(event)) as { statusCode: number; headers: Record<string, string>; body: string };
    expect(result.statusCode).toBe(200);
    expect(result.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(result.body).toContain("<svg");
  });
});
