import { sql } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../db/types.ts";
import { bandCounts, breakdownCounts, crossBreakdownCounts, pairCounts, responseCounts } from "./figure.sql.ts";

function cubes(): PgTable[] {
  return [responseCounts, bandCounts, breakdownCounts, crossBreakdownCounts, pairCounts];
}

/** Empties the cubes and drops their keys: a key built once after the load is several times faster. */
async function emptyCubes(tx: Db) {
  for (const cube of cubes()) {
    const { name, primaryKeys } = getTableConfig(cube);
    await tx.execute(sql.raw(`truncate ${name}`));
    await tx.execute(sql.raw(`alter table ${name} drop constraint ${primaryKeys[0]!.getName()}`));
  }
}

async function keyCubes(tx: Db) {
  for (const cube of cubes()) {
    const { name, primaryKeys } = getTableConfig(cube);
    const key = primaryKeys[0]!;
    await tx.execute(sql.raw(`alter table ${name} add constraint ${key.getName()} primary key (${key.columns.map((c) => c.name).join(", ")})`));
  }
}

/*
 * Rebuilds the figure cubes from the stored answers of live responses. Bulk loads call it once
 * at the end; single writes (ingestion, withdrawal) will keep the cubes with deltas instead.
 * Each statement is one GROUP BY over the answers: minutes at ten million responses, which is
 * why reads never do this.
 */
/** Withdrawn responses count nowhere. */
function live() {
  return sql`r.withdrawn_at is null`;
}

export async function rebuildFigureCubes(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    // After a bulk load the planner's statistics still say the answers table is empty, and it
    // would nest loops over millions of rows: refresh them first.
    await tx.execute(sql`analyze responses, answers, questions, scale_options`);
    // The self-joins of answers group hundreds of millions of rows at scale: sort in memory.
    await tx.execute(sql`set local work_mem = '256MB'`);
    await emptyCubes(tx);
    await tx.execute(sql`
      insert into response_counts (question_set_id, area_code, financial_year, count, key_sum)
      select r.question_set_id, r.area_code, r.financial_year, count(*)::int, sum(r.record_key)::int
      from responses r where ${live()}
      group by 1, 2, 3`);
    await tx.execute(sql`
      insert into band_counts (question_id, area_code, financial_year, band, count, key_sum)
      select a.question_id, r.area_code, r.financial_year, o.band, count(*)::int, sum(r.record_key)::int
      from answers a join responses r on r.id = a.response_id join scale_options o on o.id = a.option_id
      where ${live()} and o.band is not null
      group by 1, 2, 3, 4`);
    await tx.execute(sql`
      insert into breakdown_counts (question_id, by_question_id, by_option_id, area_code, financial_year, band, count, key_sum)
      select a.question_id, b.question_id, b.option_id, r.area_code, r.financial_year, o.band, count(*)::int, sum(r.record_key)::int
      from answers a
      join responses r on r.id = a.response_id
      join scale_options o on o.id = a.option_id
      join answers b on b.response_id = a.response_id
      join scale_options bo on bo.id = b.option_id and bo.band is null
      where ${live()} and o.band is not null and o.band <> 'EXCLUDED'
      group by 1, 2, 3, 4, 5, 6`);
    await tx.execute(sql`
      insert into cross_breakdown_counts (question_id, by_question_id, by_option_id, then_question_id, then_option_id, region_code, financial_year, band, count, key_sum)
      select a.question_id, b.question_id, b.option_id, c.question_id, c.option_id, ar.parent_code, r.financial_year, o.band, count(*)::int, sum(r.record_key)::int
      from answers a
      join responses r on r.id = a.response_id
      join areas ar on ar.code = r.area_code
      join scale_options o on o.id = a.option_id
      join answers b on b.response_id = a.response_id
      join scale_options bo on bo.id = b.option_id and bo.band is null
      join answers c on c.response_id = a.response_id and c.question_id > b.question_id
      join scale_options co on co.id = c.option_id and co.band is null
      where ${live()} and o.band is not null and o.band <> 'EXCLUDED'
      group by 1, 2, 3, 4, 5, 6, 7, 8`);
    await tx.execute(sql`
      insert into pair_counts (process_question_id, outcome_question_id, area_code, financial_year, process_band, outcome_band, count, key_sum)
      select p.question_id, q.question_id, r.area_code, r.financial_year, po.band, qo.band, count(*)::int, sum(r.record_key)::int
      from answers p
      join questions pq on pq.id = p.question_id and pq.kind = 'PROCESS'
      join scale_options po on po.id = p.option_id and po.band in ('POSITIVE', 'NEUTRAL', 'NEGATIVE')
      join answers q on q.response_id = p.response_id
      join questions qq on qq.id = q.question_id and qq.kind = 'OUTCOME'
      join scale_options qo on qo.id = q.option_id and qo.band in ('POSITIVE', 'NEUTRAL', 'NEGATIVE')
      join responses r on r.id = p.response_id
      where ${live()}
      group by 1, 2, 3, 4, 5, 6`);
    await keyCubes(tx);
    await bumpCubeVersion(tx);
  });
}

/** Every write to the cubes calls this in its transaction: cached reads then see new data at once. */
export async function bumpCubeVersion(tx: Db): Promise<void> {
  await tx.execute(sql`insert into cube_version (id, version) values (1, 1) on conflict (id) do update set version = cube_version.version + 1`);
}
