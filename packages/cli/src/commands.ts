import type { Config } from "@poet/core/app";
import type { Database } from "@poet/core/db";
import { advertise, SERVE } from "@poet/core/db";
import { seedDemoData } from "@poet/core/demo";
import { verifyFigureCubes } from "@poet/core/figure";
import { type ControlRequest, startControl } from "./control.ts";
import { describeDatabase, openSetUpDatabase, pgliteFolder } from "./database.ts";
import { note, type Output, print } from "./output.ts";
import { createProgressBar } from "./progress.ts";
import { serve } from "./serve.ts";

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
