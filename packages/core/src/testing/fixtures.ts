import { afterAll, beforeAll, inject } from "vitest";
import { createDemoDatabase, type TestDatabase } from "./database.ts";
import { createTestClient } from "./graphql.ts";

/**
 * A test file's private copy of the demo database and a client of the real server over it, set
 * up before its tests and dropped after. Read the fields inside tests, not at import.
 */
export function useDemoApi() {
  const fixture = {} as { database: TestDatabase; api: ReturnType<typeof createTestClient> };
  beforeAll(async () => {
    fixture.database = await createDemoDatabase(inject("demoDatabase"));
    fixture.api = createTestClient(fixture.database);
  });
  afterAll(() => fixture.database?.close());
  return fixture;
}
