import type { Access } from "../actor/index.ts";
import { figureAccess } from "../actor/index.ts";
import type { AreaRow } from "../area/index.ts";
import { ENGLAND } from "../area/index.ts";
import type { BenchmarkResult, FigureSource, ReferenceData } from "../figure/index.ts";
import {
  type AssociationResult,
  areaProfile,
  association,
  associationSummary,
  type BreakdownResult,
  breakdown,
  type FunnelResult,
  funnel,
  type Period,
  PUBLIC_BREAKDOWN_AREAS,
  periodLabel,
  resolveQuestionSet,
  type TrendResult,
  type TriangulationResult,
  trends,
  triangulation,
} from "../figure/index.ts";
import type { QuestionRow, QuestionSetRow, ScaleOptionRow } from "../questionset/index.ts";
import { createQuestionSetLoaders } from "../questionset/index.ts";
import type { Scope } from "../scope/index.ts";
import { financialYearLabel } from "../time/index.ts";
import type { ReportArgs } from "./types.ts";

/** The instruments whose reports set the child's, the parent's and the practitioner's views side by side. */
export const EHCP_SETS: ReadonlySet<string> = new Set(["CYP_EHCP", "PARENT_EHCP", "PRACTITIONER_EHCP"]);
/** The kinds of area a funnel sets side by side: enough of them to judge a spread. */
const FUNNEL_AREA_TYPES: ReadonlySet<string> = new Set(["LOCAL_AUTHORITY", "ICB"]);
/** A trend needs at least this many financial years. */
export const TREND_MIN_YEARS = 3;

export interface AssociationLine {
  result: AssociationResult;
  /** One plain sentence, or null when the counts are not published. */
  sentence: string | null;
}

/**
 * One outcome's yearly points in the area and England; `before`, for a question a revision
 * changed, the earlier version's run (drawn beside it, never joined).
 */
export interface TrendRun {
  area: TrendResult;
  england: TrendResult;
  before: { area: TrendResult; england: TrendResult } | null;
}

/** Everything a local report shows, read through the same figure functions as the API. */
export interface ReportContent {
  /** The release the figures were read from, or "LIVE". */
  release: string;
  area: AreaRow;
  questionSet: QuestionSetRow;
  period: Period;
  periodLabel: string;
  versions: number[];
  syntheticData: boolean;
  /** Published count of the responses the report reads. */
  responses: number | null;
  /**
   * Questions a revision changed, so that no figure pools the report's period: each is read from
   * the newest version that asks it, over that version's years (null when none changed).
   */
  revised: { version: number; period: Period; codes: Set<string> } | null;
  access: Access;
  /** Where breakdowns and associations are read: the area, or (for public access to a council) its region. */
  detailArea: AreaRow;
  /** The outcome the breakdowns and associations are about. */
  headline: QuestionRow | null;
  outcomes: BenchmarkResult[];
  process: BenchmarkResult[];
  associations: AssociationLine[];
  breakdowns: BreakdownResult[];
  /** Per outcome the version read still asks, the area's and England's yearly points (a trend is assessed from three years). */
  trends: TrendRun[];
  /** The headline outcome against every area of the report's kind (from a release: a live report's comparators'). */
  funnel: FunnelResult | null;
  /** EHCP instruments only: each shared theme's views. */
  views: TriangulationResult[];
}

/** The nearest area (itself or an ancestor) whose breakdowns the caller may read. */
export function detailAreaFor(ref: ReferenceData, area: AreaRow, access: Access): AreaRow {
  let at: AreaRow | undefined = area;
  while (access === "PUBLIC" && at && !PUBLIC_BREAKDOWN_AREAS.has(at.type)) at = at.parentCode ? ref.areas.get(at.parentCode) : undefined;
  return at ?? ref.areas.get(ENGLAND)!;
}

const isSingleChoiceCategory = (options: ScaleOptionRow[]) => options.some((o) => o.band === null);

/** Reads every figure of one area's report; the period is resolved by the caller (eligibility). */
export async function reportContent(
  scope: Scope,
  source: FigureSource,
  args: Omit<ReportArgs, "period" | "release"> & { period: Period; responses: number | null },
): Promise<ReportContent> {
  const { db } = scope;
  const { ref } = source;
  const release = source.name;
  // Live, everything is the organisation's own: its breakdowns are its own area's.
  const access = source.kind === "LIVE" ? "RESEARCHER" : figureAccess(scope.actor);
  const period = { from: financialYearLabel(args.period.from), to: financialYearLabel(args.period.to) };
  const pooled = await areaProfile(scope, { questionSet: args.questionSet, area: args.area, band: "POSITIVE", period }, source);
  // A question a revision changed cannot pool the period's versions: rather than "not
  // comparable", the report reads it from the newest version over that version's own years.
  const changed = pooled.items.filter((i) => i.value.status === "NOT_COMPARABLE");
  const latest = changed.length
    ? await areaProfile(scope, { questionSet: args.questionSet, area: args.area, band: "POSITIVE", version: pooled.questionSet.version }, source)
    : null;
  const revised = latest?.period ? { version: latest.questionSet.version, period: latest.period, codes: new Set(changed.map((i) => i.question.code)) } : null;
  const items = pooled.items.map((i) => (revised?.codes.has(i.question.code) ? (latest!.items.find((l) => l.question.code === i.question.code) ?? i) : i));
  const profile = { ...pooled, items };
  const outcomes = profile.items.filter((i) => i.question.kind === "OUTCOME");
  const process = profile.items.filter((i) => i.question.kind === "PROCESS");
  // POET's headline outcome is quality of life (the carer's own, in the carers' survey).
  const headline = (outcomes.find((o) => o.question.code.endsWith("quality_of_life")) ?? outcomes[0])?.question ?? null;
  // Breakdowns and associations read the headline as its row does: pooled, or from the newest version.
  const headlineRevised = headline && revised?.codes.has(headline.code) ? revised : null;
  const detailPeriod = headlineRevised ? { from: financialYearLabel(headlineRevised.period.from), to: financialYearLabel(headlineRevised.period.to) } : period;
  const version = headlineRevised?.version ?? null;
  const detailArea = detailAreaFor(ref, profile.area, access);
  const loaders = createQuestionSetLoaders(async () => db);
  const optionsOf = (q: QuestionRow) => loaders.optionsOf.load(q.scaleId);
  const questions = ref.questionsBySet.get(profile.questionSet.id) ?? [];

  const associations = headline
    ? await Promise.all(
        process.map(async ({ question }) => {
          const result = await association(scope, {
            questionSet: args.questionSet,
            process: question.code,
            outcome: headline.code,
            area: detailArea.code,
            contrast: "POSITIVE_VS_REST",
            period: detailPeriod,
            version,
            release,
          });
          const [p, o] = await Promise.all([optionsOf(question), optionsOf(headline)]);
          return { result, sentence: associationSummary(result, { process: p, outcome: o }) };
        }),
      )
    : [];

  const aboutYou = questions.filter((q) => q.kind === "ABOUT_YOU");
  const breakdowns = headline
    ? (
        await Promise.all(
          aboutYou.map(async (by) => {
            if (!isSingleChoiceCategory(await optionsOf(by))) return null;
            return breakdown(scope, {
              questionSet: args.questionSet,
              question: headline.code,
              area: detailArea.code,
              band: "POSITIVE",
              by: by.code,
              period: detailPeriod,
              version,
              release,
            });
          }),
        )
      ).filter((b): b is BreakdownResult => b !== null && b.categories.filter((c) => c.measure.status === "AVAILABLE").length >= 2)
    : [];

  // A trend covers every year of each outcome's chain of comparable versions, whatever the
  // report's period; a question a revision changed also gets its earlier version's run, drawn
  // beside the new one but never joined to it.
  const englandSource = source.comparators;
  const trendRuns = async (version: number | null, codes: string[]) => {
    const set = resolveQuestionSet(ref, args.questionSet, version);
    const asked = new Set((ref.questionsBySet.get(set.id) ?? []).filter((q) => ref.gradedQuestionIds.has(q.id)).map((q) => q.code));
    const ask = { questionSet: args.questionSet, questions: codes.filter((code) => asked.has(code)), band: "POSITIVE" as const, version };
    // England's trend beside a live one is the latest release's, as every comparator is.
    if (!ask.questions.length || !englandSource) return [];
    const [here, england] = await Promise.all([
      trends(scope, { ...ask, area: profile.area.code }, source),
      trends(scope, { ...ask, area: ENGLAND }, englandSource),
    ]);
    return here.map((area, i) => ({ area, england: england[i]! }));
  };
  const current = await trendRuns(
    null,
    outcomes.map((o) => o.question.code),
  );
  const earlierVersion = revised
    ? ref.questionSets
        .filter((s) => s.code === args.questionSet && s.version < revised.version)
        .sort((a, b) => a.version - b.version)
        .at(-1)?.version
    : undefined;
  const earlier = revised && earlierVersion !== undefined ? await trendRuns(earlierVersion, [...revised.codes]) : [];
  const trendPairs = current.map((run) => ({ ...run, before: earlier.find((e) => e.area.question.code === run.area.question.code) ?? null }));

  // The funnel reads the headline as its row does, from the release the comparators come from.
  const funnelRelease = source.kind === "LIVE" ? source.comparators?.name : release;
  const headlineFunnel =
    headline && funnelRelease && FUNNEL_AREA_TYPES.has(profile.area.type)
      ? await funnel(scope, {
          questionSet: args.questionSet,
          question: headline.code,
          band: "POSITIVE",
          areaType: profile.area.type,
          period: detailPeriod,
          version,
          release: funnelRelease,
        })
      : null;

  const views = EHCP_SETS.has(args.questionSet) ? await ehcpViews(scope, profile.area.code, period, questions, release) : [];

  return {
    release,
    area: profile.area,
    questionSet: profile.questionSet,
    period: args.period,
    periodLabel: periodLabel(args.period),
    versions: [...new Set(items.flatMap((i) => i.versions))].sort((a, b) => a - b),
    syntheticData: profile.syntheticData,
    responses: args.responses,
    revised,
    access,
    detailArea,
    headline,
    outcomes,
    process,
    associations,
    breakdowns,
    trends: trendPairs,
    funnel: headlineFunnel,
    views,
  };
}

/** The themes this instrument shares with the other EHCP instruments, each read across all of them. */
async function ehcpViews(
  scope: Scope,
  area: string,
  period: { from: string; to: string },
  questions: QuestionRow[],
  release: string,
): Promise<TriangulationResult[]> {
  const themes = [...new Set(questions.filter((q) => q.theme && q.kind !== "ABOUT_YOU").map((q) => q.theme!))];
  const results = await Promise.all(themes.map((theme) => triangulation(scope, { area, theme, period, release })));
  return results.filter((r) => r.views.filter((v) => EHCP_SETS.has(v.questionSet.code)).length >= 2);
}
