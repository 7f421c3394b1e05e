import { randomBytes } from "node:crypto";
import { setupDatabase } from "../app/setup.ts";
import { createNeonDatabase } from "../db/neon.ts";
import { createPgliteDatabase } from "../db/pglite.ts";
import type { Database } from "../db/types.ts";
import { startWsProxy, type WsProxy } from "../db/ws-proxy.ts";

/**
 * Which database the suite runs on: `pglite` (the default) or `postgres` — the PostgreSQL at
 * TEST_DATABASE_URL, reached through the Neon driver and a local WebSocket proxy, exactly as
 * the Lambdas reach Neon. vitest.config.ts runs the database tests once per driver.
 */
export type TestDriver = "pglite" | "postgres";
export const testDriver = (): TestDriver => (process.env.POET_TEST_DRIVER === "postgres" ? "postgres" : "pglite");

export interface TestDatabase extends Database {
  /** The Postgres database's name (a template for others), or "pglite". */
  name: string;
  /** Closes the connection and keeps the database (close() drops it). */
  release(): Promise<void>;
  /** The postgres:// URL of a Postgres test database; null on PGlite. */
  url: string | null;
}

function serverUrl(): URL {
  const raw = process.env.TEST_DATABASE_URL;
  if (!raw) throw new Error("POET_TEST_DRIVER=postgres needs TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)");
  return new URL(raw);
}

let proxy: Promise<WsProxy> | undefined;
const sharedProxy = () => (proxy ??= startWsProxy());

/** Stops this process's WebSocket proxy, if it started one (it would keep the process alive). */
export async function stopTestProxy(): Promise<void> {
  const running = proxy;
  proxy = undefined;
  if (running) await (await running).close();
}

/** Runs `fn` on the server's maintenance database (to create and drop test databases). */
async function onServer<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const admin = await createNeonDatabase(serverUrl().toString(), (await sharedProxy()).address);
  try {
    return await fn(admin);
  } finally {
    await admin.close();
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A fresh, migrated database with the reference data and question sets loaded, on the driver
 * under test. `template` names a Postgres database to copy instead (see the global setup).
 * Closing it drops it.
 */
export async function createTestDatabase(options: { template?: string; setup?: boolean; driver?: TestDriver } = {}): Promise<TestDatabase> {
  if ((options.driver ?? testDriver()) === "pglite") {
    const database = await createPgliteDatabase(null);
    if (options.setup !== false) await setupDatabase(database);
    return { ...database, name: "pglite", release: database.close, url: null };
  }
  const database = await connectTestDatabase(await copyDatabase(options.template));
  if (options.setup !== false && !options.template) await setupDatabase(database);
  let open = true;
  const release = async () => {
    if (open) (open = false), await database.close();
  };
  return { ...database, release, close: async () => (await release(), await dropDatabase(database.name)) };
}

/**
 * Creates a database, empty or as a copy of `template`; returns its name. A file copy is twice as
 * fast as the default WAL-logged copy of a 500 MB database, and a test database needs no WAL.
 */
export async function copyDatabase(template?: string, options: { readOnly?: boolean } = {}): Promise<string> {
  const name = `poet_test_${randomBytes(6).toString("hex")}`;
  await onServer(async ({ db }) => {
    const { sql } = await import("drizzle-orm");
    const source = template ? ` template ${quoteIdent(template)} strategy file_copy` : "";
    await db.execute(sql.raw(`create database ${quoteIdent(name)}${source}`));
    if (options.readOnly) await db.execute(sql.raw(`alter database ${quoteIdent(name)} set default_transaction_read_only = on`));
  });
  return name;
}

/** Connects to an existing Postgres test database; closing it only disconnects. */
export async function connectTestDatabase(name: string): Promise<TestDatabase> {
  const url = serverUrl();
  url.pathname = `/${name}`;
  const database = await createNeonDatabase(url.toString(), (await sharedProxy()).address);
  return { ...database, name, url: url.toString(), release: database.close };
}

export async function dropDatabase(name: string): Promise<void> {
  const { sql } = await import("drizzle-orm");
  await onServer(({ db }) => db.execute(sql.raw(`drop database if exists ${quoteIdent(name)} with (force)`)));
}

/**
 * A copy of the demo database built by the global setup: PGlite loads the dumped data directory,
 * Postgres copies the template database, or, for a file that only reads (`shared`), connects to
 * the one read-only copy every such file shares, saving a 500 MB copy per file.
 */
export async function createDemoDatabase(source: string, shared?: string): Promise<TestDatabase> {
  if (testDriver() === "postgres") return shared ? connectTestDatabase(shared) : createTestDatabase({ template: source });
  const { readFileSync } = await import("node:fs");
  const database = await createPgliteDatabase(null, { loadDataDir: new Blob([readFileSync(source)]) });
  return { ...database, name: "pglite", release: database.close, url: null };
}
