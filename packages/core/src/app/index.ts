export type { Config } from "./config.ts";
export { loadConfig } from "./config.ts";
export { servicesOf } from "./services.ts";
export { setupDatabase } from "./setup.ts";
