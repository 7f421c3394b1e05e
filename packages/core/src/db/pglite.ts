import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import * as schema from "./schema.ts";
import type { Database, Db } from "./types.ts";

/**
 * Embedded Postgres: in memory when `dataDir` is null, else kept in that folder. `loadDataDir`
 * starts it from a dump of another PGlite's data directory.
 */
export async function createPgliteDatabase(dataDir: string | null, options: { loadDataDir?: Blob; statementTimeoutMs?: number } = {}): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite({ ...(dataDir ? { dataDir } : {}), ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
  await client.waitReady;
  if (options.statementTimeoutMs) await client.exec(`set statement_timeout = ${Math.trunc(options.statementTimeoutMs)}`);
  const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Db;
  return { db, driver: "pglite", close: () => client.close() };
}
