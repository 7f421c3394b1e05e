import { localReport } from "./build.ts";
import type { ReportRenderer } from "./types.ts";

/** Reports drawn in this process: the CLI, the local server, tests and the report function itself. */
export const inProcessReports: ReportRenderer = { render: localReport };
