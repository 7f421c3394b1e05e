import type { AreaRow, AreaType } from "../area/index.ts";
import { ENGLAND } from "../area/index.ts";
import { badInput } from "../errors/index.ts";
import type { Band, QuestionRow, QuestionSetCode } from "../questionset/index.ts";
import { collectedIn } from "../questionset/index.ts";
import type { Scope } from "../scope/index.ts";
import { validated } from "../util/validate.ts";
import { cellsOf, type FigureScope, familyMeasure, familyOf, resolveTarget } from "./benchmark.ts";
import { cachedRead } from "./caching.ts";
import { bandOf, type ExpectedBand, funnelLimits, type Overdispersion, overdispersion, zWithRandomEffect } from "./casemix.ts";
import { type Measure, notComparableMeasure } from "./measure.ts";
import type { PeriodInput } from "./period.ts";
import { LIVE } from "./source.ts";
import type { Polarity } from "./statistics.ts";
import { assertBandOf, polarityOf, poolingOf, resolveGradedQuestion } from "./target.ts";
import { funnelArgs } from "./validation.ts";

export type FunnelArgs = {
  questionSet: QuestionSetCode;
  question: string;
  band: Band;
  /** The areas set side by side; where the instrument is collected when omitted. */
  areaType?: AreaType | null;
  period?: PeriodInput | null;
  version?: number | null;
  release?: string | null;
};

export interface FunnelPoint {
  area: AreaRow;
  /** The area's published measure, exactly as `benchmark` gives it. */
  value: Measure;
  /** Its z-score against England with the random effect added to its own variance; null when not published. */
  z: number | null;
  /** The CQC's band; null when not published, or when the band has no better or worse. */
  compared: ExpectedBand | null;
}

export interface FunnelLimit {
  respondents: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

export type FunnelResult = FigureScope & {
  question: QuestionRow;
  band: Band;
  polarity: Polarity;
  areaType: AreaType;
  /** England's published measure: the funnel's centre. */
  england: Measure;
  points: FunnelPoint[];
  limits: FunnelLimit[];
  overdispersion: Overdispersion;
};

/** How many sizes the limits are given at, from the smallest area's answers to the largest's. */
export const LIMIT_STEPS = 40;

/**
 * Every area of a type on one question: its published measure against England's as a funnel,
 * with 95% and 99.8% limits as a function of the number answering, overdispersion handled by
 * Spiegelhalter's (2005) additive random effect, and each area banded as the CQC bands trusts.
 * Made of published figures only (each point is the area's `benchmark`), so it discloses
 * nothing new; read from a release, since its areas' figures are not live.
 */
export const funnel = validated(funnelArgs, async (scope: Scope, args: FunnelArgs): Promise<FunnelResult> => {
  // Whoever asks: other areas' figures are never live.
  if (args.release === LIVE) throw badInput("A funnel sets every area's published figure side by side: read it from a release, not LIVE", "release");
  const { source, ref, oneVersion, ...context } = await resolveTarget(scope, { ...args, area: ENGLAND }, undefined, [args.question]);
  const areaType = args.areaType ?? collectedIn(args.questionSet);
  const question = resolveGradedQuestion(ref, context.questionSet, args.question);
  const band = assertBandOf(ref, question, args.band);
  const pool = poolingOf(ref, context.questionSet, question, context.period, oneVersion);
  const build = async (): Promise<FunnelResult> => {
    const { own } = await cellsOf(source, familyOf(ref, question, pool));
    // A question that cannot pool the period's versions has no figure anywhere: every point says why.
    const measure = (area: AreaRow) =>
      pool.notComparable ? notComparableMeasure(pool.notComparable) : familyMeasure(own, question, pool, context.period, band, area);
    const england = measure(ref.areas.get(ENGLAND)!);
    const polarity = polarityOf(band);
    const areas = (ref.areasByType.get(areaType) ?? []).filter((a) => source.covers(a));
    const measured = areas.map((area) => ({ area, value: measure(area) }));
    const p0 = england.status === "AVAILABLE" ? england.numerator! / england.denominator! : null;
    const published = measured.filter((m) => p0 !== null && m.value.status === "AVAILABLE" && m.value.denominator! > 0);
    const units = published.map((m) => {
      const adjusted = m.value.numerator! / m.value.denominator!;
      const s = Math.sqrt((p0! * (1 - p0!)) / m.value.denominator!);
      return { area: m.area.code, adjusted, s, z: (adjusted - p0!) / s };
    });
    const od = overdispersion(units);
    const zOf = new Map(units.map((u) => [u.area, zWithRandomEffect(u, p0!, od.tau2)]));
    const points: FunnelPoint[] = measured.map(({ area, value }) => {
      const z = zOf.get(area.code) ?? null;
      const judged = z === null || polarity === "NO_JUDGEMENT" ? null : bandOf(polarity === "LOWER_IS_BETTER" ? -z : z);
      return { area, value, z, compared: judged };
    });
    const sizes = published.map((m) => m.value.denominator!);
    const limits = p0 === null || !sizes.length ? [] : limitsBetween(p0, Math.min(...sizes), Math.max(...sizes), od.tau2);
    return { ...context, versions: pool.versions, question, band, polarity, areaType, england, points, limits, overdispersion: od };
  };
  // A release's funnel is the same for every reader: worked out once.
  if (!source.key) return build();
  const { questionSet, period } = context;
  return cachedRead(
    source.db,
    source.key,
    `funnel|${source.name}|${questionSet.id}|${question.id}|${band}|${areaType}|${period?.from}-${period?.to}|${oneVersion}`,
    build,
  );
});

/** The limits, in percentages, at sizes spaced evenly on a log scale from `from` to `to` answers. */
function limitsBetween(p0: number, from: number, to: number, tau2: number): FunnelLimit[] {
  const low = Math.max(1, Math.floor(from * 0.9));
  const high = Math.max(low + 1, Math.ceil(to * 1.1));
  const sizes = [...new Set(Array.from({ length: LIMIT_STEPS }, (_, i) => Math.round(low * (high / low) ** (i / (LIMIT_STEPS - 1)))))];
  return sizes.map((respondents) => {
    const l = funnelLimits(p0, respondents, tau2);
    return {
      respondents,
      lower95: Math.max(0, l.lower95) * 100,
      upper95: Math.min(1, l.upper95) * 100,
      lower998: Math.max(0, l.lower998) * 100,
      upper998: Math.min(1, l.upper998) * 100,
    };
  });
}
