import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/index.ts";
import { idList } from "./cube.ts";
import { JointCounter, type JointRow } from "./joint-count.ts";
import { layoutOf, parseChoices } from "./joint-layout.ts";
import type { StaticReference } from "./reference.ts";

/**
 * An organisation's own joint counts, counted from its responses when asked, by the counter that
 * counts a release's when it is cut (`joint-count.ts`), so that a live figure and a published one
 * count alike. Two-way cells are kept by area, not region: a live figure is of an area the
 * organisation covers.
 */
export async function liveJointRows(
  db: Db,
  reference: StaticReference,
  which: SQL,
  areas: readonly string[],
  kind: number,
  years: number[],
  keys: readonly (readonly [number, number, number])[],
): Promise<Map<string, JointRow>> {
  const found = new Map<string, JointRow>();
  const sets = [...new Set(keys.map(([first]) => reference.questionsById.get(first)?.questionSetId).filter((id): id is number => id !== undefined))];
  if (!sets.length || !years.length || !areas.length) return found;
  const rows = await queryRows<{ set: number; year: number; area: string; key: number; choices: string }>(
    db,
    sql`select r.question_set_id as set, r.financial_year as year, r.area_code as area, r.record_key as key, array_to_string(r.choices, ',') as choices
        from responses r where ${which} and r.question_set_id in ${idList(sets)} and r.financial_year in ${idList(years)}`,
  );
  const counters = new Map<string, JointCounter>();
  for (const row of rows) {
    const id = `${row.set}|${row.year}`;
    let counter = counters.get(id);
    if (!counter) {
      counter = new JointCounter(layoutOf(reference, row.set), { codes: areas, regionOf: (code) => code });
      counters.set(id, counter);
    }
    counter.add(row.area, row.key, parseChoices(row.choices));
  }
  const wanted = new Set(keys.map((k) => k.join("|")));
  for (const [id, counter] of counters) {
    const year = Number(id.split("|")[1]);
    for (const row of counter.rows())
      if (row.kind === kind && wanted.has(`${row.first}|${row.second}|${row.third}`)) found.set(`${year}|${row.first}|${row.second}|${row.third}`, row);
  }
  return found;
}
