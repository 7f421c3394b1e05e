import { afterAll, beforeAll, inject } from "vitest";
import { createDemoDatabase, createTestDatabase, type TestDatabase } from "./database.ts";
import { createTestClient } from "./graphql.ts";

/**
 * The demo database and a client of the real server over it, set up before a file's tests and
 * closed after. A file that writes (`{ writes: true }`) gets a private copy, dropped after; the
 * others share one copy on Postgres, which refuses writes. Read the fields inside tests, not at
 * import.
 */
export function useDemoApi(options: { writes?: boolean } = {}) {
  const fixture = {} as { database: TestDatabase; api: ReturnType<typeof createTestClient> };
  beforeAll(async () => {
    fixture.database = await createDemoDatabase(inject("demoDatabase"), options.writes ? undefined : inject("demoReadOnlyDatabase"));
    fixture.api = createTestClient(fixture.database);
  });
  afterAll(() => fixture.database?.close());
  return fixture;
}

/**
 * A set-up database (reference data and question sets, no responses) and a client over it, for
 * files that need no figures: on PGlite it loads in seconds where the demo database takes a minute.
 */
export function useSetUpApi() {
  const fixture = {} as { database: TestDatabase; api: ReturnType<typeof createTestClient> };
  beforeAll(async () => {
    fixture.database = await createSetUpDatabase();
    fixture.api = createTestClient(fixture.database);
  });
  afterAll(() => fixture.database?.close());
  return fixture;
}

/**
 * A fresh database, migrated and holding the reference data and question sets but no responses;
 * on Postgres a copy of the global setup's template, which is quicker than setting one up.
 */
export const createSetUpDatabase = (): Promise<TestDatabase> => createTestDatabase({ template: inject("setUpDatabase") });
