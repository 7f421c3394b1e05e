import { loadReferenceAreas } from "../area/load.ts";
import { loadQuestionSets } from "../questionset/load.ts";
import { migrateDatabase } from "./migrate.ts";
import type { Database } from "./types.ts";

/** Brings any database to the current schema with its reference data; safe to run again. */
export async function setupDatabase(database: Database, options: { migrationsFolder?: string } = {}): Promise<void> {
  await migrateDatabase(database, options.migrationsFolder);
  await loadReferenceAreas(database.db);
  await loadQuestionSets(database.db);
}
