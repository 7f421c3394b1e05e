import type { Config } from "@poet/core/app";
import { setupDatabaseIfStale } from "@poet/core/app";
import type { Database } from "@poet/core/db";
import { createDatabase, FolderInUseError, ownerOf, startWsProxy } from "@poet/core/db";
import { type ControlRequest, runThrough } from "./control.ts";
import { note, output } from "./output.ts";

// Opening the configured database for a command, set up first when it is new or out of date.
// Kept apart from the server and the demo data, so a command that only reads a table (poet key
// list) loads neither.

/** Reaching a plain Postgres through the Neon driver needs a WebSocket proxy: run one here. */
async function openDatabase(config: Config, serving: boolean, purpose: string): Promise<Database> {
  // Only the API's queries are held to the statement timeout; set-up and seeding may take longer.
  const db = { ...config.database, statementTimeoutMs: serving ? config.database.statementTimeoutMs : undefined };
  if (db.driver === "neon" && !db.wsProxy && !/\.neon\.tech$/.test(new URL(db.url).hostname)) {
    const proxy = await startWsProxy();
    const database = await createDatabase({ ...db, wsProxy: proxy.address }, { purpose });
    return { ...database, close: async () => (await database.close(), await proxy.close()) };
  }
  return createDatabase(db, { purpose });
}

/** The PGlite folder the configuration names; null in memory or on Postgres. */
export const pgliteFolder = (config: Config): string | null => (config.database.driver === "pglite" ? config.database.dataDir : null);

/**
 * When a live server holds the configured PGlite folder, runs the command line through it and
 * returns the exit code; null when the folder is free (or the database is not PGlite). A folder
 * held by a process that takes no commands (another command) is refused at once.
 */
export async function throughOwner(config: Config, request: ControlRequest): Promise<number | null> {
  const dataDir = pgliteFolder(config);
  const owner = dataDir ? ownerOf(dataDir) : null;
  if (!dataDir || !owner) return null;
  if (!owner.control) throw new FolderInUseError(dataDir, owner);
  note(`poet: ${dataDir} is held by the server at ${owner.control.api ?? owner.control.url} (process ${owner.pid}): running this command there`);
  return runThrough(owner.control, request, output());
}

export function describeDatabase(config: Config): string {
  const db = config.database;
  return db.driver === "pglite" ? `PGlite in ${db.dataDir ?? "memory"}` : `PostgreSQL at ${new URL(db.url).host} (Neon driver)`;
}

/**
 * The configured database, migrated and holding the reference data and question sets. One set up
 * with the current migrations and data already is opened as it is (a single query says so).
 */
export async function openSetUpDatabase(config: Config, serving: boolean, purpose: string): Promise<Database> {
  const database = await openDatabase(config, serving, purpose);
  try {
    const started = Date.now();
    if (await setupDatabaseIfStale(database)) note(`poet: set up ${describeDatabase(config)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Runs a command's work on the set-up database, closing it after; `purpose` names the command in a PGlite folder's lock. */
export async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>, purpose = "a poet command"): Promise<T> {
  const database = await openSetUpDatabase(config, false, purpose);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
