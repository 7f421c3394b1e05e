/**
 * Figure latency on a local PostgreSQL, at about 10 thousand and about 1 million responses in one
 * run: `benchmark` and `areaProfile` over HTTP from the real server (`poet serve`: Neon driver and
 * WebSocket proxy, NODE_ENV=production), `{ __typename }` as the floor, and the same `benchmark`
 * figure computed the naive way, one plain GROUP BY over the stored answers. All probes are
 * interleaved (scripts/bench/interleave.ts) so their ratios are measured side by side.
 *
 * --quick: scale 1 only, 20 requests. --requests N: N `benchmark` and `{ __typename }`, 2N/3
 * `areaProfile`, max(5, N/10) GROUP BY per database. --rebuild: reseed the databases.
 * A database seeded under other migrations is reseeded (≈1M: ~25 min): the product's own
 * setupDatabase would re-apply a changed migration over it and fail.
 */
import { loadConfig } from "@poet/core/app";
import type { Database } from "@poet/core/db";
import { createDatabase, startWsProxy } from "@poet/core/db";
import type { RunningServer } from "../../packages/cli/src/commands.ts";
import { type BenchDb, DEFAULT_ADMIN_URL, ensureBenchDatabase, tableCounts } from "./bench-db.ts";
import { busiestCouncils, detectShapes, naiveBenchmark, postGraphQL, TYPENAME } from "./figure-queries.ts";
import { interleave, type Probe, percentile } from "./interleave.ts";
import { ms } from "./stats.ts";
import type { Benchmark, Section } from "./types.ts";

export const AIMS = { floorRatio: 3, profileP50Ms: 25, growthRatio: 1.5, naiveSpeedup: 10 };
const AREAS = 8;
const KINDS = ["typename", "benchmark", "profile", "groupby"] as const;
type Kind = (typeof KINDS)[number];
const KIND_LABEL: Record<Kind, string> = {
  typename: "{ __typename } (HTTP, floor)",
  benchmark: "benchmark (HTTP)",
  profile: "areaProfile (HTTP)",
  groupby: "plain GROUP BY ≈ benchmark (SQL)",
};

const log = (line: string) => console.log(`  [figures] ${line}`);
const approx = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${Math.round(n / 1e3)}k` : String(n));

export interface Target {
  db: BenchDb;
  label: string;
  database: Database;
  server: RunningServer;
  counts: Record<string, number>;
}

export const approxLabel = (responses: number) => `≈${approx(responses)}`;

export const figures: Benchmark = {
  name: "figures",
  description: "benchmark / areaProfile latency over HTTP at ≈10k and ≈1M responses, against the floor and a plain GROUP BY",
  async run({ root, requests, quick, rebuild, pg }) {
    // Scale 64: ≈1 million responses (15,639 at scale 1).
    const scales = quick ? [1] : [1, 64];
    const n = requests ?? (quick ? 20 : 300);
    const counts: FigureCounts = { typename: n, benchmark: n, profile: Math.max(1, Math.round((2 * n) / 3)), groupby: Math.max(5, Math.round(n / 10)) };
    // Loaded here, not at the top: the server (and the engine under it) must not stop `--only size`.
    const { startServer } = await import("../../packages/cli/src/commands.ts");
    const proxy = await startWsProxy();
    const targets: Target[] = [];
    try {
      const dbs: BenchDb[] = [];
      for (const scale of scales) {
        dbs.push(
          await ensureBenchDatabase(`poet_bench_s${scale}`, scale, {
            root,
            adminUrl: pg ?? DEFAULT_ADMIN_URL,
            wsProxy: proxy.address,
            rebuild: rebuild ?? false,
            log,
          }),
        );
      }
      for (const db of dbs) {
        const database = await createDatabase({ driver: "neon", url: db.url, wsProxy: proxy.address });
        const server = await startServer(loadConfig({ DATABASE_URL: db.url, PORT: "0", NODE_ENV: "production" })).catch(async (e) => {
          await database.close();
          // Typically the migrations changed after the fingerprint was taken (during the seed): rerun to reseed.
          throw new Error(`poet serve failed on ${db.name} (seeded under migrations ${db.meta.migrations}; if they changed since, rerun to reseed)`, {
            cause: e,
          });
        });
        const tableRows = await tableCounts(database);
        targets.push({ db, label: approxLabel(tableRows.responses ?? db.meta.responses), database, server: server!, counts: tableRows });
      }
      return await measureFigures(targets, counts, quick ?? false);
    } finally {
      for (const t of targets) await t.server.stop().catch(() => {});
      for (const t of targets) await t.database.close().catch(() => {});
      await proxy.close();
    }
  },
};

export interface FigureCounts {
  typename: number;
  benchmark: number;
  profile: number;
  groupby: number;
}

/** Measures the probes of every target, interleaved, and renders the sections. */
export async function measureFigures(targets: Target[], counts: FigureCounts, quick: boolean): Promise<Section[]> {
  const shapes = await detectShapes(targets[0]!.server.url);
  for (const m of shapes.missing) log(`not served yet: ${m}`);
  const largest = targets[targets.length - 1]!;
  const areas = await busiestCouncils(largest.database, AREAS);
  if (areas.length === 0) throw new Error(`${largest.db.name} has no ADULT_PB responses in any council`);
  log(`areas: ${areas.join(", ")} (councils with the most ADULT_PB responses in ${largest.db.name})`);
  const agreement = await crossCheck(targets, areas[0]!, shapes.benchmark.query);

  const probes: Probe[] = [];
  for (const t of targets) {
    const area = (i: number) => areas[i % areas.length]!;
    const http = (kind: Kind, query: string, variables: (i: number) => Record<string, unknown> | undefined) =>
      probes.push({
        id: `${kind}@${t.db.scale}`,
        n: counts[kind],
        warmup: Math.max(10, areas.length),
        run: (i) => postGraphQL(t.server.url, query, variables(i)).then(() => undefined),
      });
    http("typename", TYPENAME, () => undefined);
    http("benchmark", shapes.benchmark.query, (i) => ({ area: area(i) }));
    if (shapes.profile) http("profile", shapes.profile.query, (i) => ({ area: area(i) }));
    probes.push({ id: `groupby@${t.db.scale}`, n: counts.groupby, warmup: 2, run: (i) => naiveBenchmark(t.database, area(i)).then(() => undefined) });
  }
  log(
    `measuring ${probes.length} probes interleaved: ${KINDS.filter((k) => k !== "profile" || shapes.profile)
      .map((k) => `${k} ×${counts[k]}`)
      .join(", ")} per database…`,
  );
  const samples = await interleave(probes, log);
  const p = (kind: Kind, t: Target, q: number) => percentile(samples.get(`${kind}@${t.db.scale}`) ?? [], q);

  const latency: Section = {
    title: `Figure latency: p50 / p99 per query kind and data set (${quick ? "--quick, " : ""}${targets.map((t) => `${t.label} = ${t.db.name}`).join(", ")})`,
    columns: ["query", "n", ...targets.flatMap((t) => [`${t.label} p50`, `${t.label} p99`])],
    rows: KINDS.filter((k) => k !== "profile" || shapes.profile).map((k) => [
      KIND_LABEL[k],
      counts[k],
      ...targets.flatMap((t) => [ms(p(k, t, 50)), ms(p(k, t, 99))]),
    ]),
    notes: [
      `benchmark shape: ${shapes.benchmark.label}`,
      `areaProfile: ${shapes.profile ? shapes.profile.label : "NOT MEASURED: the served schema has no areaProfile in the contract's shape yet"}`,
      `areas (round-robin): ${areas.join(", ")}; question set ADULT_PB, question quality_of_life`,
      "Sequential POSTs with keep-alive; client, server, Neon driver and WebSocket proxy share this one node process; all probes interleaved after a warm-up.",
      `GROUP BY vs benchmark (${areas[0]}): ${agreement}`,
    ],
  };
  return [dataSection(targets), latency, aimsSection(targets, p, shapes.profile !== null, quick), ...targets.flatMap((t) => seedSection(t))];
}

/** Whether the naive GROUP BY gives the figure the API gives (disclosure control may round it). */
async function crossCheck(targets: Target[], area: string, query: string): Promise<string> {
  const parts: string[] = [];
  for (const t of targets) {
    const api = (await postGraphQL(t.server.url, query, { area })).benchmark.value;
    const naive = await naiveBenchmark(t.database, area);
    const same = api.numerator === naive.numerator && api.denominator === naive.denominator;
    parts.push(
      `${t.label} API ${api.numerator}/${api.denominator}, SQL ${naive.numerator}/${naive.denominator}${same ? " (same)" : " (differ: the API's may be perturbed or pooled differently)"}`,
    );
  }
  return parts.join("; ");
}

/** The cube every figure reads: band_counts (answer_counts before it). */
const cube = (counts: Record<string, number>) =>
  counts.band_counts !== undefined
    ? `band_counts ${counts.band_counts.toLocaleString("en-GB")}`
    : counts.answer_counts !== undefined
      ? `answer_counts ${counts.answer_counts.toLocaleString("en-GB")}`
      : "(no cube table)";

function dataSection(targets: Target[]): Section {
  return {
    title: "Benchmark databases (local PostgreSQL, loaded by core's setupDatabase + seedDemoData through the Neon driver)",
    columns: ["database", "scale", "responses", "answers", "cube rows", "data"],
    rows: targets.map((t) => [
      t.db.name,
      t.db.scale,
      (t.counts.responses ?? 0).toLocaleString("en-GB"),
      (t.counts.answers ?? 0).toLocaleString("en-GB"),
      cube(t.counts),
      t.db.seeded
        ? `seeded now in ${t.db.seeded.seconds.toFixed(1)} s`
        : `reused (seeded ${t.db.meta.seededAt.slice(0, 16)}Z in ${t.db.meta.seedSeconds.toFixed(0)} s)`,
    ]),
    notes: ["The cube is what figures read: it should barely grow while responses and answers grow 100×."],
  };
}

function aimsSection(targets: Target[], p: (kind: Kind, t: Target, q: number) => number, profile: boolean, quick: boolean): Section {
  const rows: (string | number)[][] = [];
  let ok = true;
  /** met: a verdict; "quick": needs the ≈1M data set (--quick skips it); "missing": the field is not served yet. */
  const judge = (aim: string, scope: string, value: number | null, target: string, met: boolean | "quick" | "missing", format: (v: number) => string) => {
    const result = met === "quick" ? "n/a (--quick)" : met === "missing" ? "NOT MEASURED" : met ? "met" : "MISSED";
    if (met === false || met === "missing") ok = false;
    rows.push([aim, scope, value === null ? "—" : format(value), target, result]);
  };
  const x = (v: number) => `${v.toFixed(2)}×`;
  const small = targets[0]!;
  const large = quick ? null : targets[targets.length - 1]!;
  for (const t of targets) {
    const r = p("benchmark", t, 50) / p("typename", t, 50);
    judge("benchmark p50 ÷ { __typename } p50", t.label, r, `≤ ${AIMS.floorRatio}×`, r <= AIMS.floorRatio, x);
  }
  for (const t of targets) {
    const v = profile ? p("profile", t, 50) : null;
    judge("areaProfile p50", t.label, v, `< ${AIMS.profileP50Ms} ms`, v === null ? "missing" : v < AIMS.profileP50Ms, ms);
  }
  for (const kind of ["benchmark", "profile"] as const) {
    const name = kind === "benchmark" ? "benchmark" : "areaProfile";
    const aim = `${name} p50 at ${large?.label ?? "≈1M"} ÷ p50 at ${small.label}`;
    if (!large) judge(aim, "both", null, `≤ ${AIMS.growthRatio}×`, "quick", x);
    else if (kind === "profile" && !profile) judge(aim, "both", null, `≤ ${AIMS.growthRatio}×`, "missing", x);
    else {
      const r = p(kind, large, 50) / p(kind, small, 50);
      judge(aim, "both", r, `≤ ${AIMS.growthRatio}×`, r <= AIMS.growthRatio, x);
    }
  }
  for (const t of targets) {
    const r = p("groupby", t, 50) / p("benchmark", t, 50);
    if (t === large) judge("plain GROUP BY p50 ÷ benchmark p50", t.label, r, `≥ ${AIMS.naiveSpeedup}×`, r >= AIMS.naiveSpeedup, x);
    else rows.push(["plain GROUP BY p50 ÷ benchmark p50", t.label, x(r), "(for comparison)", ""]);
  }
  if (!large) judge("plain GROUP BY p50 ÷ benchmark p50", "≈1M", null, `≥ ${AIMS.naiveSpeedup}×`, "quick", x);
  return {
    title: "Aims of issue 3 (ratios of p50s measured side by side in this run)",
    columns: ["aim", "data set", "measured", "target", "result"],
    rows,
    notes: [ok ? "all aims met" : "some aims MISSED or NOT MEASURED (--check exits 1)"],
    ok,
  };
}

function seedSection(t: Target): Section[] {
  const seeded = t.db.seeded;
  if (!seeded) return [];
  return [
    {
      title: `Seeding ${t.db.name} (scale ${t.db.scale}): ${seeded.seconds.toFixed(1)} s; where the time went (pg_stat_activity of the seeding backend, ${seeded.profile.samples} samples)`,
      columns: ["activity", "share", "≈ seconds"],
      rows: seeded.profile.shares.map(([label, share]) => [label, `${(100 * share).toFixed(1)} %`, (share * seeded.seconds).toFixed(1)]),
      notes: [`this node process used ${seeded.profile.cpuSeconds.toFixed(1)} s of CPU meanwhile (generator, driver, WebSocket proxy)`],
    },
  ];
}
