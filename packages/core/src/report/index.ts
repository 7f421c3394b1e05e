export { eligibleReports, localReport } from "./build.ts";
export { createReportHandler } from "./http.ts";
export { inProcessReports } from "./local.ts";
export type { RenderRequest, RenderResponse } from "./remote.ts";
export { lambdaReports } from "./remote.ts";
export type { LocalReport, ReportArgs, ReportRenderer } from "./types.ts";
