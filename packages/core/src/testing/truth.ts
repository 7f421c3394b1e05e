import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/types.ts";
import type { BandCells, Cell } from "../figure/disclosure.ts";
import { type Atom, familyCells } from "../figure/family.ts";
import { COUNTABLE_BANDS, type CountableBand, type Measure, publishBand } from "../figure/measure.ts";

/*
 * Counts computed the slow, obvious way, from the stored answers of live responses (each option
 * chosen, decoded from `responses.choices` as the `answers` view does): what the cubes, and every
 * route that reads them, must agree with. `area` pools every response whose
 * area lies within it; years are financial years by their first calendar year, inclusive.
 */
export interface TruthScope {
  questionSet: string;
  area: string;
  from?: number;
  to?: number;
  /** Only this version's responses. */
  version?: number;
}

const population = (s: TruthScope) => sql`
  select r.* from responses r join question_sets s on s.id = r.question_set_id join area_ancestors aa on aa.area_code = r.area_code
  where s.code = ${s.questionSet} and aa.ancestor_code = ${s.area} and r.withdrawn_at is null
    and r.financial_year between ${s.from ?? 0} and ${s.to ?? 9999} and (${s.version ?? null}::int is null or s.version = ${s.version ?? null}::int)`;

/**
 * The responses in scope `r`, and their answers `a`: one row per option chosen, with its
 * response's id and record key, its question's and option's codes and the option's band. Both
 * are materialized, so the planner never nests loops over answers it cannot estimate.
 */
const answersInScope = (s: TruthScope) => sql`
  with r as materialized (${population(s)}),
  a as materialized (
    select r.id as response_id, r.record_key, q.code as question, o.code as option, o.band
    from r join questions q on q.question_set_id = r.question_set_id
    join scale_options o on o.scale_id = q.scale_id and r.choices[q.position + 1] & o.bit <> 0)`;

const cellOf = (rows: { n: number; k: number }[]): Cell => ({ count: rows[0]!.n, keySum: rows[0]!.k });

/** The responses of a question set in an area and period: what `reportEligibility` counts. */
export async function trueResponses(db: Db, scope: TruthScope): Promise<Cell> {
  return cellOf(await queryRows(db, sql`select count(*)::int as n, coalesce(sum(record_key), 0)::int as k from (${population(scope)}) p`));
}

/** A question's answers by band among the responses in scope, optionally only those who gave `where`. */
export async function trueCells(db: Db, args: TruthScope & { question: string; where?: { question: string; option: string } }): Promise<BandCells> {
  // One row per response (its band on the question, and whether it gave the `where` answer):
  // no join of answers to answers, so no plan depends on an estimate.
  const gave: SQL = args.where ? sql`bool_or(a.question = ${args.where.question} and a.option = ${args.where.option})` : sql`true`;
  const rows = await queryRows<{ band: string; n: number; k: number }>(
    db,
    sql`${answersInScope(args)}
        select t.band::text as band, count(*)::int as n, coalesce(sum(t.record_key), 0)::int as k
        from (select a.record_key, max(a.band) filter (where a.question = ${args.question}) as band, ${gave} as gave
              from a group by a.response_id, a.record_key) t
        where t.band is not null and t.gave
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
    sql`${answersInScope(args)}
        select t.process::text as process, t.outcome::text as outcome, count(*)::int as n, sum(t.record_key)::int as k
        from (select a.record_key, max(a.band) filter (where a.question = ${args.process}) as process,
                max(a.band) filter (where a.question = ${args.outcome}) as outcome
              from a group by a.response_id, a.record_key) t
        where t.process <> 'EXCLUDED' and t.outcome <> 'EXCLUDED'
        group by 1, 2`,
  );
  return rows.map((r) => ({ process: r.process, outcome: r.outcome, cell: { count: r.n, keySum: r.k } }));
}

/** Live responses by area of a type (each with everything within it), instrument, version and financial year. */
export async function trueResponseCounts(db: Db, areaType: string): Promise<{ area: string; code: string; version: number; year: number; cell: Cell }[]> {
  const rows = await queryRows<{ area: string; code: string; version: number; year: number; n: number; k: number }>(
    db,
    sql`select aa.ancestor_code as area, s.code, s.version, r.financial_year as year, count(*)::int as n, coalesce(sum(r.record_key), 0)::int as k
        from responses r join question_sets s on s.id = r.question_set_id
        join area_ancestors aa on aa.area_code = r.area_code join areas a on a.code = aa.ancestor_code and a.type = ${areaType}
        where r.withdrawn_at is null
        group by 1, 2, 3, 4`,
  );
  return rows.map((r) => ({ area: r.area, code: r.code, version: r.version, year: r.year, cell: { count: r.n, keySum: r.k } }));
}

/**
 * A question's atoms (`figure/family.ts`): its band cells in each financial year of each version,
 * counted from the stored rows, keyed by version; the years are those with any response.
 */
export async function trueAtoms(db: Db, args: Omit<TruthScope, "from" | "to" | "version"> & { question: string; versions: number[] }): Promise<Atom[]> {
  const years = await queryRows<{ year: number; version: number }>(
    db,
    sql`select distinct r.financial_year as year, s.version from responses r join question_sets s on s.id = r.question_set_id
        where s.code = ${args.questionSet} and r.withdrawn_at is null order by 1, 2`,
  );
  const atoms: Atom[] = [];
  for (const { year, version } of years.filter((y) => args.versions.includes(y.version)))
    atoms.push({ year, question: version, cells: await trueCells(db, { ...args, from: year, to: year, version }) });
  return atoms;
}

/**
 * What a release publishes of a question's band at an area over a period, counted the slow way:
 * the atoms of its family (`familyVersions`, the versions its question pools with), the versions
 * the figure counts, then the disclosure pipeline.
 */
export async function expectedMeasure(
  db: Db,
  args: Omit<TruthScope, "version"> & {
    question: string;
    familyVersions: number[];
    countedVersions: number[];
    band: CountableBand;
    bands?: readonly CountableBand[];
  },
): Promise<Measure> {
  const atoms = await trueAtoms(db, { ...args, versions: args.familyVersions });
  const bands = args.bands ?? COUNTABLE_BANDS;
  const { cells, blocked } = familyCells(atoms, { questionIds: args.countedVersions, period: { from: args.from ?? 0, to: args.to ?? 9999 } }, bands);
  return publishBand(cells, args.band, { live: false, areaName: "", bands, blocked });
}
