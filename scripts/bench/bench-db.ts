/**
 * The persistent benchmark databases on a local PostgreSQL (poet_bench_s1, poet_bench_s64, …),
 * loaded with core's own setupDatabase + seedDemoData through the Neon driver and the in-process
 * WebSocket proxy, as the product loads them. A database is reused while the scale and the
 * migrations and demo-data fingerprint recorded in its comment (COMMENT ON DATABASE, JSON) still match.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { setupDatabase } from "@poet/core/app";
import { createDatabase, type Database, queryRows } from "@poet/core/db";
import { seedDemoData } from "@poet/core/demo";
import { sql } from "drizzle-orm";
import { type SeedProfile, watchSeeding } from "./seed-profile.ts";

export const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export interface BenchDbMeta {
  scale: number;
  migrations: string;
  responses: number;
  seedSeconds: number;
  seededAt: string;
}

export interface BenchDb {
  name: string;
  url: string;
  scale: number;
  meta: BenchDbMeta;
  /** Set when this run (re)built the database. */
  seeded?: { seconds: number; profile: SeedProfile };
}

/**
 * sha256 over the names and contents of packages/core/migrations/*.sql and meta/_journal.json
 * (drizzle re-applies a migration whose journal `when` is newer than the last one applied), and
 * of the demo data's generator (packages/core/src/demo/*.ts but its tests): either changing
 * makes the database another one.
 */
export async function migrationsFingerprint(root: string): Promise<string> {
  const migrations = path.join(root, "packages/core/migrations");
  const demo = path.join(root, "packages/core/src/demo");
  const files = [...(await readdir(migrations)).filter((f) => f.endsWith(".sql")).sort(), "meta/_journal.json"].map((f) => path.join(migrations, f));
  files.push(
    ...(await readdir(demo))
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .sort()
      .map((f) => path.join(demo, f)),
  );
  const hash = createHash("sha256");
  for (const file of files)
    hash
      .update(path.relative(root, file))
      .update("\0")
      .update(await readFile(file))
      .update("\0");
  return hash.digest("hex").slice(0, 16);
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
  return name;
};

async function readMeta(admin: Database, name: string): Promise<BenchDbMeta | null | undefined> {
  const rows = await queryRows<{ comment: string | null }>(
    admin.db,
    sql`select shobj_description(oid, 'pg_database') as comment from pg_database where datname = ${name}`,
  );
  if (rows.length === 0) return undefined; // no such database
  try {
    return JSON.parse(rows[0]!.comment ?? "") as BenchDbMeta;
  } catch {
    return null; // exists, but incomplete or not ours
  }
}

export interface EnsureOptions {
  root: string;
  adminUrl: string;
  wsProxy: string;
  rebuild: boolean;
  log: (line: string) => void;
}

/** Returns a complete benchmark database at `scale`, building it only when needed. */
export async function ensureBenchDatabase(name: string, scale: number, options: EnsureOptions): Promise<BenchDb> {
  const fingerprint = await migrationsFingerprint(options.root);
  const url = databaseUrl(options.adminUrl, name);
  const admin = await createDatabase({ driver: "neon", url: options.adminUrl, wsProxy: options.wsProxy });
  try {
    const meta = await readMeta(admin, name);
    if (meta && !options.rebuild && meta.scale === scale && meta.migrations === fingerprint) {
      options.log(
        `${name}: reusing (scale ${scale}, ${meta.responses.toLocaleString("en-GB")} responses, migrations ${fingerprint}, seeded ${meta.seededAt} in ${meta.seedSeconds.toFixed(0)} s)`,
      );
      return { name, url, scale, meta };
    }
    const why = options.rebuild
      ? "--rebuild"
      : meta === undefined
        ? "missing"
        : meta === null
          ? "incomplete"
          : meta.scale !== scale
            ? `scale ${meta.scale} ≠ ${scale}`
            : `migrations ${meta.migrations} ≠ ${fingerprint}`;
    options.log(`${name}: building at scale ${scale} (${why})…`);
    await admin.db.execute(sql.raw(`drop database if exists ${ident(name)} with (force)`));
    await admin.db.execute(sql.raw(`create database ${ident(name)}`));

    const database = await createDatabase({ driver: "neon", url, wsProxy: options.wsProxy });
    let seeded: BenchDb["seeded"];
    let responses = 0;
    try {
      const setupStart = performance.now();
      await setupDatabase(database);
      options.log(`${name}: setupDatabase ${((performance.now() - setupStart) / 1000).toFixed(1)} s`);
      const watcher = watchSeeding(admin, name);
      const start = performance.now();
      try {
        responses = (await seedDemoData(database, { scale, replace: true })).responses;
      } finally {
        seeded = { seconds: (performance.now() - start) / 1000, profile: await watcher.stop() };
      }
      options.log(`${name}: seedDemoData loaded ${responses.toLocaleString("en-GB")} responses in ${seeded.seconds.toFixed(1)} s`);
      // A database at rest, as autovacuum leaves it: fresh planner statistics, and a visibility
      // map that lets index-only scans (the joint counts') skip the heap.
      const analyzeStart = performance.now();
      await database.db.execute(sql`vacuum analyze`);
      options.log(`${name}: vacuum analyze ${((performance.now() - analyzeStart) / 1000).toFixed(1)} s`);
    } finally {
      await database.close();
    }
    const newMeta: BenchDbMeta = { scale, migrations: fingerprint, responses, seedSeconds: seeded!.seconds, seededAt: new Date().toISOString() };
    const literal = JSON.stringify(newMeta).replaceAll("'", "''");
    await admin.db.execute(sql.raw(`comment on database ${ident(name)} is '${literal}'`));
    return { name, url, scale, meta: newMeta, seeded };
  } finally {
    await admin.close();
  }
}

/** Row counts that show whether a figure's work grows with the data (tables not there: absent). */
export async function tableCounts(database: Database, tables = ["responses", "answers", "band_counts", "answer_counts"]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) {
    const [exists] = await queryRows<{ t: string | null }>(database.db, sql`select to_regclass(${table})::text as t`);
    if (!exists?.t) continue;
    const [row] = await queryRows<{ n: string }>(database.db, sql.raw(`select count(*) as n from ${ident(table)}`));
    out[table] = Number(row?.n ?? 0);
  }
  return out;
}
