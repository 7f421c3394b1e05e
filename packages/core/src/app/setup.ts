import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { loadReferenceAreas, referenceAreas, referenceNeighbours } from "../area/index.ts";
import type { Database } from "../db/index.ts";
import { migrateDatabase, queryRows } from "../db/index.ts";
import { loadQuestionSets, QUESTION_SET_DEFINITIONS } from "../questionset/index.ts";

const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../migrations", import.meta.url));

/** Brings any database to the current schema with its reference data; safe to run again. */
export async function setupDatabase(database: Database, options: { migrationsFolder?: string } = {}): Promise<void> {
  await migrateDatabase(database, options.migrationsFolder);
  await loadReferenceAreas(database.db);
  await loadQuestionSets(database.db);
}

/** Raise when what `setupDatabase` does changes in a way the inputs below do not show. */
const SETUP_VERSION = 1;

/**
 * What a set-up database holds, as one hash: every migration, the reference areas and neighbours,
 * and every question set version. A database stamped with it needs no set-up.
 */
export function setupStamp(migrationsFolder = MIGRATIONS_FOLDER): string {
  const hash = createHash("sha256").update(`poet-setup ${SETUP_VERSION}\n`);
  for (const migration of readMigrationFiles({ migrationsFolder })) hash.update(`${migration.folderMillis} ${migration.hash}\n`);
  hash.update(JSON.stringify(referenceAreas())).update(JSON.stringify(referenceNeighbours())).update(JSON.stringify(QUESTION_SET_DEFINITIONS));
  return hash.digest("hex");
}

// Beside drizzle's own record of the migrations, out of the domains' tables (and of drizzle-kit's sight).
const STAMP_TABLE = sql.raw("drizzle.poet_setup");

/** The stamp a database was last set up with by `setupDatabaseIfStale`; null when none (or no database yet). */
export async function storedSetupStamp(database: Database): Promise<string | null> {
  const [found] = await queryRows<{ exists: boolean }>(database.db, sql`select to_regclass('drizzle.poet_setup') is not null as exists`);
  if (!found?.exists) return null;
  const [row] = await queryRows<{ stamp: string }>(database.db, sql`select stamp from ${STAMP_TABLE} where id = 1`);
  return row?.stamp ?? null;
}

/**
 * `setupDatabase`, unless the database was already set up with these very migrations, reference
 * areas and question sets (one query): what a command on an existing folder pays. Returns whether
 * it set the database up.
 */
export async function setupDatabaseIfStale(database: Database, options: { migrationsFolder?: string } = {}): Promise<boolean> {
  const stamp = setupStamp(options.migrationsFolder);
  if ((await storedSetupStamp(database)) === stamp) return false;
  await setupDatabase(database, options);
  await database.db.execute(
    sql`create table if not exists ${STAMP_TABLE} (id integer primary key check (id = 1), stamp text not null, set_up_at timestamptz not null default now())`,
  );
  await database.db.execute(
    sql`insert into ${STAMP_TABLE} (id, stamp) values (1, ${stamp}) on conflict (id) do update set stamp = excluded.stamp, set_up_at = now()`,
  );
  return true;
}
