import type { SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { bandCounts, responseCounts } from "./figure.sql.ts";

/**
 * The counting query of each cube, written once: `which` is a condition on the responses `r`
 * to count. A rebuild counts every live response; a write counts the responses it adds (or,
 * negated, the ones it withdraws or corrects). Each query selects the cube's key columns in key
 * order, then the count and the key sum.
 */
export function countingQueries(which: SQL): { cube: PgTable; query: SQL }[] {
  return [
    {
      cube: responseCounts,
      query: sql`
        select r.question_set_id, r.area_code, r.financial_year, count(*)::int, sum(r.record_key)::int
        from responses r where ${which}
        group by 1, 2, 3`,
    },
    {
      cube: bandCounts,
      // Responses are first grouped by what they chose for each question (its element of
      // `choices`), which far fewer groups share, and only those groups are decoded into options.
      query: sql`
        with chosen as (
          select r.question_set_id, r.area_code, r.financial_year, c.slot, c.mask, count(*) as n, sum(r.record_key) as k
          from responses r cross join lateral unnest(r.choices) with ordinality as c(mask, slot)
          where ${which} and c.mask <> 0
          group by 1, 2, 3, 4, 5)
        select q.id, c.area_code, c.financial_year, o.band, sum(c.n)::int, sum(c.k)::int
        from chosen c join questions q on q.question_set_id = c.question_set_id and q.position = c.slot - 1
          join scale_options o on o.scale_id = q.scale_id and o.bit & c.mask <> 0
        where o.band is not null
        group by 1, 2, 3, 4`,
    },
  ];
}

/**
 * The two cubes counted from the responses `which` selects when asked, as relations with the
 * cubes' columns: an organisation's live figures read them as a release's figures read the
 * frozen cubes.
 */
export function countedRelations(which: SQL): { responseCounts: SQL; bandCounts: SQL } {
  const [responses, bands] = countingQueries(which) as unknown as [{ query: SQL }, { query: SQL }];
  return {
    responseCounts: sql`(select * from (${responses.query}) x (question_set_id, area_code, financial_year, count, key_sum))`,
    bandCounts: sql`(select * from (${bands.query}) x (question_id, area_code, financial_year, band, count, key_sum))`,
  };
}
