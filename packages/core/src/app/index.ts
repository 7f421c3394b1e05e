export type { Config } from "./config.ts";
export { loadConfig } from "./config.ts";
export { setupDatabase, setupDatabaseIfStale, setupStamp, storedSetupStamp } from "./setup.ts";
