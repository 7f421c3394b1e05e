import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/types.ts";
import type { BandCells } from "../figure/cube.ts";
import type { Cell } from "../figure/disclosure.ts";

/*
 * Counts computed the slow, obvious way, from the stored answers of live responses: what the
 * cubes, and every route that reads them, must agree with. `area` pools every response whose
 * area lies within it; years are financial years by their first calendar year, inclusive.
 */
export interface TruthScope {
  questionSet: string;
  area: string;
  from?: number;
  to?: number;
}

const population = (s: TruthScope) => sql`
  select r.* from responses r join question_sets s on s.id = r.question_set_id join area_ancestors aa on aa.area_code = r.area_code
  where s.code = ${s.questionSet} and aa.ancestor_code = ${s.area} and r.withdrawn_at is null
    and r.financial_year between ${s.from ?? 0} and ${s.to ?? 9999}`;

const cellOf = (rows: { n: number; k: number }[]): Cell => ({ count: rows[0]!.n, keySum: rows[0]!.k });

/** The responses of a question set in an area and period: what `reportEligibility` counts. */
export async function trueResponses(db: Db, scope: TruthScope): Promise<Cell> {
  return cellOf(await queryRows(db, sql`select count(*)::int as n, coalesce(sum(record_key), 0)::int as k from (${population(scope)}) p`));
}

/** A question's answers by band among the responses in scope, optionally only those who gave `where`. */
export async function trueCells(db: Db, args: TruthScope & { question: string; where?: { question: string; option: string } }): Promise<BandCells> {
  const filter: SQL = args.where
    ? sql`and exists (select 1 from answers b join questions bq on bq.id = b.question_id join scale_options bo on bo.id = b.option_id
                     where b.response_id = r.id and bq.code = ${args.where.question} and bo.code = ${args.where.option})`
    : sql``;
  const rows = await queryRows<{ band: string; n: number; k: number }>(
    db,
    sql`select o.band::text as band, count(*)::int as n, coalesce(sum(r.record_key), 0)::int as k
        from (${population(args)}) r join answers a on a.response_id = r.id
        join questions q on q.id = a.question_id and q.code = ${args.question} join scale_options o on o.id = a.option_id
        where o.band is not null ${filter}
        group by 1`,
  );
  const band = (b: string): Cell => {
    const row = rows.find((r) => r.band === b);
    return { count: row?.n ?? 0, keySum: row?.k ?? 0 };
  };
  const answered = rows.filter((r) => r.band !== "EXCLUDED").reduce((s, r) => ({ count: s.count + r.n, keySum: s.keySum + r.k }), { count: 0, keySum: 0 });
  return { POSITIVE: band("POSITIVE"), NEUTRAL: band("NEUTRAL"), NEGATIVE: band("NEGATIVE"), answered };
}

/** Respondents in scope by their bands on a process and an outcome question (both outside EXCLUDED). */
export async function truePairs(db: Db, args: TruthScope & { process: string; outcome: string }): Promise<{ process: string; outcome: string; cell: Cell }[]> {
  const rows = await queryRows<{ process: string; outcome: string; n: number; k: number }>(
    db,
    sql`select po.band::text as process, qo.band::text as outcome, count(*)::int as n, sum(r.record_key)::int as k
        from (${population(args)}) r
        join answers p on p.response_id = r.id join questions pq on pq.id = p.question_id and pq.code = ${args.process} join scale_options po on po.id = p.option_id
        join answers a on a.response_id = r.id join questions aq on aq.id = a.question_id and aq.code = ${args.outcome} join scale_options qo on qo.id = a.option_id
        where po.band <> 'EXCLUDED' and qo.band <> 'EXCLUDED'
        group by 1, 2`,
  );
  return rows.map((r) => ({ process: r.process, outcome: r.outcome, cell: { count: r.n, keySum: r.k } }));
}
