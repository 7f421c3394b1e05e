/**
 * The migration Lambda, run by the SST `Script` in stacks/Api.ts on every deploy (onCreate and
 * onUpdate): drizzle migrations, then reference areas and question sets. `setupDatabase` is
 * idempotent, so re-running it on an unchanged database is a no-op.
 *
 * The migrations folder is copied into the bundle by the Script's `copyFiles` to `migrations/` at
 * the root of the function's package (LAMBDA_TASK_ROOT). Outside Lambda, core's default applies.
 */
import { join } from "node:path";
import { setupDatabase } from "@poet/core/app";
import { openDatabase } from "./database.ts";

export function migrationsFolder(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.POET_MIGRATIONS_FOLDER) return env.POET_MIGRATIONS_FOLDER;
  return env.LAMBDA_TASK_ROOT ? join(env.LAMBDA_TASK_ROOT, "migrations") : undefined;
}

export async function handler(): Promise<{ ok: true; driver: string; ms: number }> {
  const started = Date.now();
  const database = await openDatabase();
  try {
    await setupDatabase(database, { migrationsFolder: migrationsFolder() });
    const result = { ok: true as const, driver: database.driver, ms: Date.now() - started };
    console.log(JSON.stringify({ message: "database set up", ...result }));
    return result;
  } finally {
    await database.close();
  }
}
