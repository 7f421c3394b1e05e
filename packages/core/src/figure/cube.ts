import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../db/types.ts";
import type { Band } from "../questionset/types.ts";
import { addCells, EMPTY_CELL, type Cell } from "./disclosure.ts";
import type { Period } from "./period.ts";
import type { ReferenceData } from "./reference.ts";

/**
 * The two cells of a measure (answers in the band; answers outside EXCLUDED) and the population
 * they are counted in (the responses of the question set in that area and period).
 */
export interface MeasureCells {
  numerator: Cell;
  denominator: Cell;
  population: Cell;
}

export const EMPTY_MEASURE_CELLS: MeasureCells = { numerator: EMPTY_CELL, denominator: EMPTY_CELL, population: EMPTY_CELL };
export const addMeasureCells = (a: MeasureCells, b: MeasureCells): MeasureCells => ({
  numerator: addCells(a.numerator, b.numerator),
  denominator: addCells(a.denominator, b.denominator),
  population: addCells(a.population, b.population),
});

interface Row {
  question_id: number;
  area_code: string;
  year: number;
  n: number | null;
  nk: number | null;
  d: number | null;
  dk: number | null;
  p: number | null;
  pk: number | null;
}

const toCells = (r: Row): MeasureCells => ({
  numerator: { count: r.n ?? 0, keySum: r.nk ?? 0 },
  denominator: { count: r.d ?? 0, keySum: r.dk ?? 0 },
  population: { count: r.p ?? 0, keySum: r.pk ?? 0 },
});

/**
 * Measure cells of some questions for every leaf area (council or ICB), over a period or year by
 * year: one indexed read of the band cube, whose size does not depend on how many responses
 * there are. Keyed question id → area code → (year, or 0 over the whole period).
 */
export type LeafCells = Map<number, Map<string, Map<number, MeasureCells>>>;

const CACHE_SIZE = 500;
const cache = new WeakMap<Db, Map<string, Promise<LeafCells>>>();

/**
 * `readLeafCells`, cached per database by cube version: a dashboard's repeated reads cost one
 * one-row query, and any write to the cubes (which bumps the version) is seen at once.
 */
export async function leafMeasureCells(db: Db, questionIds: number[], band: Band, period: Period, byYear = false): Promise<LeafCells> {
  if (questionIds.length === 0) return new Map();
  const [row] = await queryRows<{ version: number }>(db, sql`select version from cube_version`);
  const key = `${row?.version ?? 0}|${band}|${period.from}-${period.to}|${byYear}|${questionIds.join(",")}`;
  const entries = cache.get(db) ?? new Map<string, Promise<LeafCells>>();
  cache.set(db, entries);
  let cells = entries.get(key);
  if (!cells) {
    cells = readLeafCells(db, questionIds, band, period, byYear);
    cells.catch(() => entries.delete(key));
    entries.set(key, cells);
    if (entries.size > CACHE_SIZE) entries.delete(entries.keys().next().value!);
  }
  return cells;
}

async function readLeafCells(db: Db, questionIds: number[], band: Band, period: Period, byYear: boolean): Promise<LeafCells> {
  const year = byYear ? sql`financial_year` : sql`0`;
  const ids = sql.join(questionIds.map((id) => sql`${id}`), sql`, `);
  const rows = await queryRows<Row>(
    db,
    sql`with cells as (
          select question_id, area_code, ${year}::int as year,
            sum(count) filter (where band = ${band})::int as n, sum(key_sum) filter (where band = ${band})::int as nk,
            sum(count) filter (where band <> 'EXCLUDED')::int as d, sum(key_sum) filter (where band <> 'EXCLUDED')::int as dk
          from band_counts
          where question_id in (${ids}) and financial_year between ${period.from} and ${period.to}
          group by 1, 2, 3
        ), population as (
          select question_set_id, area_code, ${byYear ? sql`financial_year` : sql`0`}::int as year, sum(count)::int as p, sum(key_sum)::int as pk
          from response_counts
          where question_set_id in (select question_set_id from questions where id in (${ids})) and financial_year between ${period.from} and ${period.to}
          group by 1, 2, 3
        )
        select c.*, p.p, p.pk from cells c join questions q on q.id = c.question_id
        left join population p on p.question_set_id = q.question_set_id and p.area_code = c.area_code and p.year = c.year`,
  );
  const result: LeafCells = new Map();
  for (const row of rows) {
    const byArea = result.get(row.question_id) ?? new Map<string, Map<number, MeasureCells>>();
    result.set(row.question_id, byArea);
    const byYearMap = byArea.get(row.area_code) ?? new Map<number, MeasureCells>();
    byArea.set(row.area_code, byYearMap);
    byYearMap.set(row.year, toCells(row));
  }
  return result;
}

/** Pools leaf cells into any area (all its leaves) or a list of areas (e.g. statistical neighbours). */
export function poolCells(leaves: Map<string, Map<number, MeasureCells>> | undefined, ref: ReferenceData, within: string | string[], year = 0): MeasureCells {
  if (!leaves) return EMPTY_MEASURE_CELLS;
  const type = typeof within === "string" ? ref.areas.get(within)?.type : undefined;
  if (type === "LOCAL_AUTHORITY" || type === "ICB") return leaves.get(within as string)?.get(year) ?? EMPTY_MEASURE_CELLS;
  const codes = typeof within === "string" ? null : new Set(within);
  let total = EMPTY_MEASURE_CELLS;
  for (const [areaCode, years] of leaves) {
    const inside = codes ? codes.has(areaCode) : ref.ancestors.get(areaCode)?.has(within as string);
    const cells = years.get(year);
    if (inside && cells) total = addMeasureCells(total, cells);
  }
  return total;
}

/** SQL for the key sum of a population: the responses of a question set in an area and period. */
export const populationKey = (questionSetId: number, areaCode: string, period: Period) => sql`(
  select coalesce(sum(r.key_sum), 0)::int from response_counts r join area_ancestors pa on pa.area_code = r.area_code and pa.ancestor_code = ${areaCode}
  where r.question_set_id = ${questionSetId} and r.financial_year between ${period.from} and ${period.to})`;
