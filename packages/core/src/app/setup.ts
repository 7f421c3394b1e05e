import { loadReferenceAreas } from "../area/index.ts";
import type { Database } from "../db/index.ts";
import { migrateDatabase } from "../db/index.ts";
import { loadQuestionSets } from "../questionset/index.ts";

/** Brings any database to the current schema with its reference data; safe to run again. */
export async function setupDatabase(database: Database, options: { migrationsFolder?: string } = {}): Promise<void> {
  await migrateDatabase(database, options.migrationsFolder);
  await loadReferenceAreas(database.db);
  await loadQuestionSets(database.db);
}
