import type { Config } from "@poet/core/app";
import { setupDatabase } from "@poet/core/app";
import type { Database } from "@poet/core/db";
import { advertise, createDatabase, FolderInUseError, ownerOf, SERVE, startWsProxy } from "@poet/core/db";
import { seedDemoData } from "@poet/core/demo";
import { verifyFigureCubes } from "@poet/core/figure";
import { type ControlRequest, runThrough, startControl } from "./control.ts";
import { note, type Output, output, print } from "./output.ts";
import { createProgressBar } from "./progress.ts";
import { serve } from "./serve.ts";

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
const pgliteFolder = (config: Config): string | null => (config.database.driver === "pglite" ? config.database.dataDir : null);

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

/** The configured database, migrated and holding the reference data and question sets. */
async function openSetUpDatabase(config: Config, serving: boolean, purpose: string): Promise<Database> {
  const database = await openDatabase(config, serving, purpose);
  try {
    note(`poet: setting up ${describeDatabase(config)}…`);
    await setupDatabase(database);
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

export interface SeedOptions {
  scale?: number;
  replace?: boolean;
}

/** `poet seed`: the demo data set, with a progress bar on a terminal. */
export async function seed(database: Database, options: SeedOptions): Promise<void> {
  const started = Date.now();
  const bar = createProgressBar({ label: "demo responses" });
  let seeded: Awaited<ReturnType<typeof seedDemoData>>;
  try {
    seeded = await seedDemoData(database, {
      ...options,
      onProgress: (done, total) => {
        bar.update(done, total);
        if (done === total) bar.note("poet: rebuilding the figure cubes…");
      },
    });
  } finally {
    bar.finish();
  }
  note(
    seeded.skipped
      ? `poet: demo data already loaded (${seeded.responses} synthetic responses)`
      : `poet: loaded ${seeded.responses} SYNTHETIC demo responses in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** `poet verify`: the cubes against a recount of the stored rows. */
export async function verify(database: Database): Promise<void> {
  const differences = await verifyFigureCubes(database.db);
  for (const d of differences) print(JSON.stringify(d));
  if (differences.length) throw new Error(`${differences.length} cube cell(s) differ from a recount of the stored responses`);
  print("poet verify: every figure cube matches a recount of the stored responses");
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** Runs a command sent by another `poet` process on this server's database; its exit code. */
export type CommandRunner = (request: ControlRequest, sink: Output, owner: { database: Database; config: Config }) => Promise<number>;

/**
 * `poet serve`: sets the database up (on PGlite's first start, with the demo data) and serves the
 * API. On a PGlite folder, `commands` runs what other `poet` processes send to it.
 */
export async function startServer(config: Config, commands?: CommandRunner): Promise<RunningServer> {
  const database = await openSetUpDatabase(config, true, SERVE);
  let running: RunningServer | undefined;
  let control: Awaited<ReturnType<typeof startControl>> | null = null;
  try {
    if (config.database.driver === "pglite") await seed(database, {});
    running = await serve(database, config);
    const dataDir = pgliteFolder(config);
    if (dataDir && commands) {
      control = await startControl((request, sink) => commands(request, sink, { database, config }));
      advertise(dataDir, { url: control.url, token: control.token, api: running.url });
    }
  } catch (error) {
    await control?.close();
    await (running ? running.stop() : database.close());
    throw error;
  }
  note(`poet: POET API ready at ${running.url} (${describeDatabase(config)})`);
  const { stop } = running;
  return { url: running.url, stop: async () => (await control?.close(), await stop()) };
}
