import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/index.ts";
import { cachedRead } from "./caching.ts";
import { addCells, type BandCells, type Cell, EMPTY_CELL } from "./disclosure.ts";
import type { Period } from "./period.ts";
import type { ReferenceData } from "./reference.ts";

export const EMPTY_BAND_CELLS: BandCells = { POSITIVE: EMPTY_CELL, NEUTRAL: EMPTY_CELL, NEGATIVE: EMPTY_CELL, answered: EMPTY_CELL };
export function addBandCells(a: BandCells, b: BandCells): BandCells {
  return {
    POSITIVE: addCells(a.POSITIVE, b.POSITIVE),
    NEUTRAL: addCells(a.NEUTRAL, b.NEUTRAL),
    NEGATIVE: addCells(a.NEGATIVE, b.NEGATIVE),
    answered: addCells(a.answered, b.answered),
  };
}

/** The columns that sum a cube's rows into `BandCells`; `toBandCells` reads them back. */
export function bandSums() {
  return sql`
  sum(count) filter (where band = 'POSITIVE')::int as pn, sum(key_sum) filter (where band = 'POSITIVE')::int as pk,
  sum(count) filter (where band = 'NEUTRAL')::int as un, sum(key_sum) filter (where band = 'NEUTRAL')::int as uk,
  sum(count) filter (where band = 'NEGATIVE')::int as nn, sum(key_sum) filter (where band = 'NEGATIVE')::int as nk,
  sum(count) filter (where band <> 'EXCLUDED')::int as an, sum(key_sum) filter (where band <> 'EXCLUDED')::int as ak`;
}

export interface BandSumsRow {
  pn: number | null;
  pk: number | null;
  un: number | null;
  uk: number | null;
  nn: number | null;
  nk: number | null;
  an: number | null;
  ak: number | null;
}

function cellOf(count: number | null, keySum: number | null): Cell {
  return { count: count ?? 0, keySum: keySum ?? 0 };
}
export function toBandCells(r: BandSumsRow | undefined): BandCells {
  return r ? { POSITIVE: cellOf(r.pn, r.pk), NEUTRAL: cellOf(r.un, r.uk), NEGATIVE: cellOf(r.nn, r.nk), answered: cellOf(r.an, r.ak) } : EMPTY_BAND_CELLS;
}

/**
 * Band cells of some questions for every leaf area (council or ICB), over a period or year by
 * year: one indexed read of the band cube, whose size does not depend on how many responses
 * there are. Keyed question id → area code → (year, or 0 over the whole period).
 */
export type LeafCells = Map<number, Map<string, Map<number, BandCells>>>;

/**
 * Where figures are counted from: a release's frozen cubes, or an organisation's live responses
 * counted when asked (`figure/source.ts`). `bandCounts` and `responseCounts` are relations with
 * the columns of the cubes (`band_counts`, `response_counts`); `key` is what reads of it are
 * cached under, null for data that may change between two reads.
 */
export interface CubeSource {
  db: Db;
  key: string | null;
  bandCounts: SQL;
  responseCounts: SQL;
}

/**
 * Band cells of some questions for every leaf area, over a period or year by year: one indexed
 * read of the source's band cube, kept in memory when the source never changes (a release).
 */
export async function leafBandCells(source: CubeSource, questionIds: number[], period: Period, byYear = false): Promise<LeafCells> {
  if (questionIds.length === 0) return new Map();
  const read = () => readLeafCells(source, questionIds, period, byYear);
  return source.key === null ? read() : cachedRead(source.db, source.key, `cells|${period.from}-${period.to}|${byYear}|${questionIds.join(",")}`, read);
}

/** `(1, 2, 3)`: ids for an SQL `in`, each a bound parameter. */
export function idList(ids: number[]) {
  return sql`(${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

async function readLeafCells(source: CubeSource, questionIds: number[], period: Period, byYear: boolean): Promise<LeafCells> {
  const rows = await queryRows<BandSumsRow & { question_id: number; area_code: string; year: number }>(
    source.db,
    sql`select question_id, area_code, ${byYear ? sql`financial_year` : sql`0`}::int as year, ${bandSums()}
        from ${source.bandCounts} c
        where question_id in ${idList(questionIds)} and financial_year between ${period.from} and ${period.to}
        group by 1, 2, 3`,
  );
  const result: LeafCells = new Map();
  for (const row of rows) {
    const byArea = result.get(row.question_id) ?? new Map<string, Map<number, BandCells>>();
    result.set(row.question_id, byArea);
    const byYearMap = byArea.get(row.area_code) ?? new Map<number, BandCells>();
    byArea.set(row.area_code, byYearMap);
    byYearMap.set(row.year, toBandCells(row));
  }
  return result;
}

/** One question's leaf cells over the versions it pools: the cells of each of `questionIds` added together. */
export function poolQuestions(cells: LeafCells, questionIds: number[]): Map<string, Map<number, BandCells>> | undefined {
  if (questionIds.length === 1) return cells.get(questionIds[0]!);
  let pooled: Map<string, Map<number, BandCells>> | undefined;
  for (const id of questionIds) {
    for (const [area, years] of cells.get(id) ?? []) {
      pooled ??= new Map();
      const into = pooled.get(area) ?? new Map<number, BandCells>();
      pooled.set(area, into);
      for (const [year, band] of years) into.set(year, addBandCells(into.get(year) ?? EMPTY_BAND_CELLS, band));
    }
  }
  return pooled;
}

/** Pools leaf cells into any area (all its leaves) or a list of areas (e.g. statistical neighbours). */
export function poolCells(leaves: Map<string, Map<number, BandCells>> | undefined, ref: ReferenceData, within: string | string[], year = 0): BandCells {
  if (!leaves) return EMPTY_BAND_CELLS;
  const type = typeof within === "string" ? ref.areas.get(within)?.type : undefined;
  if (type === "LOCAL_AUTHORITY" || type === "ICB") return leaves.get(within as string)?.get(year) ?? EMPTY_BAND_CELLS;
  const codes = typeof within === "string" ? null : new Set(within);
  let total = EMPTY_BAND_CELLS;
  for (const [areaCode, years] of leaves) {
    const inside = codes ? codes.has(areaCode) : ref.ancestors.get(areaCode)?.has(within as string);
    const cells = years.get(year);
    if (inside && cells) total = addBandCells(total, cells);
  }
  return total;
}
