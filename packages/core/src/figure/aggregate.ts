import { type SQL, sql } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { type Db, queryRows } from "../db/index.ts";
import { countingQueries } from "./counting.ts";

/** A cube's key columns (in key order) and its key constraint's name. */
function keyOf(cube: PgTable) {
  const { name, primaryKeys, columns } = getTableConfig(cube);
  const key = primaryKeys[0]!;
  // The key's own column objects are stand-ins without a type: take the table's.
  const typeOf = new Map(columns.map((c) => [c.name, c.getSQLType()]));
  return { table: name, constraint: key.getName(), columns: key.columns.map((c) => ({ name: c.name, type: typeOf.get(c.name)! })) };
}

/** Withdrawn responses count nowhere. */
function live() {
  return sql`r.withdrawn_at is null`;
}

/*
 * Rebuilds the figure cubes from the stored answers of live responses: bulk loads call it once at
 * the end. Each statement is one GROUP BY over every response's answers: minutes at ten million responses,
 * which is why reads never do this and single writes keep the cubes with deltas instead.
 *
 * The new cubes are built beside the old ones and swapped in at the end, so readers of a live
 * database go on reading the old cubes meanwhile; writers wait (the responses are locked against
 * change), so no delta is lost between the recount and the swap.
 */
export async function rebuildFigureCubes(db: Db, hooks: { beforeSwap?: () => Promise<void> } = {}): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`lock table responses in share mode`);
    // After a bulk load the planner's statistics still say the responses table is empty, and it
    // would nest loops over millions of rows: refresh them first.
    await tx.execute(sql`analyze responses, questions, scale_options`);
    // Every answer of every response is grouped at once: sort and hash in memory.
    await tx.execute(sql`set local work_mem = '256MB'`);
    const queries = countingQueries(live());
    for (const { cube, query } of queries) {
      const { table, constraint, columns } = keyOf(cube);
      const names = columns.map((c) => c.name).join(", ");
      await tx.execute(sql.raw(`drop table if exists ${table}_rebuild`));
      await tx.execute(sql.raw(`create table ${table}_rebuild (like ${table} including defaults)`));
      await tx.execute(sql`insert into ${sql.raw(`${table}_rebuild`)} (${sql.raw(names)}, count, key_sum) ${query}`);
      // A key built once after the load is several times faster than one kept while it fills.
      await tx.execute(sql.raw(`alter table ${table}_rebuild add constraint ${constraint}_rebuild primary key (${names})`));
    }
    await hooks.beforeSwap?.();
    for (const { cube } of queries) {
      const { table, constraint } = keyOf(cube);
      await tx.execute(sql.raw(`drop table ${table}`));
      await tx.execute(sql.raw(`alter table ${table}_rebuild rename to ${table}`));
      await tx.execute(sql.raw(`alter table ${table} rename constraint ${constraint}_rebuild to ${constraint}`));
    }
  });
}

/**
 * Adds (`sign` 1) or takes away (`sign` -1) the responses `which` selects in every cube, in one
 * statement in the caller's transaction (one set-based upsert per cube, rows in key order so that
 * concurrent writers lock shared cells in the same order). A cell that falls to zero is deleted,
 * so the cubes stay exactly what a rebuild would make.
 */
export async function applyCubeDelta(tx: Db, which: SQL, sign: 1 | -1): Promise<void> {
  const cubes = countingQueries(which).map(({ cube, query }) => {
    const key = keyOf(cube);
    return { ...key, keys: sql.raw(key.columns.map((c) => c.name).join(", ")), query };
  });
  const factor = sql.raw(String(sign));
  const steps = cubes.map(({ table, constraint, keys, query }, i) => {
    const [delta, applied] = [sql.raw(`delta${i}`), sql.raw(`applied${i}`)];
    return sql`${delta} as (${query}),
      ${applied} as (
        insert into ${sql.raw(table)} (${keys}, count, key_sum)
        select ${keys}, ${factor} * count, ${factor} * key_sum from ${delta} d (${keys}, count, key_sum) order by ${keys}
        on conflict on constraint ${sql.raw(constraint)}
        do update set count = ${sql.raw(table)}.count + excluded.count, key_sum = ${sql.raw(table)}.key_sum + excluded.key_sum
        returning ${keys}, count)`;
  });
  const emptied = await queryRows<{ cube: number; key: Record<string, unknown> }>(
    tx,
    sql`with ${sql.join(steps, sql`, `)}
      ${sql.join(
        cubes.map(
          ({ keys }, i) => sql`select ${sql.raw(String(i))} as cube, to_jsonb(e) as key from (select ${keys} from ${sql.raw(`applied${i}`)} where count = 0) e`,
        ),
        sql` union all `,
      )}`,
  );
  for (const [i, { table, columns }] of cubes.entries()) {
    const rows = emptied.filter((e) => e.cube === i).map((e) => e.key);
    if (!rows.length) continue;
    const shape = sql.raw(columns.map((c) => `${c.name} ${c.type}`).join(", "));
    const match = sql.raw(columns.map((c) => `t.${c.name} = e.${c.name}`).join(" and "));
    await tx.execute(
      sql`delete from ${sql.raw(table)} t using jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as e (${shape}) where ${match} and t.count = 0`,
    );
  }
}

/** The differences between the cubes and a recount of the stored rows, cell by cell. */
export interface CubeDifference {
  cube: string;
  key: Record<string, unknown>;
  stored: { count: number; keySum: number } | null;
  recounted: { count: number; keySum: number } | null;
}

/** Recounts every cube from the stored rows and lists each cell that differs (`poet verify`): none when the cubes are right. */
export async function verifyFigureCubes(db: Db, limit = 100): Promise<CubeDifference[]> {
  const differences: CubeDifference[] = [];
  for (const { cube, query } of countingQueries(live())) {
    const { table, columns } = keyOf(cube);
    const keys = sql.raw(columns.map((c) => c.name).join(", "));
    const rows = await queryRows<
      Record<string, unknown> & { s_count: number | null; s_key_sum: number | null; r_count: number | null; r_key_sum: number | null }
    >(
      db,
      sql`
        with recount as (${query})
        select ${keys}, s.count as s_count, s.key_sum as s_key_sum, r.count as r_count, r.key_sum as r_key_sum
        from ${sql.raw(table)} s full join recount r (${keys}, count, key_sum) using (${keys})
        where s.count is distinct from r.count or s.key_sum is distinct from r.key_sum
        limit ${limit}`,
    );
    for (const { s_count, s_key_sum, r_count, r_key_sum, ...key } of rows) {
      differences.push({
        cube: table,
        key,
        stored: s_count === null ? null : { count: s_count, keySum: s_key_sum! },
        recounted: r_count === null ? null : { count: r_count, keySum: r_key_sum! },
      });
    }
  }
  return differences;
}
