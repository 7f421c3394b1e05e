import { createHash } from "node:crypto";
import { asc, sql } from "drizzle-orm";
import { type AreaRow, areaAncestors, areas, statisticalNeighbours } from "../area/index.ts";
import { type Db, queryRows } from "../db/index.ts";
import { poolingChain, type QuestionRow, type QuestionSetRow, questionSets, questions, type ScaleOptionRow, scaleOptions } from "../questionset/index.ts";
import { groupBy } from "../util/loader.ts";
import { timedMemo } from "../util/memo.ts";
import { COUNTABLE_BANDS, type CountableBand } from "./measure.ts";

/**
 * What every figure needs besides counts: the area hierarchy, statistical neighbours and the
 * question catalogue. It changes only when reference data or a question set is loaded, so it is
 * read once and kept for a minute per database.
 */
export interface StaticReference {
  /** Every area by code, in code order. */
  areas: Map<string, AreaRow>;
  /** Areas of each type, the peers an area is ranked among. */
  areasByType: Map<AreaRow["type"], AreaRow[]>;
  /** Each area's ancestors and itself. */
  ancestors: Map<string, Set<string>>;
  neighbours: Map<string, string[]>;
  questionSets: QuestionSetRow[];
  /** Every question set's questions, in order (an empty list for a set without any). */
  questionsBySet: Map<number, QuestionRow[]>;
  questionsById: Map<number, QuestionRow>;
  /** Questions whose answers have a direction (a POSITIVE or NEGATIVE option): the measurable ones. */
  gradedQuestionIds: Set<number>;
  /** The countable bands on each graded question's scale, in the order POSITIVE, NEUTRAL, NEGATIVE. */
  bandsByQuestion: Map<number, CountableBand[]>;
  /** Each scale's options, in position order. */
  optionsByScale: Map<number, ScaleOptionRow[]>;
  /**
   * Each question's pooling chain, oldest first: the question of the same code in each earlier
   * version its figures pool with (see `poolingChain`), then itself.
   */
  chains: Map<number, { version: number; setId: number; questionId: number }[]>;
  /**
   * A digest of all of the above as loaded: what a release's figures are worked out from besides
   * its counts, so what its kept reads and values are keyed on with it (comparators and ranks
   * follow new neighbours or areas once `setup` loads them).
   */
  fingerprint: string;
}

/** The reference data as one source of figures sees it: a release, or an organisation's live responses. */
export interface ReferenceData extends StaticReference {
  /** Financial years with responses in the source, by question set id. */
  yearsBySet: Map<number, number[]>;
  /** Whether the source holds synthetic (demo) responses: then every figure says so. */
  synthetic: boolean;
}

/** Reference data and question sets, kept per database for a minute (`staticReference`). */
const kept = timedMemo<Promise<StaticReference>>(60_000);

async function load(db: Db): Promise<StaticReference> {
  const [areaRows, closure, neighbourRows, setRows, questionRows, optionRows, graded] = await Promise.all([
    db.select().from(areas).orderBy(asc(areas.code)),
    db.select().from(areaAncestors),
    db.select().from(statisticalNeighbours).orderBy(asc(statisticalNeighbours.areaCode), asc(statisticalNeighbours.rank)),
    db.select().from(questionSets).orderBy(asc(questionSets.id)),
    db.select().from(questions).orderBy(asc(questions.questionSetId), asc(questions.position)),
    db.select().from(scaleOptions).orderBy(asc(scaleOptions.scaleId), asc(scaleOptions.position)),
    queryRows<{ id: number; band: CountableBand }>(
      db,
      sql`select distinct q.id, o.band from questions q join scale_options o on o.scale_id = q.scale_id where o.band in ('POSITIVE', 'NEUTRAL', 'NEGATIVE')`,
    ),
  ]);
  const ancestors = new Map<string, Set<string>>();
  for (const row of closure) {
    const set = ancestors.get(row.areaCode) ?? new Set<string>();
    set.add(row.ancestorCode);
    ancestors.set(row.areaCode, set);
  }
  const questionsBySet = new Map(setRows.map((s) => [s.id, questionRows.filter((q) => q.questionSetId === s.id)]));
  const setAt = new Map(setRows.map((s) => [`${s.code}@${s.version}`, s]));
  const chains = new Map<number, { version: number; setId: number; questionId: number }[]>();
  for (const set of setRows) {
    for (const question of questionsBySet.get(set.id)!) {
      const sameCodeIn = (version: number) => questionsBySet.get(setAt.get(`${set.code}@${version}`)?.id ?? -1)?.find((q) => q.code === question.code);
      const chain = poolingChain(question, set.version, sameCodeIn);
      chains.set(
        question.id,
        chain.map((link) => ({ version: link.version, setId: link.question.questionSetId, questionId: link.question.id })),
      );
    }
  }
  return {
    fingerprint: createHash("sha256")
      .update(JSON.stringify([areaRows, closure, neighbourRows, setRows, questionRows, optionRows, graded]))
      .digest("hex")
      .slice(0, 16),
    areas: new Map(areaRows.map((a) => [a.code, a])),
    areasByType: groupBy(areaRows, (a) => a.type),
    ancestors,
    neighbours: new Map([...groupBy(neighbourRows, (n) => n.areaCode)].map(([code, rows]) => [code, rows.map((r) => r.neighbourCode)])),
    questionSets: setRows,
    questionsBySet,
    questionsById: new Map(questionRows.map((q) => [q.id, q])),
    chains,
    gradedQuestionIds: gradedQuestionIds(graded),
    bandsByQuestion: new Map([...groupBy(graded, (g) => g.id)].map(([id, rows]) => [id, COUNTABLE_BANDS.filter((b) => rows.some((r) => r.band === b))])),
    optionsByScale: groupBy(optionRows, (o) => o.scaleId),
  };
}

/**
 * Kept per database for a minute: reference data and question sets change only when `setup`
 * loads them, and every process sees that within the minute.
 */
export async function staticReference(db: Db): Promise<StaticReference> {
  return kept.get(db, () => load(db));
}

/** The questions with a POSITIVE or NEGATIVE option: a scale of NEUTRAL answers alone grades nothing. */
export function gradedQuestionIds(bands: readonly { id: number; band: CountableBand }[]): Set<number> {
  return new Set(bands.filter((b) => b.band !== "NEUTRAL").map((b) => b.id));
}

/** The financial years with responses to any of these question sets, in order. */
export function yearsOf(ref: Pick<ReferenceData, "yearsBySet">, setIds: number[]): number[] {
  return [...new Set(setIds.flatMap((id) => ref.yearsBySet.get(id) ?? []))].sort((a, b) => a - b);
}

/** After loading reference data, question sets or demo data in this process: drops what `staticReference` keeps. */
export const invalidateReferenceData: (db: Db) => void = kept.forget;
