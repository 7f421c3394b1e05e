export type { TestDatabase } from "./database.ts";
export { connectTestDatabase, createDemoDatabase, createTestDatabase, testDriver } from "./database.ts";
export { createSetUpDatabase, useDemoApi } from "./fixtures.ts";
export { createTestClient } from "./graphql.ts";
export { systemScope, testCredential } from "./keys.ts";
export { trueResponseCounts } from "./truth.ts";
