import type { DatabaseConfig } from "../config.ts";
import type { Database } from "./types.ts";

export type { Database, Db } from "./types.ts";

/** Opens the configured database; drivers load lazily so a Lambda bundle carries only Neon's. */
export async function createDatabase(config: DatabaseConfig, options: { purpose?: string } = {}): Promise<Database> {
  if (config.driver === "pglite") {
    const { createPgliteDatabase } = await import("./pglite.ts");
    return createPgliteDatabase(config.dataDir, { statementTimeoutMs: config.statementTimeoutMs, purpose: options.purpose });
  }
  const { createNeonDatabase } = await import("./neon.ts");
  return createNeonDatabase(config.url, config.wsProxy, config.statementTimeoutMs);
}
