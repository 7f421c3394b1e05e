/**
 * Local reports over the demo data, as `npm start` has it (PGlite) and as a deployment reads it
 * (PostgreSQL through the Neon driver): the time to draw one report (each eligible report in
 * turn, the first one cold) and `poet report --all` end to end (every eligible council's HTML
 * written to a folder), side by side in one run.
 */
import { mkdtemp, readdir } from "node:fs/promises";
import path from "node:path";
import { systemActor } from "@poet/core/actor";
import { setupDatabase } from "@poet/core/app";
import type { Database } from "@poet/core/db";
import { createDatabase, startWsProxy } from "@poet/core/db";
import { seedDemoData } from "@poet/core/demo";
import { forgetCachedReads, invalidateReferenceData } from "@poet/core/figure";
import { eligibleReports, localReport } from "@poet/core/report";
import { DEFAULT_SETTINGS } from "@poet/core/scope";
import { sql } from "drizzle-orm";
import { runReport } from "../../packages/cli/src/report.ts";
import { DEFAULT_ADMIN_URL, databaseUrl } from "./bench-db.ts";
import { percentile } from "./interleave.ts";
import { ms } from "./stats.ts";
import type { Benchmark, Section } from "./types.ts";

export const ONE_REPORT_AIM_MS = 1000;
export const ALL_REPORTS_AIM_MS = 60_000;
const log = (line: string) => console.log(`  [reports] ${line}`);

interface Measured {
  driver: string;
  reports: number;
  first: number;
  each: number[];
  all: number;
  files: number;
}

async function measure(driver: string, database: Database, workDir: string): Promise<Measured> {
  const started = performance.now();
  await setupDatabase(database);
  const seeded = await seedDemoData(database);
  log(`${driver}: ${seeded.responses} demo responses ready in ${ms(performance.now() - started)}`);
  const scope = { db: database.db, actor: systemActor("bench"), settings: DEFAULT_SETTINGS };
  const targets = await eligibleReports(scope);
  // Each report as a portal asks for it just after a release is cut: nothing kept from before
  // (kept reads are keyed on the release), reads shared within the report.
  const each: number[] = [];
  for (const target of targets) {
    forgetCachedReads(database.db);
    invalidateReferenceData(database.db);
    const t = performance.now();
    const report = await localReport(scope, target);
    each.push(performance.now() - t);
    if (!report.html) throw new Error(`${target.area} ${target.questionSet}: no report (${report.reason})`);
  }
  const out = await mkdtemp(path.join(workDir, `reports-${driver}-`));
  const t = performance.now();
  await runReport(database.db, DEFAULT_SETTINGS, { all: true, out });
  const all = performance.now() - t;
  return { driver, reports: targets.length, first: each[0] ?? 0, each, all, files: (await readdir(out)).length };
}

export const reports: Benchmark = {
  name: "reports",
  description: "local reports over the demo data: one report, and report --all",
  async run({ workDir, pg }): Promise<Section[]> {
    const results: Measured[] = [];
    const pglite = await createDatabase({ driver: "pglite", dataDir: null });
    try {
      results.push(await measure("PGlite", pglite, workDir));
    } finally {
      await pglite.close();
    }
    {
      const name = `poet_bench_reports_${process.pid}`;
      const proxy = await startWsProxy();
      const maintenance = await createDatabase({ driver: "neon", url: pg ?? DEFAULT_ADMIN_URL, wsProxy: proxy.address });
      await maintenance.db.execute(sql.raw(`create database ${name}`));
      const postgres = await createDatabase({ driver: "neon", url: databaseUrl(pg ?? DEFAULT_ADMIN_URL, name), wsProxy: proxy.address });
      try {
        results.push(await measure("PostgreSQL (Neon driver)", postgres, workDir));
      } finally {
        await postgres.close();
        await maintenance.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
        await maintenance.close();
        await proxy.close();
      }
    }
    const ok = results.every((r) => Math.max(...r.each) < ONE_REPORT_AIM_MS && r.all < ALL_REPORTS_AIM_MS && r.files === r.reports);
    return [
      {
        title: "Local reports over the demo data (each report with nothing cached, as after new data)",
        columns: ["database", "eligible reports", "first report (cold)", "one report p50", "one report max", "report --all", "files written"],
        rows: results.map((r) => [r.driver, r.reports, ms(r.first), ms(percentile(r.each, 50)), ms(Math.max(...r.each)), ms(r.all), r.files]),
        notes: [`aims: one report < ${ms(ONE_REPORT_AIM_MS)} (every one of them), every eligible area < ${ms(ALL_REPORTS_AIM_MS)}`],
        ok,
      },
    ];
  },
};
