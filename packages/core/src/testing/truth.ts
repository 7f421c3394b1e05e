import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../db/types.ts";
import type { MeasureCells } from "../figure/cube.ts";

/**
 * A measure's cells computed the slow, obvious way, from the stored answers of live responses:
 * what the cubes must agree with. `area` pools every response whose area lies within it.
 */
export async function trueCells(db: Db, args: { questionSet: string; question: string; area: string; band: string; from?: number; to?: number }): Promise<MeasureCells> {
  const years = sql`r.financial_year between ${args.from ?? 0} and ${args.to ?? 9999}`;
  const [row] = await queryRows<{ n: number; nk: number; d: number; dk: number; p: number; pk: number }>(
    db,
    sql`with population as (
          select r.* from responses r join question_sets s on s.id = r.question_set_id join area_ancestors aa on aa.area_code = r.area_code
          where s.code = ${args.questionSet} and aa.ancestor_code = ${args.area} and r.withdrawn_at is null and ${years}
        ), answered as (
          select r.record_key, o.band from population r join answers a on a.response_id = r.id
          join questions q on q.id = a.question_id and q.code = ${args.question} join scale_options o on o.id = a.option_id
        )
        select (select count(*) from answered where band = ${args.band})::int as n,
               (select coalesce(sum(record_key), 0) from answered where band = ${args.band})::int as nk,
               (select count(*) from answered where band <> 'EXCLUDED')::int as d,
               (select coalesce(sum(record_key), 0) from answered where band <> 'EXCLUDED')::int as dk,
               (select count(*) from population)::int as p,
               (select coalesce(sum(record_key), 0) from population)::int as pk`,
  );
  return { numerator: { count: row!.n, keySum: row!.nk }, denominator: { count: row!.d, keySum: row!.dk }, population: { count: row!.p, keySum: row!.pk } };
}
