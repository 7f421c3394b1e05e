import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { yieldToLoop } from "../util/yield.ts";
import { claimFolder } from "./owner.ts";
import type { Database, Db } from "./types.ts";

export interface PgliteOptions {
  /** Starts it from a dump of another PGlite's data directory. */
  loadDataDir?: Blob;
  statementTimeoutMs?: number;
  /** What this process is doing, named in the folder's lock for anyone else who finds it held. */
  purpose?: string;
}

/**
 * Embedded Postgres: in memory when `dataDir` is null, else kept in that folder, which this
 * process then owns until `close` (FolderInUseError when another live process holds it).
 */
export async function createPgliteDatabase(dataDir: string | null, options: PgliteOptions = {}): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const claim = dataDir ? claimFolder(dataDir, options.purpose ?? commandLine()) : null;
  try {
    const client = new PGlite({ ...(dataDir ? { dataDir } : {}), ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
    await client.waitReady;
    if (options.statementTimeoutMs) await client.exec(`set statement_timeout = ${Math.trunc(options.statementTimeoutMs)}`);
    const db = drizzle({ client: yielding(client), casing: "snake_case" }) as unknown as Db;
    return { db, driver: "pglite", close: () => client.close().finally(() => claim?.release()) };
  } catch (error) {
    claim?.release();
    throw error;
  }
}

/**
 * The client as drizzle sees it, starting each query in an event-loop turn of its own. PGlite runs
 * in this thread and queues concurrent queries behind a lock that hands over in microtasks, so a
 * request of many queries (a report, an export) would otherwise run them all in one stretch
 * while every other request waits. Only starts are spaced: a query waiting on the lock (behind a
 * transaction) never holds the next one's turn.
 */
function yielding<T extends object>(client: T, turns = { next: Promise.resolve() }): T {
  return new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (property === "query" || property === "exec")
        return async (...args: unknown[]) => {
          turns.next = turns.next.then(yieldToLoop);
          await turns.next;
          return value.apply(target, args);
        };
      if (property === "transaction") return (work: (tx: object) => unknown) => value.call(target, (tx: object) => work(yielding(tx, turns)));
      return value.bind(target);
    },
  });
}

const commandLine = (): string => process.argv.slice(1).join(" ").slice(0, 200);
