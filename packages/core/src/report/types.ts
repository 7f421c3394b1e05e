import type { Period, PeriodInput } from "../figure/index.ts";
import type { QuestionSetCode } from "../questionset/index.ts";
import type { Scope } from "../scope/index.ts";

/** What a report is of. Types only: the GraphQL function imports this file, never the renderer. */
export interface ReportArgs {
  /** A GSS code. */
  area: string;
  questionSet: QuestionSetCode;
  period?: PeriodInput | null;
  /** A release's name, "LIVE" (a member's own responses), or (omitted) the latest release. */
  release?: string | null;
}

export interface LocalReport {
  /** The release the report's figures were read from, or "LIVE". */
  release: string;
  /** e.g. "Nottinghamshire: POET for adults with a personal budget, 2022-23 to 2024-25". */
  title: string;
  eligible: boolean;
  /** Why there is no report; null when eligible. */
  reason: string | null;
  /** One self-contained HTML document (no external requests); null when not eligible. */
  html: string | null;
  /** The financial years the report covers; null when there are no responses. */
  period: Period | null;
  /** The versions of the question set whose responses it counts, oldest first (empty when not eligible). */
  versions: number[];
  /** A file name without extension, e.g. "E10000024-adult_pb-2022-23-to-2024-25". */
  slug: string;
}

/**
 * Where reports are drawn: in this process (the CLI, the local server, the report function) or,
 * from the GraphQL function, by the report function, so that the charting library stays out of
 * the API's bundle.
 */
export interface ReportRenderer {
  render(scope: Scope, args: ReportArgs): Promise<LocalReport>;
}
