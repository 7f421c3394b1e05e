import { randomInt } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/index.ts";
import { applyCubeDelta } from "../figure/index.ts";

/*
 * The one way responses are written: submissions, imports, corrections, withdrawals and the demo
 * seed all store rows with these functions, and every figure cube is kept in the same
 * transaction, so a figure read after the commit includes the change.
 */

/** A response ready to store: checked, and its codes turned into ids. */
export interface NewResponse {
  questionSetId: number;
  areaCode: string;
  organisationId: number;
  externalRef: string;
  collectedOn: string;
  financialYear: number;
  collectionMode: string;
  completedBy: string;
  comment: string | null;
  contentHash: string | null;
  recordKey: number;
  synthetic: boolean;
  /** One bitmask of the options chosen per question of the version, in form order (`responses.choices`). */
  choices: readonly number[];
}

/** A real response's record key: random, fixed at ingestion, never shown (docs/disclosure-control.md). */
export const drawRecordKey = () => randomInt(256);

/** The responses with these ids: what the counting queries count in a delta. */
const byIds = (ids: readonly number[]): SQL => sql`r.id = any(${sql.param([...ids])}::int[])`;

/** Each response's choices as an array literal: one text parameter carries them all. */
const choicesLiteral = (r: NewResponse) => `{${r.choices.join(",")}}`;

/**
 * Inserts responses with their answers in one statement, skipping any whose (organisation,
 * reference) is taken (a concurrent duplicate): returns the id of each response inserted. Rows
 * go in reference order, so concurrent batches take the unique index's locks in one order.
 */
export async function insertResponses(tx: Db, rows: readonly NewResponse[]): Promise<Map<NewResponse, number>> {
  if (!rows.length) return new Map();
  const sorted = [...rows].sort((a, b) => (a.externalRef < b.externalRef ? -1 : a.externalRef > b.externalRef ? 1 : a.organisationId - b.organisationId));
  const column = <T>(pick: (r: NewResponse) => T) => sql.param(sorted.map(pick));
  const inserted = await queryRows<{ n: number; id: number }>(
    tx,
    sql`
    with given as (
      select * from unnest(${column((r) => r.questionSetId)}::int[], ${column((r) => r.areaCode)}::text[], ${column((r) => r.organisationId)}::int[],
                           ${column((r) => r.externalRef)}::text[], ${column((r) => r.collectedOn)}::text[], ${column((r) => r.financialYear)}::int[],
                           ${column((r) => r.collectionMode)}::text[], ${column((r) => r.completedBy)}::text[], ${column((r) => r.comment)}::text[],
                           ${column((r) => r.contentHash)}::text[], ${column((r) => r.recordKey)}::int[], ${column((r) => r.synthetic)}::boolean[],
                           ${column(choicesLiteral)}::text[])
        with ordinality as t(s, a, o, r, d, f, m, b, c, h, k, y, x, n)),
    inserted as (
      insert into responses (question_set_id, area_code, organisation_id, external_ref, collected_on, financial_year, collection_mode, completed_by,
                             comment, content_hash, record_key, synthetic, choices)
      select s, a, o, r, d::date, f, m::collection_mode, b::completed_by, c, h, k, y, x::int[] from given order by n
      on conflict (organisation_id, external_ref) do nothing
      returning id, organisation_id, external_ref)
    select g.n::int, i.id from inserted i join given g on g.o = i.organisation_id and g.r = i.external_ref`,
  );
  const ids = new Map<NewResponse, number>();
  for (const { n, id } of inserted) ids.set(sorted[n - 1]!, id);
  return ids;
}

const LARGE_DELTA = 1000;

/** Adds newly inserted responses to every cube. */
export async function countResponses(tx: Db, ids: readonly number[]): Promise<void> {
  if (!ids.length) return;
  // A file's delta groups millions of rows: let it sort and hash in memory, as a rebuild does.
  if (ids.length > LARGE_DELTA) await tx.execute(sql`set local work_mem = '256MB'`);
  await applyCubeDelta(tx, byIds(ids), 1);
}

/**
 * Corrections: each stored response takes the new content (its record key kept, so its
 * disclosure noise is not drawn again), and the cubes move from the old answers to the new.
 */
export async function replaceResponses(tx: Db, replacements: readonly { id: number; response: NewResponse }[]): Promise<void> {
  if (!replacements.length) return;
  const ids = replacements.map((r) => r.id);
  await applyCubeDelta(tx, byIds(ids), -1);
  for (const { id, response: r } of replacements) {
    await tx.execute(sql`
      update responses set question_set_id = ${r.questionSetId}, area_code = ${r.areaCode}, collected_on = ${r.collectedOn}::date,
        financial_year = ${r.financialYear}, collection_mode = ${r.collectionMode}::collection_mode, completed_by = ${r.completedBy}::completed_by,
        comment = ${r.comment}, content_hash = ${r.contentHash}, choices = ${choicesLiteral(r)}::int[], corrected_at = now()
      where id = ${id}`);
  }
  await applyCubeDelta(tx, byIds(ids), 1);
}

/**
 * Withdrawal (the right to erasure): the responses leave every cube, their answers and details
 * are deleted, and the row keeps only what audit needs.
 */
export async function withdrawStoredResponses(tx: Db, ids: readonly number[]): Promise<void> {
  if (!ids.length) return;
  await applyCubeDelta(tx, byIds(ids), -1);
  await tx.execute(sql`
    update responses set withdrawn_at = now(), collected_on = null, financial_year = null, collection_mode = null, completed_by = null,
      comment = null, content_hash = null, choices = null
    where id = any(${sql.param([...ids])}::int[])`);
}
