import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { type Db, queryRows } from "../db/types.ts";
import { cachedRead, figureCaching } from "./caching.ts";
import { type BandCells, idList, toBandCells } from "./cube.ts";
import type { Period } from "./period.ts";

/*
 * Joint counts (a measure split by one or two categorical answers, a PROCESS band against an
 * OUTCOME band) are counted from the answers when a figure asks for them, not kept in cubes:
 * kept at write time they were nineteen twentieths of the cube rows each response touched, and
 * bounded how fast responses could be written (docs/ingestion.md). Each is one GROUP BY over the
 * answers of the two or three questions it joins (index-only scans of the answers' second
 * index) and of the responses in the area and period: the same counts and key sums a cube would
 * hold, so disclosure control publishes the same values.
 */

/**
 * The live responses `r` of the answers `a` in an area (itself or any area it contains) and
 * period. (A withdrawn response has no answers left, nor a financial year.)
 */
export function answeredIn(area: string, period: Period): SQL {
  return sql`join responses r on r.id = a.response_id
    join area_ancestors aa on aa.area_code = r.area_code and aa.ancestor_code = ${area}
    where r.financial_year between ${period.from} and ${period.to}`;
}

/** The answers `x` of the same response to one of `questions` (a question in each pooled version), with options `xo`. */
export function alsoAnswered(x: string, questions: number[], options: SQL): SQL {
  const [answer, option] = [sql.raw(x), sql.raw(`${x}o`)];
  return sql`join answers ${answer} on ${answer}.response_id = a.response_id and ${answer}.question_id in ${idList(questions)}
    join scale_options ${option} on ${option}.id = ${answer}.option_id and ${options}`;
}

/** The measured answers `a` (band `o.band`) of `questions`, outside EXCLUDED: every breakdown's denominator. */
function measuredAnswers(questions: number[]): { from: SQL; and: SQL } {
  return {
    from: sql`answers a join scale_options o on o.id = a.option_id and o.band <> 'EXCLUDED'`,
    and: sql`and a.question_id in ${idList(questions)}`,
  };
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
 * Band cells of the measured answers grouped by `keys` (SQL expressions, returned as `k0`, `k1`…):
 * `joins` adds the other answers, `area` and `period` choose the responses; `version` is the
 * cube version the figure was read at.
 */
export async function bandCellsBy(
  db: Db,
  version: number,
  args: { measured: number[]; keys: SQL[]; joins: SQL[]; area: string; period: Period },
): Promise<{ keys: string[]; cells: BandCells }[]> {
  const measured = measuredAnswers(args.measured);
  const keys = sql.join(
    args.keys.map((k, i) => sql`${k} as ${sql.raw(`k${i}`)}`),
    sql`, `,
  );
  const rows = await jointRows<Record<string, string> & { sums: number[] }>(
    db,
    version,
    sql`select ${keys}, ${bandSumsOfAnswers()} as sums
        from ${measured.from} ${sql.join(args.joins, sql` `)} ${answeredIn(args.area, args.period)} ${measured.and}
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
