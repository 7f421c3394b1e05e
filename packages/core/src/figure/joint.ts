import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { type Db, queryRows } from "../db/types.ts";
import type { QuestionRow } from "../questionset/questionset.sql.ts";
import { cachedRead, figureCaching } from "./caching.ts";
import { type BandCells, toBandCells } from "./cube.ts";
import type { Period } from "./period.ts";

/*
 * Joint counts (a measure split by one or two categorical answers, a PROCESS band against an
 * OUTCOME band) are counted from the responses when a figure asks for them, not kept in cubes:
 * kept at write time they were nineteen twentieths of the cube rows each response touched, and
 * bounded how fast responses could be written (docs/ingestion.md). Each is one GROUP BY over the
 * responses in the area and period, reading two or three elements of each one's `choices`: the
 * same counts and key sums a cube would hold, so disclosure control publishes the same values.
 */

/** The live responses `r` in an area (itself or any area it contains) and period. (A withdrawn response has no financial year.) */
export function answeredIn(area: string, period: Period): SQL {
  return sql`join area_ancestors aa on aa.area_code = r.area_code and aa.ancestor_code = ${area}
    where r.financial_year between ${period.from} and ${period.to}`;
}

/** A whole number as it is written into a query's text (ids and positions only). */
function whole(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`not an id: ${n}`);
  return String(n);
}

/**
 * The options `x` that each response `r` chose for a question of `pool` (the same question in
 * each version a figure pools, so one per version at most), those meeting `condition`: the
 * question's element of `r.choices`, by its version.
 */
export function chose(x: string, pool: readonly QuestionRow[], condition: SQL): SQL {
  const [option, question] = [sql.raw(x), sql.raw(`${x}q`)];
  const rows = pool.map((q) => `(${whole(q.questionSetId)}, ${whole(q.position + 1)}, ${whole(q.scaleId)})`).join(", ");
  return sql`join (values ${sql.raw(rows)}) as ${question} (set_id, slot, scale_id) on ${question}.set_id = r.question_set_id
    join scale_options ${option} on ${option}.scale_id = ${question}.scale_id and ${option}.bit & r.choices[${question}.slot] <> 0 and ${condition}`;
}

/** `BandCells` sums over measured answers (see `toBandCells`): one array column. */
function bandSumsOfAnswers(): SQL {
  const sums = (when: SQL) => sql`count(*) filter (where ${when}), coalesce(sum(r.record_key) filter (where ${when}), 0)`;
  return sql`array[${sums(sql`o.band = 'POSITIVE'`)}, ${sums(sql`o.band = 'NEUTRAL'`)}, ${sums(sql`o.band = 'NEGATIVE'`)}, ${sums(sql`true`)}]::int[]`;
}

const dialect = new PgDialect();

/**
 * The rows of a joint count, kept in memory like any cube read under the cube version they were
 * counted at (`cachedRead`), keyed by the query itself (its text and parameters), so that two
 * different counts can never share an entry.
 */
export function jointRows<T>(db: Db, version: number, query: SQL): Promise<T[]> {
  const count = () => queryRows<T>(db, query);
  // Stryker disable next-line ConditionalExpression: the switch acts only with the cache on, and mutation runs turn it off (figureCaching)
  if (!figureCaching.joint) return count();
  const { sql: text, params } = dialect.sqlToQuery(query);
  // Stryker disable next-line StringLiteral: the key is read only with the cache on, and mutation runs turn it off (figureCaching)
  return cachedRead(db, version, `${text}|${JSON.stringify(params)}`, count);
}

/**
 * Band cells of the answers `o` to the `measured` question (outside EXCLUDED: every breakdown's
 * denominator) grouped by `keys` (SQL expressions, returned as `k0`, `k1`…): `joins` adds the
 * other answers (`chose`), `area` and `period` choose the responses; `version` is the cube
 * version the figure was read at.
 */
export async function bandCellsBy(
  db: Db,
  version: number,
  args: { measured: readonly QuestionRow[]; keys: SQL[]; joins: SQL[]; area: string; period: Period },
): Promise<{ keys: string[]; cells: BandCells }[]> {
  const keys = sql.join(
    args.keys.map((k, i) => sql`${k} as ${sql.raw(`k${i}`)}`),
    sql`, `,
  );
  const rows = await jointRows<Record<string, string> & { sums: number[] }>(
    db,
    version,
    sql`select ${keys}, ${bandSumsOfAnswers()} as sums
        from responses r ${chose("o", args.measured, sql`o.band <> 'EXCLUDED'`)} ${sql.join(args.joins, sql` `)}
        ${answeredIn(args.area, args.period)}
        group by ${sql.join(
          args.keys.map((_, i) => sql.raw(String(i + 1))),
          sql`, `,
        )}`,
  );
  return rows.map((row) => {
    const [pn, pk, un, uk, nn, nk, an, ak] = row.sums as [number, number, number, number, number, number, number, number];
    return { keys: args.keys.map((_, i) => row[`k${i}`]!), cells: toBandCells({ pn, pk, un, uk, nn, nk, an, ak }) };
  });
}
