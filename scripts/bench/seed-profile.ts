/**
 * Where the time of a seed goes: samples pg_stat_activity of the database being seeded (from
 * another connection) every 250 ms, and classifies what its backend is doing. "idle in
 * transaction" means Postgres waits on the client: generating responses, building parameters,
 * the WebSocket proxy. Also reports this process's CPU time (generator, driver and proxy share it).
 */

import { type Database, queryRows } from "@poet/core/db";
import { sql } from "drizzle-orm";

export interface SeedProfile {
  samples: number;
  /** activity → share of samples (0–1) */
  shares: [string, number][];
  cpuSeconds: number;
}

function classify(state: string | null, query: string | null): string {
  const q = (query ?? "").replace(/\s+/g, " ").trim().toLowerCase();
  if (state === "idle in transaction") return "client: generate / serialise / send (server idle in transaction)";
  if (state !== "active") return `server: ${state ?? "unknown"}`;
  const insert = q.match(/^insert into "?(\w+)"?/);
  if (insert) return `server: insert into ${insert[1]}`;
  if (q.startsWith("delete")) return "server: delete";
  if (q.startsWith("select")) return "server: select";
  return `server: ${q.slice(0, 30)}`;
}

export function watchSeeding(admin: Database, name: string): { stop(): Promise<SeedProfile> } {
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const cpu = process.cpuUsage();
  const loop = (async () => {
    while (running) {
      await new Promise((r) => setTimeout(r, 250));
      if (!running) break;
      try {
        const rows = await queryRows<{ state: string | null; query: string | null }>(
          admin.db,
          sql`select state, query from pg_stat_activity where datname = ${name} and backend_type = 'client backend' and state <> 'idle'`,
        );
        // The seed is one transaction on one connection; other pooled clients are idle.
        const busy = rows.find((r) => r.state === "active") ?? rows[0];
        const label = busy ? classify(busy.state, busy.query) : "no transaction open (setup, connect, commit)";
        counts.set(label, (counts.get(label) ?? 0) + 1);
        samples++;
      } catch {
        /* a sample lost is not worth failing the seed for */
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const used = process.cpuUsage(cpu);
      const shares = [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, n / Math.max(1, samples)] as [string, number]);
      return { samples, shares, cpuSeconds: (used.user + used.system) / 1e6 };
    },
  };
}
