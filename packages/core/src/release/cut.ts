import { sql } from "drizzle-orm";
import { assertAdmin, describeActor } from "../actor/index.ts";
import { type Db, queryRows } from "../db/index.ts";
import { PoetError } from "../errors/index.ts";
import {
  forgetReleases,
  JointCounter,
  type JointRow,
  layoutOf,
  parseChoices,
  type ReleaseInfo,
  releaseList,
  type StaticReference,
  staticReference,
} from "../figure/index.ts";
import type { Scope } from "../scope/index.ts";
import { inTransaction, transaction } from "../scope/index.ts";
import { financialYearLabel } from "../time/index.ts";
import { parseInput, validated } from "../util/validate.ts";
import { publishableThrough } from "./policy.ts";
import { publishedJoint } from "./release.sql.ts";
import { cutArgs, lagMonths, releaseName } from "./validation.ts";

export type CutOptions = {
  /** Default: the month of `asOf`, "yyyy-mm". */
  name?: string | null;
  /** The day the cut is for (yyyy-mm-dd); default today. Only the demo data set gives another. */
  asOf?: string | null;
  /** Told as each financial year is counted (a year can take a while at a million responses). */
  onProgress?: (step: string) => void;
};

/** Responses read from the database at a time while a year's joint counts are counted. */
const FETCH = 20_000;
/** Packed joint rows written per statement. */
const INSERT = 200;

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Cuts a release (docs/releases.md): a name and the financial years it holds. Every year that
 * has closed (and is past the publication lag) by `asOf`, holds responses and is not yet
 * published is published now: its response counts, band counts and joint counts are frozen from
 * the live responses as they stand, in one snapshot, and are never changed again. A year
 * published earlier is held as it was. Administrators only; a name is used once.
 */
export const cutRelease = (scope: Scope, options: CutOptions = {}): Promise<ReleaseInfo> => cut(scope, options);

const cut = validated(cutArgs, async (scope: Scope, options: CutOptions): Promise<ReleaseInfo> => {
  assertAdmin(scope.actor);
  // Its snapshot must be its own: inside a caller's transaction it would be neither repeatable nor retryable.
  if (inTransaction(scope)) throw new Error("cutRelease opens its own transaction: call it outside one");
  const asOf = options.asOf ?? today();
  // The default name is made from `asOf`, so it is checked here (a year past 9999 would make no release name).
  const name = options.name ?? parseInput(releaseName, asOf.slice(0, 7), "name");
  // A setting, not the caller's input: checked where it is read.
  const lag = parseInput(lagMonths, scope.settings.releaseLagMonths ?? 3, "releaseLagMonths");
  const through = publishableThrough(asOf, lag);
  const reference = await staticReference(scope.db);
  // Cuts queue on a lock taken before their snapshot, so each sees the one before it; should one
  // still collide, the database refuses the duplicate, and that is said as what it is, or the
  // cut tried again.
  let released: number;
  for (let attempt = 1; ; attempt++) {
    try {
      released = await cutOnce(scope, reference, { name, asOf, through, onProgress: options.onProgress });
      break;
    } catch (error) {
      const { code, constraint } = databaseError(error);
      if (code === "23505" && constraint === "releases_name_unique")
        throw new PoetError("CONFLICT", `A release named ${name} exists already: releases never change; give another name`, { argument: "name" });
      if (code === "23505" && constraint === "published_years_pkey" && attempt < 3) continue;
      throw error;
    }
  }
  forgetReleases(scope.db);
  return (await releaseList(scope.db)).find((r) => r.id === released)!;
});

/** A database error's SQLSTATE and constraint, whichever driver raised it. */
function databaseError(error: unknown): { code?: string; constraint?: string } {
  const e = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  return { code: e.code ?? e.cause?.code, constraint: e.constraint ?? e.cause?.constraint };
}

async function cutOnce(
  scope: Scope,
  reference: StaticReference,
  { name, asOf, through, onProgress }: { name: string; asOf: string; through: number; onProgress?: (step: string) => void },
): Promise<number> {
  return transaction(
    scope,
    async ({ db }) => {
      // One cut at a time, each seeing the last: LOCK and SET take no snapshot, so the snapshot of
      // repeatable read starts after the lock is held. A cut is a batch job: its statements are
      // bounded by the function that runs it, not by the API's statement timeout.
      await db.execute(sql`set local statement_timeout = 0`);
      await db.execute(sql`set local lock_timeout = '5min'`);
      await db.execute(sql`lock table releases in exclusive mode`);
      const [taken] = await queryRows<{ id: number }>(db, sql`select id from releases where name = ${name}`);
      if (taken) throw new PoetError("CONFLICT", `A release named ${name} exists already: releases never change; give another name`, { argument: "name" });
      const [release] = await queryRows<{ id: number }>(
        db,
        sql`insert into releases (name, as_of, cut_by) values (${name}, ${asOf}, ${describeActor(scope.actor)}) returning id`,
      );
      // Only years after the newest published: a year before it is closed for good, even one that
      // held nothing when it was passed, since publishing it later would regroup every block
      // after it (figure/family.ts) and set a few late answers apart by difference.
      const years = await queryRows<{ year: number }>(
        db,
        sql`select distinct financial_year as year from response_counts
            where count > 0 and financial_year <= ${through}
              and financial_year > coalesce((select max(financial_year) from published_years), -1)
            order by 1`,
      );
      for (const { year } of years) await publishYear(db, reference, release!.id, year, onProgress);
      return release!.id;
    },
    { isolationLevel: "repeatable read" },
  );
}

/** Freezes one financial year's aggregates as published by the release. */
async function publishYear(db: Db, reference: StaticReference, releaseId: number, year: number, onProgress?: (step: string) => void): Promise<void> {
  onProgress?.(`publishing ${financialYearLabel(year)}`);
  await db.execute(sql`
    insert into published_years (financial_year, release_id, synthetic)
    values (${year}, ${releaseId}, exists (select 1 from responses where financial_year = ${year} and withdrawn_at is null and synthetic))`);
  await db.execute(sql`
    insert into published_response_counts (question_set_id, area_code, financial_year, count, key_sum)
    select question_set_id, area_code, financial_year, count, key_sum from response_counts where financial_year = ${year} and count > 0`);
  await db.execute(sql`
    insert into published_band_counts (question_id, area_code, financial_year, band, count, key_sum)
    select question_id, area_code, financial_year, band, count, key_sum from band_counts where financial_year = ${year} and count > 0`);
  const sets = await queryRows<{ set: number }>(
    db,
    sql`select distinct question_set_id as set from response_counts where financial_year = ${year} and count > 0 order by 1`,
  );
  for (const { set } of sets) {
    const rows = await countJoint(db, reference, set, year);
    for (let i = 0; i < rows.length; i += INSERT) {
      await db.insert(publishedJoint).values(
        rows.slice(i, i + INSERT).map((r) => ({
          financialYear: year,
          kind: r.kind,
          questionSetId: set,
          first: r.first,
          second: r.second,
          third: r.third,
          cells: Buffer.from(r.cells.buffer, r.cells.byteOffset, r.cells.byteLength),
          size: r.size,
        })),
      );
    }
  }
}

/** Every joint count of one question-set version in one year, from its live responses, read a batch at a time. */
async function countJoint(db: Db, reference: StaticReference, setId: number, year: number): Promise<JointRow[]> {
  const leaves = [...(reference.areasByType.get("LOCAL_AUTHORITY") ?? []), ...(reference.areasByType.get("ICB") ?? [])];
  const parent = new Map(leaves.map((a) => [a.code, a.parentCode ?? a.code]));
  const counter = new JointCounter(layoutOf(reference, setId), { codes: leaves.map((a) => a.code), regionOf: (code) => parent.get(code)! });
  const cursor = `published_${setId}_${year}`;
  await db.execute(
    sql.raw(`declare ${cursor} no scroll cursor for
      select area_code as area, record_key as key, array_to_string(choices, ',') as choices
      from responses where withdrawn_at is null and question_set_id = ${Math.trunc(setId)} and financial_year = ${Math.trunc(year)}`),
  );
  for (;;) {
    const batch = await queryRows<{ area: string; key: number; choices: string }>(db, sql.raw(`fetch ${FETCH} from ${cursor}`));
    for (const row of batch) counter.add(row.area, row.key, parseChoices(row.choices));
    if (batch.length < FETCH) break;
  }
  await db.execute(sql.raw(`close ${cursor}`));
  return counter.rows();
}
