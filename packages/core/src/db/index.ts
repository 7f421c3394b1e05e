import type { Database, Db } from "./types.ts";

export { type Database, type Db, queryRows } from "./types.ts";

/** Where the data lives: a PGlite folder on a laptop (null: in memory), or PostgreSQL (Neon) by URL. */
export type DatabaseConfig =
  | { driver: "pglite"; dataDir: string | null; statementTimeoutMs?: number }
  | { driver: "neon"; url: string; wsProxy: string | null; statementTimeoutMs?: number };

export type DatabaseSource = Database | (() => Promise<Database>);

/** Opens the database lazily, once per source; a failed attempt is forgotten, so the next request tries again. */
export const databaseGetter = (source: DatabaseSource): (() => Promise<Db>) => {
  let db: Promise<Db> | undefined;
  return () => {
    if (!db) {
      const attempt = typeof source === "function" ? source().then((d) => d.db) : Promise.resolve(source.db);
      db = attempt;
      attempt.catch(() => {
        if (db === attempt) db = undefined;
      });
    }
    return db;
  };
};

/** Opens the configured database; drivers load lazily so a Lambda bundle carries only Neon's. */
export async function createDatabase(config: DatabaseConfig, options: { purpose?: string } = {}): Promise<Database> {
  if (config.driver === "pglite") {
    const { createPgliteDatabase } = await import("./pglite.ts");
    return createPgliteDatabase(config.dataDir, { statementTimeoutMs: config.statementTimeoutMs, purpose: options.purpose });
  }
  const { createNeonDatabase } = await import("./neon.ts");
  return createNeonDatabase(config.url, config.wsProxy, config.statementTimeoutMs);
}
export { migrateDatabase } from "./migrate.ts";
export { advertise, FolderInUseError, ownerOf, SERVE } from "./owner.ts";

/** A PGlite database in a folder (null: in memory). PGlite loads only when one is opened. */
export async function createPgliteDatabase(...args: Parameters<typeof import("./pglite.ts").createPgliteDatabase>) {
  return (await import("./pglite.ts")).createPgliteDatabase(...args);
}

/** The WebSocket proxy through which the Neon driver reaches a local PostgreSQL; loaded only when started. */
export async function startWsProxy(...args: Parameters<typeof import("./ws-proxy.ts").startWsProxy>) {
  return (await import("./ws-proxy.ts")).startWsProxy(...args);
}
export type { WsProxy } from "./ws-proxy.ts";
