import type { AreaRow } from "../area/index.ts";
import { assertAreaCode } from "../area/index.ts";
import { type FigureSource, figureSource, type Period, type PeriodInput, periodLabel, reportEligibility, reportEligibilityOf } from "../figure/index.ts";
import type { QuestionSetRow } from "../questionset/index.ts";
import type { Scope } from "../scope/index.ts";
import { financialYearLabel } from "../time/index.ts";
import { reportContent } from "./content.ts";
import { renderReport, reportTitle } from "./document.ts";
import type { LocalReport, ReportArgs } from "./types.ts";

const today = () => new Date().toISOString().slice(0, 10);

interface Target {
  area: AreaRow;
  questionSet: QuestionSetRow;
  /** Null when there is nothing to report. */
  period: Period | null;
  responses: number | null;
  eligible: boolean;
  threshold: number;
}

/**
 * What a report covers: the period asked for, or every financial year the release holds
 * responses to the instrument in (all its versions), the same default `poet report --help`, the
 * README and `localReport`'s schema state. Whether there is a report is `reportEligibility`'s
 * judgement, so the API and the report never disagree.
 */
async function reportTarget(scope: Scope, args: ReportArgs, source: FigureSource): Promise<Target> {
  assertAreaCode(args.area, "area");
  const { ref } = source;
  const years = ref.questionSets.filter((s) => s.code === args.questionSet).flatMap((s) => ref.yearsBySet.get(s.id) ?? []);
  const period = args.period ?? (years.length ? { from: financialYearLabel(Math.min(...years)), to: financialYearLabel(Math.max(...years)) } : null);
  const eligibility = await reportEligibility(scope, { area: args.area, period }, source);
  const instrument = eligibility.instruments.find((i) => i.questionSet.code === args.questionSet)!;
  return {
    area: eligibility.area,
    questionSet: instrument.questionSet,
    period: eligibility.period,
    responses: instrument.responses,
    eligible: instrument.eligible,
    threshold: eligibility.threshold,
  };
}

/**
 * One area's local report for one instrument: its figures against England, its region and its
 * statistical neighbours, read through the API's own figure functions with the caller's access.
 * An area at or under the report threshold gets its reason instead of a thin report.
 */
export async function localReport(scope: Scope, args: ReportArgs): Promise<LocalReport> {
  assertAreaCode(args.area, "area");
  const source = await figureSource(scope, args.release);
  const target = await reportTarget(scope, args, source);
  const { area, questionSet, period } = target;
  const label = period ? periodLabel(period) : "any year";
  const title = period ? reportTitle(area.name, questionSet.name, label) : `${area.name}: ${questionSet.name}`;
  const slug = [
    area.code,
    questionSet.code.toLowerCase(),
    ...(period ? [financialYearLabel(period.from), ...(period.to === period.from ? [] : ["to", financialYearLabel(period.to)])] : []),
  ].join("-");
  if (!target.eligible || !period) {
    const held = target.responses === null ? "fewer than 10 responses" : `${target.responses} responses${source.exact ? "" : " (rounded)"}`;
    const which = questionSet.name;
    return {
      release: source.name,
      title,
      eligible: false,
      reason: `${area.name} has ${held} to ${which} in ${label}; a local report needs more than ${target.threshold}.`,
      html: null,
      period,
      versions: [],
      slug,
    };
  }
  const content = await reportContent(scope, source, {
    area: area.code,
    questionSet: args.questionSet,
    period,
    responses: target.responses,
  });
  // A release's report is the same page whenever it is drawn: dated by the release, not the day.
  const rendered = await renderReport(content, source.release && source.kind === "RELEASE" ? source.release.cutAt.toISOString().slice(0, 10) : today());
  return { release: source.name, title: rendered.title, eligible: true, reason: null, html: rendered.html, period, versions: content.versions, slug };
}

/**
 * Every member area and instrument with a report to write: councils, and ICBs (which collect the
 * personal health budget survey), in area-code order.
 */
export async function eligibleReports(scope: Scope, args: { period?: PeriodInput | null; release?: string | null } = {}): Promise<ReportArgs[]> {
  const source = await figureSource(scope, args.release);
  const { ref } = source;
  const period = args.period ?? null;
  const areas = [...(ref.areasByType.get("LOCAL_AUTHORITY") ?? []), ...(ref.areasByType.get("ICB") ?? [])].filter((a) => source.covers(a));
  const all = await reportEligibilityOf(scope, { areas, period }, source);
  return all.flatMap((e) =>
    e.instruments.filter((i) => i.eligible).map((i) => ({ area: e.area.code, questionSet: i.questionSet.code, period, release: source.name })),
  );
}
