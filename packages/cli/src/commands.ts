import type { Config } from "@poet/core/config";
import { createDatabase } from "@poet/core/db/index";
import { setupDatabase } from "@poet/core/db/setup";
import type { Database } from "@poet/core/db/types";
import { startWsProxy } from "@poet/core/db/ws-proxy";
import { seedDemoData } from "@poet/core/demo/seed";
import { verifyFigureCubes } from "@poet/core/figure/aggregate";
import { ADMIN_USAGE, type AdminOptions, runAdminCommand } from "./admin.ts";
import { DATA_USAGE, type DataOptions, runImport, runTemplate } from "./data.ts";
import { serve } from "./serve.ts";

export const USAGE = `poet <command> [options]

Commands:
  serve            set the database up (first run: with the demo data on PGlite) and serve the
                   GraphQL API on http://localhost:$PORT/graphql (the default command)
  setup            apply migrations and load reference data and question sets
  seed             load the synthetic demo data set (--scale N multiplies it, --replace reloads)
  verify           recount every figure cube from the stored responses and list any cell that
                   differs (exit 1 when one does)
${DATA_USAGE}
${ADMIN_USAGE}

Configuration is read from the environment; see README.md.`;

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

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

export interface CommandOptions extends AdminOptions, DataOptions {
  scale?: number;
  replace?: boolean;
}

const COMMANDS = ["serve", "setup", "seed", "verify", "import", "template", "organisation", "key"];

/** `poet verify`: the cubes against a recount of the stored rows. */
async function verify(database: Database): Promise<void> {
  const differences = await verifyFigureCubes(database.db);
  for (const d of differences) console.log(JSON.stringify(d));
  if (differences.length) throw new Error(`${differences.length} cube cell(s) differ from a recount of the stored responses`);
  console.log("poet verify: every figure cube matches a recount of the stored responses");
}

/** Runs a command; `serve` resolves once the API is listening, with a way to stop it. */
export async function runCommand(command: string, config: Config, options: CommandOptions, args: string[] = []): Promise<RunningServer | null> {
  if (!COMMANDS.includes(command)) throw new Error(`unknown command "${command}"\n\n${USAGE}`);
  const database = await openDatabase(config, command === "serve");
  try {
    console.error(`poet: setting up ${describeDatabase(config)}…`);
    await setupDatabase(database);
    const firstLocalRun = command === "serve" && config.database.driver === "pglite";
    if (command === "seed" || firstLocalRun) {
      const started = Date.now();
      const seeded = await seedDemoData(database, options);
      console.error(
        seeded.skipped
          ? `poet: demo data already loaded (${seeded.responses} synthetic responses)`
          : `poet: loaded ${seeded.responses} SYNTHETIC demo responses in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    if (command === "verify") await verify(database);
    if (command === "template") await runTemplate(database.db, options);
    if (command === "import") process.exitCode = await runImport(database.db, args[0], options);
    if (command === "organisation" || command === "key") await runAdminCommand(database.db, command, args, options);
    if (command !== "serve") {
      await database.close();
      return null;
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  const running = await serve(database, config);
  console.error(`poet: POET API ready at ${running.url} (${describeDatabase(config)})`);
  return running;
}
