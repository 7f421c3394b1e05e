/**
 * Responses in (issue 9), on a local PostgreSQL through the Neon driver, in one run:
 *  - bulk import: 100,000 generated ADULT_PB responses as one CSV file through `importResponses`
 *    (parsing, validation, the write path and the cube deltas, one transaction), in a process
 *    started with the import function's Node options (import-child.ts), into a copy of
 *    the scale-1 benchmark database, beside a `COPY` of the same answer rows (psql `\copy`, one
 *    row per answer) into a bare table and into one with the two keys the answers table had
 *    until migration 0009;
 *  - one-response `submitResponses` over HTTP from the real server (a member's key) into a copy of
 *    the ≈1M-response database, interleaved with the `{ __typename }` floor.
 * --quick: 5,000 responses, the scale-1 database for the submits, 20 requests.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { systemActor } from "@poet/core/actor";
import { loadConfig } from "@poet/core/app";
import { createDatabase, type Database, queryRows, startWsProxy } from "@poet/core/db";
import { DEMO_SEED, generateDemoResponses } from "@poet/core/demo";
import { createApiKey, createOrganisation } from "@poet/core/organisation";
import { importTemplate } from "@poet/core/response";
import { DEFAULT_SETTINGS, type Scope } from "@poet/core/scope";
import { csvField } from "@poet/core/util/csv";
import { sql } from "drizzle-orm";
import { IMPORT_NODE_OPTIONS } from "../../stacks/bundling.ts";
import { DEFAULT_ADMIN_URL, databaseUrl, ensureBenchDatabase } from "./bench-db.ts";
import { postGraphQL, TYPENAME } from "./figure-queries.ts";
import { interleave, percentile } from "./interleave.ts";
import { ms } from "./stats.ts";
import type { Benchmark, Section } from "./types.ts";

export const INGEST_AIMS = { importPerSecond: 5000, copyRatio: 10, submitFloorRatio: 10 };
const log = (line: string) => console.log(`  [ingest] ${line}`);
const seconds = (start: number) => (performance.now() - start) / 1000;

/** A fresh copy of a benchmark database (file copy: seconds, even at ≈1M responses). */
async function cloneDatabase(adminUrl: string, wsProxy: string, source: string, target: string): Promise<string> {
  const admin = await createDatabase({ driver: "neon", url: adminUrl, wsProxy });
  try {
    await admin.db.execute(sql.raw(`drop database if exists ${target} with (force)`));
    await admin.db.execute(sql.raw(`create database ${target} template ${source} strategy file_copy`));
  } finally {
    await admin.close();
  }
  return databaseUrl(adminUrl, target);
}

const systemScope = (database: Database): Scope => ({ db: database.db, actor: systemActor("bench"), settings: DEFAULT_SETTINGS });

/** An organisation covering every council, and (for the HTTP submits) a member key of it. */
async function benchOrganisation(database: Database, slug: string): Promise<{ id: number; key: string }> {
  const scope = systemScope(database);
  const councils = await queryRows<{ code: string }>(database.db, sql`select code from areas where type = 'LOCAL_AUTHORITY' order by code`);
  const organisation = await createOrganisation(scope, { slug, name: `Benchmark ${slug}`, type: "COUNCIL", areas: councils.map((c) => c.code) });
  const { key } = await createApiKey(scope, { organisation: slug, name: "bench", role: "MEMBER" });
  return { id: organisation.id, key };
}

/** `count` ADULT_PB version-1 responses of the demo generator (another seed than the stored ones), as one import file. */
async function importFile(database: Database, count: number): Promise<Buffer> {
  const template = await importTemplate(systemScope(database), "ADULT_PB", 1);
  const header = [...template.header, "version"];
  const lines = [header.join(",")];
  for (const r of generateDemoResponses({ scale: Math.ceil(count / 2000) + 1, seed: DEMO_SEED + 1 })) {
    if (r.questionSet !== "ADULT_PB" || r.version !== 1) continue;
    const fixed: Record<string, string> = {
      external_ref: `BENCH-${r.externalRef}`,
      area: r.areaCode,
      collected_on: r.collectedOn,
      collection_mode: r.collectionMode,
      completed_by: r.completedBy,
      comment: r.comment ?? "",
      version: "1",
    };
    lines.push(header.map((column) => csvField(fixed[column] ?? r.answers[column] ?? r.ticks?.[column]?.join("|") ?? "")).join(","));
    if (lines.length > count) break;
  }
  if (lines.length <= count) throw new Error(`the generator gave only ${lines.length - 1} ADULT_PB responses`);
  return Buffer.from(`${lines.join("\n")}\n`);
}

function psql(url: string, command: string): number {
  const start = performance.now();
  const run = spawnSync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", command], { encoding: "utf8" });
  if (run.error) throw new Error(`psql is needed for the COPY baseline: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`psql failed: ${run.stderr}`);
  return seconds(start);
}

/** `importResponses` in a child process started as the import function is (`IMPORT_NODE_OPTIONS`): see import-child.ts. */
function importInItsOwnProcess(url: string, file: Buffer, workDir: string, organisation: string) {
  const csv = path.join(workDir, "import.csv");
  writeFileSync(csv, file);
  const child = spawnSync(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "import-child.ts"), url, csv, organisation], {
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: IMPORT_NODE_OPTIONS },
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`the import process failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as { seconds: number; created: number; written: boolean; errors: unknown[] };
}

async function measureImport(adminUrl: string, wsProxy: string, workDir: string, count: number): Promise<Section> {
  const url = await cloneDatabase(adminUrl, wsProxy, "poet_bench_s1", "poet_bench_import");
  const database = await createDatabase({ driver: "neon", url, wsProxy });
  try {
    const organisation = await benchOrganisation(database, "bench-import");
    const file = await importFile(database, count);
    log(`importing ${count.toLocaleString("en-GB")} responses (${(file.length / 1e6).toFixed(1)} MB of CSV)…`);
    const result = importInItsOwnProcess(url, file, workDir, "bench-import");
    const importSeconds = result.seconds;
    if (!result.written || result.created !== count) throw new Error(`the import stored ${result.created} of ${count}: ${JSON.stringify(result.errors)}`);
    const [{ answers }] = (await queryRows<{ answers: number }>(
      database.db,
      sql`select count(*)::int as answers from answers a join responses r on r.id = a.response_id where r.organisation_id = ${organisation.id}`,
    )) as [{ answers: number }];
    // The same answer rows, loaded by COPY: into a bare table, and into one with the two keys of
    // the answers table before 0009 (its primary key, and the covering index of joint counts).
    const rows = path.join(workDir, "answers.copy");
    psql(
      url,
      `\\copy (select a.response_id, a.question_id, a.option_id from answers a join responses r on r.id = a.response_id where r.organisation_id = ${organisation.id}) to '${rows}'`,
    );
    const columns = "(response_id integer not null, question_id integer not null, option_id integer not null)";
    psql(
      url,
      `create table bench_copy_bare ${columns}; create table bench_copy_keyed ${columns};
       alter table bench_copy_keyed add primary key (response_id, question_id, option_id);
       create index on bench_copy_keyed (question_id, option_id, response_id)`,
    );
    const bare = psql(url, `\\copy bench_copy_bare from '${rows}'`);
    const keyed = psql(url, `\\copy bench_copy_keyed from '${rows}'`);
    const perSecond = count / importSeconds;
    const ok = perSecond >= INGEST_AIMS.importPerSecond && importSeconds / bare <= INGEST_AIMS.copyRatio;
    const rate = (s: number) => `${Math.round(answers / s).toLocaleString("en-GB")} answers/s`;
    return {
      title: `Bulk import: ${count.toLocaleString("en-GB")} ADULT_PB responses (${answers.toLocaleString("en-GB")} answers) into a copy of poet_bench_s1`,
      columns: ["load", "seconds", "responses/s", "answers/s", "÷ bare COPY"],
      rows: [
        [
          "importResponses (CSV: parse, validate, write, cube deltas)",
          importSeconds.toFixed(1),
          Math.round(perSecond).toLocaleString("en-GB"),
          rate(importSeconds),
          `${(importSeconds / bare).toFixed(1)}×`,
        ],
        ["COPY of the answer rows into a bare table", bare.toFixed(1), "—", rate(bare), "1.0×"],
        ["COPY of the answer rows into a table with the answers' two keys (before 0009)", keyed.toFixed(1), "—", rate(keyed), `${(keyed / bare).toFixed(1)}×`],
      ],
      notes: [
        `aims: ≥ ${INGEST_AIMS.importPerSecond.toLocaleString("en-GB")} responses/s and within ${INGEST_AIMS.copyRatio}× of the bare COPY: ${ok ? "met" : "MISSED"}`,
        "COPY loads only the answer rows (psql \\copy from a local file): no responses rows, no validation, no cubes.",
      ],
      ok,
    };
  } finally {
    await database.close();
  }
}

const SUBMIT = `mutation Submit($input: SubmitResponsesInput!) { submitResponses(input: $input) { created rejected results { status errors { code } } } }`;

async function measureSubmit(adminUrl: string, wsProxy: string, source: string, n: number): Promise<Section> {
  const url = await cloneDatabase(adminUrl, wsProxy, source, "poet_bench_submit");
  const database = await createDatabase({ driver: "neon", url, wsProxy });
  const { startServer } = await import("../../packages/cli/src/commands.ts");
  const server = await startServer(loadConfig({ DATABASE_URL: url, PORT: "0", NODE_ENV: "production", POET_LOG_LEVEL: "warn" }));
  try {
    const { key } = await benchOrganisation(database, "bench-submit");
    const [{ responses }] = (await queryRows<{ responses: number }>(database.db, sql`select count(*)::int as responses from responses`)) as [
      { responses: number },
    ];
    const councils = await queryRows<{ code: string }>(database.db, sql`select code from areas where type = 'LOCAL_AUTHORITY' order by code`);
    const headers = { authorization: `Bearer ${key}` };
    // Whole ADULT_PB responses (every question the generator answers), in the councils' areas.
    const covered = new Set(councils.map((c) => c.code));
    const bodies = [...generateDemoResponses({ scale: 1, seed: DEMO_SEED + 2 })]
      .filter((r) => r.questionSet === "ADULT_PB" && r.version === 1 && covered.has(r.areaCode))
      .slice(0, n + 10)
      .map((r) => ({
        questionSet: "ADULT_PB",
        version: 1,
        area: r.areaCode,
        collectedOn: r.collectedOn,
        collectionMode: r.collectionMode,
        completedBy: r.completedBy,
        comment: r.comment,
        answers: [
          ...Object.entries(r.answers).map(([question, option]) => ({ question, option })),
          ...Object.entries(r.ticks ?? {}).map(([question, options]) => ({ question, options })),
        ],
      }));
    const answers = Math.round(bodies.reduce((sum, b) => sum + b.answers.length, 0) / bodies.length);
    const submit = async (i: number) => {
      const input = { responses: [{ externalRef: `BENCH-SUBMIT-${i}`, ...bodies[i % bodies.length]! }] };
      const data = await postGraphQL(server!.url, SUBMIT, { input }, headers);
      if (data.submitResponses.created !== 1) throw new Error(`submit ${i}: ${JSON.stringify(data.submitResponses)}`);
    };
    log(`submitting one response at a time over HTTP into ${source} (${responses.toLocaleString("en-GB")} responses), interleaved with the floor…`);
    const samples = await interleave(
      [
        { id: "typename", n, warmup: 10, run: () => postGraphQL(server!.url, TYPENAME).then(() => undefined) },
        { id: "submit", n, warmup: 10, run: submit },
      ],
      log,
    );
    const p = (id: string, q: number) => percentile(samples.get(id)!, q);
    const ratio = p("submit", 50) / p("typename", 50);
    const ok = ratio < INGEST_AIMS.submitFloorRatio;
    return {
      title: `One-response submitResponses over HTTP at ${responses.toLocaleString("en-GB")} responses (a copy of ${source})`,
      columns: ["request", "n", "p50", "p99"],
      rows: [
        ["{ __typename } (HTTP, floor)", n, ms(p("typename", 50)), ms(p("typename", 99))],
        [`submitResponses, one whole response (${answers} answers on average; a member's key)`, n, ms(p("submit", 50)), ms(p("submit", 99))],
      ],
      notes: [
        `submit p50 ÷ floor p50 = ${ratio.toFixed(2)}× (aim < ${INGEST_AIMS.submitFloorRatio}×): ${ok ? "met" : "MISSED"}`,
        "Each submit validates, writes the response and its answers, and keeps every cube, in one transaction.",
      ],
      ok,
    };
  } finally {
    await server?.stop();
    await database.close();
  }
}

export const ingest: Benchmark = {
  name: "ingest",
  description: "bulk CSV import of 100,000 responses beside COPY; one-response submitResponses over HTTP at ≈1M beside the floor",
  async run({ root, workDir, requests, quick, rebuild, pg }) {
    const adminUrl = pg ?? DEFAULT_ADMIN_URL;
    const proxy = await startWsProxy();
    try {
      const ensure = (scale: number) =>
        ensureBenchDatabase(`poet_bench_s${scale}`, scale, { root, adminUrl, wsProxy: proxy.address, rebuild: rebuild ?? false, log });
      await ensure(1);
      const large = quick ? "poet_bench_s1" : (await ensure(64)).name;
      const sections = [await measureImport(adminUrl, proxy.address, workDir, quick ? 5000 : 100_000)];
      sections.push(await measureSubmit(adminUrl, proxy.address, large, requests ?? (quick ? 20 : 300)));
      return sections;
    } finally {
      await proxy.close();
    }
  },
};
