import type { AreaRow } from "../area/index.ts";
import { ENGLAND } from "../area/index.ts";
import type { Band, QuestionRow, QuestionSetCode, QuestionSetRow } from "../questionset/index.ts";
import type { Scope } from "../scope/index.ts";
import { validated } from "../util/validate.ts";
import { cachedRead, cachedValue } from "./caching.ts";
import { EMPTY_BAND_CELLS, type LeafCells, leafBandCells, poolCells } from "./cube.ts";
import type { BandCells } from "./disclosure.ts";
import { type Atom, familyCells } from "./family.ts";
import { type CountableBand, type Measure, notComparableMeasure, publishBand } from "./measure.ts";
import type { Period, PeriodInput } from "./period.ts";
import type { ReferenceData } from "./reference.ts";
import { type FigureSource, figureSource } from "./source.ts";
import { type ComparisonOutcome, compareWithComparator, type Polarity, quantile } from "./statistics.ts";
import { assertBandOf, assertCountableBand, polarityOf, poolingOf, resolveArea, resolveGradedQuestion, resolveSetAndPeriod, versionsOfAll } from "./target.ts";
import { areaProfileArgs, benchmarkArgs } from "./validation.ts";

export type Comparator = "ENGLAND" | "REGION" | "STATISTICAL_NEIGHBOURS";

export interface ComparisonResult {
  comparator: Comparator;
  name: string;
  areaCodes: string[];
  measure: Measure;
  outcome: ComparisonOutcome;
}

export interface RankResult {
  position: number;
  of: number;
  quartile: number;
  peerType: AreaRow["type"];
  /** The ranked areas' published percentages: what a spine chart draws the area against. */
  spread: Spread;
}

export interface Spread {
  lowest: number;
  lowerQuartile: number;
  median: number;
  upperQuartile: number;
  highest: number;
}

/** The five-number summary of published values (at least one). */
export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    lowest: sorted[0]!,
    lowerQuartile: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    upperQuartile: quantile(sorted, 0.75),
    highest: sorted.at(-1)!,
  };
}

export interface BenchmarkItem {
  question: QuestionRow;
  band: Band;
  polarity: Polarity;
  value: Measure;
  england: Measure;
  comparisons: ComparisonResult[];
  rank: RankResult | null;
}

export interface FigureScope {
  /** The release the figure was read from, or "LIVE" (an organisation's own responses). */
  release: string;
  questionSet: QuestionSetRow;
  area: AreaRow;
  period: Period | null;
  /** The versions whose responses the figure counts, oldest first. */
  versions: number[];
  syntheticData: boolean;
}

export type BenchmarkResult = FigureScope & BenchmarkItem;
export type AreaProfileResult = FigureScope & { band: Band; items: BenchmarkResult[] };

export type BenchmarkArgs = {
  questionSet: QuestionSetCode;
  question: string;
  area: string;
  band: Band;
  period?: PeriodInput | null;
  version?: number | null;
  /** A release's name, "LIVE", or (omitted) the latest release. */
  release?: string | null;
};

/** A question's band measure in a place: by the cell key method in a release, the true counts when live. */
export function measureAt(
  source: Pick<FigureSource, "ref" | "exact">,
  question: QuestionRow,
  cells: BandCells,
  band: CountableBand,
  place: { name: string },
): Measure {
  return publishBand(cells, band, { live: source.exact, areaName: place.name, bands: source.ref.bandsByQuestion.get(question.id)! });
}

/** Where a measure is counted: an area, or a list of areas pooled (an area's statistical neighbours). */
export type Place = { code: string; name: string } | { codes: string[]; name: string };

/**
 * What a figure reads of one source: the cells of every question it may count, year by year,
 * over every year the source holds, so that each measure can be judged with its family's atoms
 * (`family.ts`).
 */
export interface SourceCells {
  source: FigureSource;
  leaves: LeafCells;
}

/** Every year a source holds, as one period (null when it holds none). */
export function sourceSpan(source: FigureSource): Period | null {
  const years = [...new Set([...source.ref.yearsBySet.values()].flat())];
  return years.length ? { from: Math.min(...years), to: Math.max(...years) } : null;
}

/** A question's family: the versions it pools with (its pooling chain), whatever one figure counts. */
export function familyOf(ref: ReferenceData, question: QuestionRow, pool: { questionIds: readonly number[] }): number[] {
  return [...new Set([...(ref.chains.get(question.id) ?? []).map((l) => l.questionId), ...pool.questionIds])];
}

/** The atoms of a question's family at a place: each year's cells of each version's question. */
export function atomsAt(read: SourceCells, family: readonly number[], place: Place): Atom[] {
  const { ref } = read.source;
  const within = "code" in place ? place.code : place.codes;
  return family.flatMap((id) => {
    const leaves = read.leaves.get(id);
    const setId = ref.questionsById.get(id)?.questionSetId;
    if (!leaves || setId === undefined) return [];
    return (ref.yearsBySet.get(setId) ?? []).map((year) => ({ year, question: id, cells: poolCells(leaves, ref, within, year) }));
  });
}

/**
 * A question's band measure at a place over a period, as a release may publish it: from its
 * family's atoms, suppressed when the family is coarse and the period is finer than a version's
 * whole run (`family.ts`); live, the organisation's own true counts.
 */
export function familyMeasure(
  read: SourceCells,
  question: QuestionRow,
  pool: { questionIds: readonly number[] },
  period: Period | null,
  band: CountableBand,
  place: Place,
): Measure {
  const { source } = read;
  if (!period) return measureAt(source, question, EMPTY_BAND_CELLS, band, place);
  const bands = source.ref.bandsByQuestion.get(question.id)!;
  const { cells, blocked } = familyCells(
    atomsAt(read, familyOf(source.ref, question, pool), place),
    { questionIds: pool.questionIds, period },
    bands,
    source.exact,
  );
  return publishBand(cells, band, { live: source.exact, areaName: place.name, bands, blocked });
}

/** Competition ranking ("1224") of the area among peers of its type with a published value. */
function rankAmongPeers(
  read: SourceCells,
  question: QuestionRow,
  pool: { questionIds: readonly number[] },
  period: Period | null,
  band: CountableBand,
  area: AreaRow,
  value: Measure,
): RankResult | null {
  if (area.code === ENGLAND || value.percentage === null) return null;
  const { ref, db, key } = read.source;
  const polarity = polarityOf(band);
  const peers = ref.areasByType.get(area.type)!;
  const publishedValues = () => peers.map((peer) => familyMeasure(read, question, pool, period, band, peer).percentage).filter((p): p is number => p !== null);
  // Every peer's published value, the same for each of them: a release's are worked out once.
  const values = key
    ? cachedValue(db, key, `peers|${area.type}|${question.id}|${pool.questionIds.join(",")}|${period?.from}-${period?.to}|${band}`, publishedValues)
    : publishedValues();
  const better = polarity === "LOWER_IS_BETTER" ? (p: number) => p < value.percentage! : (p: number) => p > value.percentage!;
  const position = values.filter(better).length + 1;
  return {
    position,
    of: values.length,
    quartile: Math.floor(((position - 1) * 4) / values.length) + 1,
    peerType: area.type,
    spread: spreadOf(values),
  };
}

/**
 * The area's measure with its comparators and rank. In a release, all come from the release's
 * cells; a live measure (an organisation's own responses) is set beside the latest release's
 * comparators, and has no rank: its peers' figures are not live.
 */
function benchmarkItem(
  reads: { own: SourceCells; comparators: SourceCells | null },
  pool: { questionIds: number[] },
  period: Period | null,
  question: QuestionRow,
  area: AreaRow,
  band: CountableBand,
  notComparable: string | null = null,
): BenchmarkItem {
  const polarity = polarityOf(band);
  const { ref } = reads.own.source;
  if (notComparable) {
    return { question, band, polarity, value: notComparableMeasure(notComparable), england: notComparableMeasure(notComparable), comparisons: [], rank: null };
  }
  const value = familyMeasure(reads.own, question, pool, period, band, area);
  const theirs = reads.comparators;
  const measureOf = (place: Place) => (theirs ? familyMeasure(theirs, question, pool, period, band, place) : notComparableMeasure(NO_RELEASE));
  const england = area.code === ENGLAND && theirs === reads.own ? value : measureOf(ref.areas.get(ENGLAND)!);
  const comparisons: ComparisonResult[] = [];
  const compare = (comparatorName: Comparator, name: string, areaCodes: string[], measure: Measure) =>
    comparisons.push({
      comparator: comparatorName,
      name,
      areaCodes,
      measure,
      outcome: compareWithComparator(value.confidenceInterval, measure.percentage, polarity),
    });
  if (area.code !== ENGLAND) {
    compare("ENGLAND", "England", [ENGLAND], england);
    const parent = area.parentCode ? ref.areas.get(area.parentCode) : undefined;
    if (parent && parent.code !== ENGLAND) compare("REGION", parent.name, [parent.code], measureOf(parent));
    const neighbours = ref.neighbours.get(area.code);
    if (neighbours?.length)
      compare(
        "STATISTICAL_NEIGHBOURS",
        `${area.name}'s ${neighbours.length} statistical neighbours`,
        neighbours,
        measureOf({ codes: neighbours, name: "its statistical neighbours" }),
      );
  }
  const rank = theirs === reads.own ? rankAmongPeers(reads.own, question, pool, period, band, area, value) : null;
  return { question, band, polarity, value, england, comparisons, rank };
}

/** Why a live figure has no comparators: nothing is published yet. */
const NO_RELEASE = "No release has been cut yet, so there is no published figure to compare with.";

/** The cells a figure reads (every year, for its questions' families): its own source's, and (live) the latest release's for comparators. */
export async function cellsOf(source: FigureSource, questionIds: number[]): Promise<{ own: SourceCells; comparators: SourceCells | null }> {
  const read = async (s: FigureSource): Promise<SourceCells> => {
    const span = sourceSpan(s);
    return { source: s, leaves: span ? await leafBandCells(s, questionIds, span, true) : new Map() };
  };
  const comparator = source.comparators;
  const [own, comparators] = await Promise.all([read(source), comparator && comparator !== source ? read(comparator) : Promise.resolve(null)]);
  return { own, comparators: comparator === source ? own : comparators };
}

/** The source, version, area and period of a figure (see `resolveSetAndPeriod`; `codes`, the question codes it names). */
export async function resolveTarget(
  scope: Scope,
  args: { questionSet: QuestionSetCode; area: string; period?: PeriodInput | null; version?: number | null; release?: string | null },
  given?: FigureSource,
  codes: readonly string[] = [],
) {
  const source = given ?? (await figureSource(scope, args.release));
  const { ref } = source;
  const { questionSet, period } = resolveSetAndPeriod(ref, args.questionSet, args.version, args.period, codes);
  const area = resolveArea(ref, args.area);
  source.assertArea(area);
  return { source, ref, questionSet, area, period, oneVersion: args.version != null, syntheticData: ref.synthetic, release: source.name };
}

/**
 * One question for one area: its measure beside England, its region and its neighbours, and its
 * rank. `alsoAsked`: other question codes the version read must ask (a breakdown's `by`).
 */
export const benchmark = validated(
  benchmarkArgs,
  async (scope: Scope, args: BenchmarkArgs, given?: FigureSource, alsoAsked: readonly string[] = []): Promise<BenchmarkResult> => {
    const { source, ref, oneVersion, ...context } = await resolveTarget(scope, args, given, [args.question, ...alsoAsked]);
    const question = resolveGradedQuestion(ref, context.questionSet, args.question);
    const band = assertBandOf(ref, question, args.band);
    const pool = poolingOf(ref, context.questionSet, question, context.period, oneVersion);
    const reads = await cellsOf(source, familyOf(ref, question, pool));
    return { ...context, versions: pool.versions, ...benchmarkItem(reads, pool, context.period, question, context.area, band, pool.notComparable) };
  },
);

/**
 * Every graded question of a question set for one area whose scale has the band, in one read of
 * the cube.
 */
export const areaProfile = validated(
  areaProfileArgs,
  async (scope: Scope, args: Omit<BenchmarkArgs, "question">, given?: FigureSource): Promise<AreaProfileResult> => {
    const { source, ref, oneVersion, ...context } = await resolveTarget(scope, args, given);
    const band = assertCountableBand(args.band);
    const profile = () => profileOf(source, context, oneVersion, band);
    // A release's profile is the same for every reader: a dashboard's page is worked out once (it names its release).
    if (!source.key) return profile();
    const { questionSet, area, period } = context;
    return cachedRead(
      source.db,
      source.key,
      `profile|${source.name}|${questionSet.id}|${area.code}|${band}|${period?.from}-${period?.to}|${oneVersion}`,
      profile,
    );
  },
);

async function profileOf(
  source: FigureSource,
  context: Omit<Awaited<ReturnType<typeof resolveTarget>>, "source" | "ref" | "oneVersion">,
  oneVersion: boolean,
  band: CountableBand,
): Promise<AreaProfileResult> {
  const { ref } = source;
  const graded = ref.questionsBySet
    .get(context.questionSet.id)!
    .filter((q) => ref.gradedQuestionIds.has(q.id) && ref.bandsByQuestion.get(q.id)!.includes(band))
    .map((q) => ({ q, pool: poolingOf(ref, context.questionSet, q, context.period, oneVersion) }));
  const reads = await cellsOf(source, [...new Set(graded.flatMap(({ q, pool }) => familyOf(ref, q, pool)))]);
  const items = graded.map(({ q, pool }) => ({
    ...context,
    versions: pool.versions,
    ...benchmarkItem(reads, pool, context.period, q, context.area, band, pool.notComparable),
  }));
  return { ...context, versions: versionsOfAll(items.map((i) => i.versions)), band, items };
}
