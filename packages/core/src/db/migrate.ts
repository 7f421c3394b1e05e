import { fileURLToPath } from "node:url";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { Database } from "./types.ts";

export const DEFAULT_MIGRATIONS_FOLDER = fileURLToPath(new URL("../../migrations", import.meta.url));

/** Applies the committed drizzle-kit migrations; the same code path for every driver. */
export async function migrateDatabase(database: Database, migrationsFolder = DEFAULT_MIGRATIONS_FOLDER): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder });
  // What drizzle's per-driver `migrate` helpers do, once for both drivers.
  const { dialect, session } = database.db as unknown as {
    dialect: { migrate(m: unknown, s: unknown, c: unknown): Promise<void> };
    session: unknown;
  };
  await dialect.migrate(migrations, session, { migrationsFolder });
}
