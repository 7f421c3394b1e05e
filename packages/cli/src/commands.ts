import type { Config } from "@poet/core/config";
import { createDatabase } from "@poet/core/db/index";
import { setupDatabase } from "@poet/core/db/setup";
import type { Database } from "@poet/core/db/types";
import { startWsProxy } from "@poet/core/db/ws-proxy";
import { seedDemoData } from "@poet/core/demo/seed";
import { verifyFigureCubes } from "@poet/core/figure/aggregate";
import { createProgressBar } from "./progress.ts";
import { serve } from "./serve.ts";

/** Reaching a plain Postgres through the Neon driver needs a WebSocket proxy: run one here. */
async function openDatabase(config: Config, serving: boolean): Promise<Database> {
  // Only the API's queries are held to the statement timeout; set-up and seeding may take longer.
  const db = { ...config.database, statementTimeoutMs: serving ? config.database.statementTimeoutMs : undefined };
  if (db.driver === "neon" && !db.wsProxy && !/\.neon\.tech$/.test(new URL(db.url).hostname)) {
    const proxy = await startWsProxy();
    const database = await createDatabase({ ...db, wsProxy: proxy.address });
    return { ...database, close: async () => (await database.close(), await proxy.close()) };
  }
  return createDatabase(db);
}

export function describeDatabase(config: Config): string {
  const db = config.database;
  return db.driver === "pglite" ? `PGlite in ${db.dataDir ?? "memory"}` : `PostgreSQL at ${new URL(db.url).host} (Neon driver)`;
}

/** The configured database, migrated and holding the reference data and question sets. */
async function openSetUpDatabase(config: Config, serving = false): Promise<Database> {
  const database = await openDatabase(config, serving);
  try {
    console.error(`poet: setting up ${describeDatabase(config)}…`);
    await setupDatabase(database);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Runs a command's work on the set-up database, closing it after. */
export async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openSetUpDatabase(config);
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
  console.error(
    seeded.skipped
      ? `poet: demo data already loaded (${seeded.responses} synthetic responses)`
      : `poet: loaded ${seeded.responses} SYNTHETIC demo responses in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** `poet verify`: the cubes against a recount of the stored rows. */
export async function verify(database: Database): Promise<void> {
  const differences = await verifyFigureCubes(database.db);
  for (const d of differences) console.log(JSON.stringify(d));
  if (differences.length) throw new Error(`${differences.length} cube cell(s) differ from a recount of the stored responses`);
  console.log("poet verify: every figure cube matches a recount of the stored responses");
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** `poet serve`: sets the database up (on PGlite's first start, with the demo data) and serves the API. */
export async function startServer(config: Config): Promise<RunningServer> {
  const database = await openSetUpDatabase(config, true);
  let running: RunningServer;
  try {
    if (config.database.driver === "pglite") await seed(database, {});
    running = await serve(database, config);
  } catch (error) {
    await database.close();
    throw error;
  }
  console.error(`poet: POET API ready at ${running.url} (${describeDatabase(config)})`);
  return running;
}
