import { neonConfig, Pool } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-serverless";
import type { Database, Db } from "./types.ts";

/**
 * Postgres over WebSockets with Neon's driver: what the Lambdas use against Neon. Against any
 * other host (a local PostgreSQL in tests) it goes through a WebSocket proxy, `wsProxy`.
 */
export async function createNeonDatabase(url: string, wsProxy: string | null, statementTimeoutMs?: number): Promise<Database> {
  // Lambda's Node 22 has a global WebSocket; `ws` stays out of its bundle (stacks/bundling.ts).
  if (typeof WebSocket === "undefined" || wsProxy) neonConfig.webSocketConstructor = (await import("ws")).default;
  if (wsProxy) {
    neonConfig.wsProxy = (host, port) => `${wsProxy}?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  // Coalescing waits for a timer (≥ 1 ms in Node) before each write: off, a round trip costs 0.3 ms
  // instead of 1.8 ms through the local proxy, and a one-response submit makes about twenty.
  neonConfig.coalesceWrites = false;
  const pool = new Pool({ connectionString: url, max: 10 });
  pool.on("error", () => {}); // an idle client's dropped socket must not crash the process
  // Nor may a client's that is between statements of a transaction: its next query fails instead.
  pool.on("connect", (client: { on(event: "error", listener: () => void): unknown }) => void client.on("error", () => {}));
  // No statement may hold a connection for long: a slow query fails instead of queueing the rest.
  if (statementTimeoutMs)
    pool.on(
      "connect",
      (client: { query(text: string): Promise<unknown> }) => void client.query(`set statement_timeout = ${Math.trunc(statementTimeoutMs)}`).catch(() => {}),
    );
  const db = drizzle({ client: pool, casing: "snake_case" }) as unknown as Db;
  return { db, driver: "neon", close: () => pool.end() };
}
