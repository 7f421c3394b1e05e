import { loadConfig } from "@poet/core/app";
import { createDatabase, type Database } from "@poet/core/db";
import { resolveDatabaseUrl } from "./secret.ts";

type Env = Record<string, string | undefined>;

/**
 * Opens the database the way every Lambda does: DATABASE_URL from the environment or the bound
 * SST secret, then core's `loadConfig` (Neon driver for a postgres:// URL). Inside Lambda a
 * missing URL is an error; elsewhere (tests, the bench) core's default, PGlite, applies.
 */
export async function openDatabase(env: Env = process.env): Promise<Database> {
  const url = await resolveDatabaseUrl(env);
  if (!url && env.AWS_LAMBDA_FUNCTION_NAME) {
    throw new Error("DATABASE_URL is not configured: bind the DATABASE_URL secret to this function");
  }
  const config = loadConfig({ ...env, DATABASE_URL: url });
  return createDatabase(config.database);
}

/**
 * One database per container, opened on first use and shared by every later invocation. A failed
 * attempt (secret not set yet, Neon unreachable) is forgotten so the next request tries again.
 */
export function lazyDatabase(open: () => Promise<Database> = () => openDatabase()): {
  get(): Promise<Database>;
  opened(): boolean;
  close(): Promise<void>;
} {
  let pending: Promise<Database> | undefined;
  return {
    get() {
      if (!pending) {
        const attempt = open();
        pending = attempt;
        attempt.catch(() => {
          if (pending === attempt) pending = undefined;
        });
      }
      return pending;
    },
    opened: () => pending !== undefined,
    async close() {
      const current = pending;
      pending = undefined;
      if (current) await (await current).close();
    },
  };
}
