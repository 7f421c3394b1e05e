import type { AreaRow } from "../area/area.sql.ts";
import { assertAreaCode, ENGLAND } from "../area/index.ts";
import type { Db } from "../db/types.ts";
import type { QuestionRow, QuestionSetRow } from "../questionset/questionset.sql.ts";
import type { Band, QuestionSetCode } from "../questionset/types.ts";
import type { Scope } from "../scope.ts";
import { type BandCells, leafBandCells, poolCells, poolQuestions } from "./cube.ts";
import { type CountableBand, type Measure, notComparableMeasure, publishBand } from "./measure.ts";
import type { Period, PeriodInput } from "./period.ts";
import { type ReferenceData, referenceData } from "./reference.ts";
import { type ComparisonOutcome, compareWithComparator, type Polarity } from "./statistics.ts";
import { assertBandOf, assertCountableBand, polarityOf, poolingOf, resolveArea, resolveGradedQuestion, resolveSetAndPeriod, versionsOfAll } from "./target.ts";

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
  questionSet: QuestionSetRow;
  area: AreaRow;
  period: Period | null;
  /** The versions whose responses the figure counts, oldest first. */
  versions: number[];
  syntheticData: boolean;
}

export type BenchmarkResult = FigureScope & BenchmarkItem;
export type AreaProfileResult = FigureScope & { band: Band; items: BenchmarkResult[] };

export interface BenchmarkArgs {
  questionSet: QuestionSetCode;
  question: string;
  area: string;
  band: Band;
  period?: PeriodInput | null;
  version?: number | null;
}

/** A question's band measure in a place: exact at England, rounded by the cell key method elsewhere. */
export function measureAt(ref: ReferenceData, question: QuestionRow, cells: BandCells, band: CountableBand, place: { code?: string; name: string }): Measure {
  return publishBand(cells, band, { exact: place.code === ENGLAND, areaName: place.name, bands: ref.bandsByQuestion.get(question.id)! });
}

/** Competition ranking ("1224") of the area among peers of its type with a published value. */
function rankAmongPeers(
  ref: ReferenceData,
  leaves: Parameters<typeof poolCells>[0],
  question: QuestionRow,
  band: CountableBand,
  area: AreaRow,
  value: Measure,
): RankResult | null {
  if (area.code === ENGLAND || value.percentage === null) return null;
  const polarity = polarityOf(band);
  const peers = ref.areasByType.get(area.type)!;
  const values = peers.map((peer) => measureAt(ref, question, poolCells(leaves, ref, peer.code), band, peer).percentage).filter((p): p is number => p !== null);
  const better = polarity === "LOWER_IS_BETTER" ? (p: number) => p < value.percentage! : (p: number) => p > value.percentage!;
  const position = values.filter(better).length + 1;
  return { position, of: values.length, quartile: Math.floor(((position - 1) * 4) / values.length) + 1, peerType: area.type };
}

function benchmarkItem(
  ref: ReferenceData,
  leaves: Parameters<typeof poolCells>[0],
  question: QuestionRow,
  area: AreaRow,
  band: CountableBand,
  notComparable: string | null = null,
): BenchmarkItem {
  const polarity = polarityOf(band);
  if (notComparable) {
    const none = notComparableMeasure(notComparable, area.code === ENGLAND ? "EXACT" : "ROUNDED");
    return { question, band, polarity, value: none, england: notComparableMeasure(notComparable, "EXACT"), comparisons: [], rank: null };
  }
  const measureOf = (place: { code: string; name: string }, cells = poolCells(leaves, ref, place.code)) => measureAt(ref, question, cells, band, place);
  const value = measureOf(area);
  // Stryker disable next-line ConditionalExpression: England's measure made again is the same measure (this saves the work)
  const england = area.code === ENGLAND ? value : measureOf(ref.areas.get(ENGLAND)!);
  const comparisons: ComparisonResult[] = [];
  const compare = (comparator: Comparator, name: string, areaCodes: string[], measure: Measure) =>
    comparisons.push({ comparator, name, areaCodes, measure, outcome: compareWithComparator(value.confidenceInterval, measure.percentage, polarity) });
  if (area.code !== ENGLAND) {
    compare("ENGLAND", "England", [ENGLAND], england);
    const parent = area.parentCode ? ref.areas.get(area.parentCode) : undefined;
    if (parent && parent.code !== ENGLAND) compare("REGION", parent.name, [parent.code], measureOf(parent));
    const neighbours = ref.neighbours.get(area.code);
    if (neighbours?.length) {
      const pooled = poolCells(leaves, ref, neighbours);
      compare(
        "STATISTICAL_NEIGHBOURS",
        `${area.name}'s ${neighbours.length} statistical neighbours`,
        neighbours,
        measureAt(ref, question, pooled, band, { name: "its statistical neighbours" }),
      );
    }
  }
  return { question, band, polarity, value, england, comparisons, rank: rankAmongPeers(ref, leaves, question, band, area, value) };
}

/** The version, area and period of a figure (see `resolveSetAndPeriod`). */
async function resolveTarget(db: Db, args: { questionSet: QuestionSetCode; area: string; period?: PeriodInput | null; version?: number | null }) {
  assertAreaCode(args.area, "area");
  const ref = await referenceData(db);
  const { questionSet, period } = resolveSetAndPeriod(ref, args.questionSet, args.version, args.period);
  const area = resolveArea(ref, args.area);
  return { ref, questionSet, area, period, oneVersion: args.version != null, syntheticData: ref.synthetic };
}

/** One question for one area: its measure beside England, its region and its neighbours, and its rank. */
export async function benchmark({ db }: Scope, args: BenchmarkArgs): Promise<BenchmarkResult> {
  const { ref, oneVersion, ...context } = await resolveTarget(db, args);
  const question = resolveGradedQuestion(ref, context.questionSet, args.question);
  const band = assertBandOf(ref, question, args.band);
  const pool = poolingOf(ref, context.questionSet, question, context.period, oneVersion);
  const cells = context.period ? await leafBandCells(db, ref.version, pool.questionIds, context.period) : new Map();
  return {
    ...context,
    versions: pool.versions,
    ...benchmarkItem(ref, poolQuestions(cells, pool.questionIds), question, context.area, band, pool.notComparable),
  };
}

/**
 * Every graded question of a question set for one area whose scale has the band, in one read of
 * the cube.
 */
export async function areaProfile({ db }: Scope, args: Omit<BenchmarkArgs, "question">): Promise<AreaProfileResult> {
  const { ref, oneVersion, ...context } = await resolveTarget(db, args);
  const band = assertCountableBand(args.band);
  const graded = ref.questionsBySet
    .get(context.questionSet.id)!
    .filter((q) => ref.gradedQuestionIds.has(q.id) && ref.bandsByQuestion.get(q.id)!.includes(band))
    .map((q) => ({ q, pool: poolingOf(ref, context.questionSet, q, context.period, oneVersion) }));
  const cells = context.period ? await leafBandCells(db, ref.version, [...new Set(graded.flatMap(({ pool }) => pool.questionIds))], context.period) : new Map();
  const items = graded.map(({ q, pool }) => ({
    ...context,
    versions: pool.versions,
    ...benchmarkItem(ref, poolQuestions(cells, pool.questionIds), q, context.area, band, pool.notComparable),
  }));
  return { ...context, versions: versionsOfAll(items.map((i) => i.versions)), band, items };
}
