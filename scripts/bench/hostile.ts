/**
 * The local server (`poet serve` on PGlite with the demo data, in a process of its own) under the
 * audit's worst inputs: while one client sends each of them, a second asks `{ about { version } }`
 * every 10 ms, and its latency says how long anyone waited behind them. Then what each weighted
 * field costs in work, measured alone over HTTP, against the points it is charged (its `@cost`).
 */
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { createDatabase } from "@poet/core/db";
import { forgetCachedReads } from "@poet/core/figure";
import { createApolloServer, createHttpHandler, createSchema, fieldCosts } from "@poet/core/graphql";
import { inProcessReports } from "@poet/core/report";
import { DEFAULT_SETTINGS } from "@poet/core/scope";
import { withOutput } from "../../packages/cli/src/output.ts";
import { main } from "../../packages/cli/src/program.ts";
import { spawnServe } from "../../packages/cli/src/spawn.ts";
import { percentile } from "./interleave.ts";
import { median, ms } from "./stats.ts";
import type { Benchmark, Section } from "./types.ts";

export const STALL_AIM_MS = 200;
/** A field charged a third of its work lets a request do about 7.5 s of it: reweigh it. */
const MS_PER_POINT_AIM = 3;
const log = (line: string) => console.log(`  [hostile] ${line}`);

/** A `poet` command run through the server; its last line. */
async function poet(env: Record<string, string>, ...argv: string[]): Promise<string> {
  const out: string[] = [];
  const sink = { out: (t: string) => void out.push(t), err: () => {}, terminal: false };
  const code = await withOutput(sink, () => main(argv, { env }));
  if (code !== 0) throw new Error(`poet ${argv.join(" ")}: exit ${code}`);
  return out.join("").trim().split("\n").at(-1)!;
}

const aliased = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(" ")} }`;
const IMPORT = "mutation($csv: String!) { importResponses(csv: $csv, questionSet: ADULT_PB) { rows rejected } }";

// Councils and instruments to turn through, so that each request reads what the last did not.
const COUNCILS = ["E10000024", "E10000003", "E08000025", "E09000033", "E06000047", "E10000015", "E08000035", "E10000030"];
const SETS = ["ADULT_PB", "CARER", "CYP_EHCP", "PARENT_EHCP", "PRACTITIONER_EHCP", "PHB"];
const QUESTIONS = ["quality_of_life", "control_over_support", "dignity_of_support", "quality_of_support"];

/** The audit's worst inputs, each a request body a member's key may send. */
const ATTACKS: { name: string; body: () => string }[] = [
  {
    name: "a 100,000-column CSV header",
    body: () => JSON.stringify({ query: IMPORT, variables: { csv: `${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(",")}\n` } }),
  },
  {
    name: "5 MB of one-field rows",
    body: () => JSON.stringify({ query: IMPORT, variables: { csv: `external_ref\n${`${"x".repeat(48)}\n`.repeat(100_000)}` } }),
  },
  {
    name: "4 aliased localReport { html }",
    body: () => JSON.stringify({ query: aliased(4, `localReport(area: "E10000024", questionSet: ADULT_PB) { html }`) }),
  },
  { name: "4 aliased figureExport { content }", body: () => JSON.stringify({ query: aliased(4, "figureExport(questionSet: PHB) { content }") }) },
  {
    name: "8 aliased areaProfile and breakdown",
    body: () =>
      JSON.stringify({
        query: `{ ${Array.from({ length: 4 }, (_, i) => `p${i}: areaProfile(questionSet: CYP_EHCP, area: "${COUNCILS[i]}") { items { value { percentage } } }`).join(" ")} ${Array.from({ length: 4 }, (_, i) => `b${i}: breakdown(questionSet: ADULT_PB, question: "quality_of_life", by: "${["gender", "age_band", "completed_by", "gender"][i % 4]}") { categories { measure { percentage } } }`).join(" ")} }`,
      }),
  },
  {
    name: "a million tiny variables",
    body: () =>
      JSON.stringify({
        query: "mutation($r: [ResponseInput!]!) { submitResponses(input: { responses: $r }) { created } }",
        variables: {
          r: [
            {
              externalRef: "A",
              questionSet: "ADULT_PB",
              area: "E10000024",
              collectedOn: "2025-06-01",
              answers: [{ question: "budget_uses", options: Array.from({ length: 1_000_000 }, () => "x") }],
            },
          ],
        },
      }),
  },
  { name: "a 1 MB query (a comment)", body: () => JSON.stringify({ query: `{ about { version } } # ${"x".repeat(1_000_000)}` }) },
  { name: "a 1 MB query (a string argument)", body: () => JSON.stringify({ query: `{ area(code: "${"E".repeat(1_000_000)}") { name } }` }) },
];

async function post(url: string, body: string, key?: string) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body,
  });
  const text = await response.text();
  const code = text.startsWith("{") ? ((JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code ?? "ok") : "?";
  return { status: response.status, code, bytes: text.length };
}

/** Sends `rounds` of an attack while probing; the probe's latencies and the attack's answers. */
async function underAttack(url: string, key: string, attack: (typeof ATTACKS)[number], rounds: number) {
  // Built before the probe starts: building it here would hold this process, not the server.
  const body = attack.body();
  const latencies: number[] = [];
  let stop = false;
  const probe = (async () => {
    while (!stop) {
      const t = performance.now();
      await (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{ about { version } }"}' })).text();
      latencies.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  const answers: { status: number; code: string; ms: number }[] = [];
  await new Promise((resolve) => setTimeout(resolve, 100));
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    const answer = await post(url, body, key);
    answers.push({ ...answer, ms: performance.now() - t });
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  stop = true;
  await probe;
  return { latencies, answers };
}

/** Councils with an ADULT_PB report to draw (read from the demo data's coverage). */
const REPORTED: string[] = ["E10000024"];

/** Each weighted field alone, with its arguments turning each time: request i's selection. */
const WORK: Record<string, (i: number) => string> = {
  "Query.about": () => "about { version }",
  "Query.benchmark": (i) => `benchmark(questionSet: ADULT_PB, question: "${QUESTIONS[i % 4]}", area: "${COUNCILS[i % 8]}") { value { percentage } }`,
  "Query.trend": (i) => `trend(questionSet: ADULT_PB, question: "${QUESTIONS[i % 4]}", area: "${COUNCILS[i % 8]}") { direction }`,
  "Query.association": (i) =>
    `association(questionSet: ADULT_PB, process: "${["help_to_plan", "knew_budget_amount", "could_decide_spending", "copy_of_support_plan"][i % 4]}", outcome: "quality_of_life") { oddsRatio { estimate } }`,
  "Query.triangulation": (i) => `triangulation(area: "${COUNCILS[i % 8]}", theme: "being_heard") { agreement }`,
  "Query.reportEligibility": (i) => `reportEligibility(area: "${COUNCILS[i % 8]}") { instruments { eligible } }`,
  "Query.areaProfile": (i) => `areaProfile(questionSet: ${SETS[i % 6]}, area: "${COUNCILS[i % 8]}") { items { value { percentage } } }`,
  "Query.breakdown": (i) => `breakdown(questionSet: ADULT_PB, question: "${QUESTIONS[i % 4]}", by: "gender") { categories { measure { percentage } } }`,
  "Query.figureExport": (i) => `figureExport(questionSet: ${SETS[(i % 5) + 1]}) { content }`,
  "Query.funnel": (i) => `funnel(questionSet: ADULT_PB, question: "${QUESTIONS[i % 4]}") { points { z } limits { upper998 } }`,
  "Query.localReport": (i) => `localReport(area: "${REPORTED[i % REPORTED.length]}", questionSet: ADULT_PB) { html }`,
};

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** Each weighted field's median time, with the figure caches emptied before every request. */
async function measureWork(dataDir: string, key: string, runs: number): Promise<(string | number)[][]> {
  const database = await createDatabase({ driver: "pglite", dataDir });
  try {
    const server = createApolloServer({ production: true });
    const handle = createHttpHandler({ server, database, settings: DEFAULT_SETTINGS, services: { reports: inProcessReports } });
    const request = async (query: string) => {
      forgetCachedReads(database.db);
      const t = performance.now();
      const response = await handle({
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        search: "",
        body: JSON.stringify({ query }),
      });
      const elapsed = performance.now() - t;
      const code = (JSON.parse(response.body) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
      if (code) throw new Error(`${query.slice(0, 60)}: ${code}`);
      return elapsed;
    };
    const { coverage } = JSON.parse(
      (
        await handle({
          method: "POST",
          headers: { "content-type": "application/json" },
          search: "",
          body: JSON.stringify({ query: "{ coverage(questionSet: ADULT_PB) { area { code } reportEligible } }" }),
        })
      ).body,
    ).data as { coverage: { area: { code: string }; reportEligible: boolean }[] };
    REPORTED.splice(0, REPORTED.length, ...coverage.filter((c) => c.reportEligible && c.area.code.startsWith("E1")).map((c) => c.area.code));
    for (const selection of Object.values(WORK)) await request(`{ ${selection(0)} }`);
    // The weights the server charges: each field's @cost in schema/*.graphql.
    const weights = fieldCosts(createSchema());
    const rows: (string | number)[][] = [];
    let base = 0;
    for (const [field, selection] of Object.entries(WORK)) {
      const times: number[] = [];
      for (let i = 1; i <= (field === "Query.about" ? 40 : runs); i++) times.push(await request(`{ ${selection(i)} }`));
      const each = median(times);
      if (field === "Query.about") base = each;
      const weight = weights.get(field)?.weight ?? 0;
      rows.push([field, weight, ms(each), ms(each - base), ((each - base) / Math.max(weight, 1)).toFixed(2)]);
    }
    await server.stop();
    return rows;
  } finally {
    await database.close();
  }
}

export const hostile: Benchmark = {
  name: "hostile",
  description: "the local server under the audit's worst inputs, and the cost weights against measured work",
  async run({ root, workDir, runs, quick }): Promise<Section[]> {
    const env = { POET_DATA_DIR: path.join(workDir, "hostile-pglite"), PORT: "0", POET_LOG_LEVEL: "silent" };
    const started = performance.now();
    const server = await spawnServe(env, root);
    try {
      log(`poet serve ready (demo data seeded) in ${ms(performance.now() - started)}`);
      await poet(env, "organisation", "--slug", "hostile", "--name", "Hostile council", "--type", "COUNCIL", "--area", "E10000024");
      const key = await poet(env, "key", "create", "--organisation", "hostile");
      const rounds = quick ? 1 : 3;
      const rows: (string | number)[][] = [];
      let worst = 0;
      for (const attack of ATTACKS) {
        const { latencies, answers } = await underAttack(server.url, key, attack, rounds);
        const p99 = percentile(latencies, 99);
        worst = Math.max(worst, p99);
        const answer = [...new Set(answers.map((a) => `${a.status} ${a.code}`))].join(", ");
        rows.push([
          attack.name,
          answer,
          ms(median(answers.map((a) => a.ms))),
          latencies.length,
          ms(percentile(latencies, 50)),
          ms(p99),
          ms(Math.max(...latencies)),
        ]);
        log(`${attack.name}: probe p99 ${ms(p99)}`);
      }
      await stop(server.child);
      const work = await measureWork(env.POET_DATA_DIR, key, quick ? 4 : Math.max(4, runs));
      const undercharged = work.filter((row) => Number(row.at(-1)) > MS_PER_POINT_AIM);
      return [
        {
          title: "The local server (PGlite, demo data) under the audit's worst inputs: a second client's { about { version } } every 10 ms",
          columns: ["attack (sent in turn)", "answered", "attack p50", "probes", "probe p50", "probe p99", "probe max"],
          rows,
          notes: [`aim: probe p99 < ${ms(STALL_AIM_MS)} under every attack (worst here ${ms(worst)})`],
          ok: worst < STALL_AIM_MS,
        },
        {
          title:
            "What each weighted field costs in work (alone, nothing cached but the reference data, through the HTTP handler) against the points it is charged",
          columns: ["field", "weight", "median", "beyond { about }", "ms per point"],
          rows: work,
          notes: [
            "each field's arguments turn (other areas, questions, instruments), and the figure caches are emptied before each request, as an attacker who varies them would have it",
            "the weights (each root field's @cost in schema/*.graphql) are set from this table, about a point per millisecond beyond the bare request: a request's 2,500 points are about 2.5 s of work",
            `aim: no field's work over ${MS_PER_POINT_AIM} ms a point${undercharged.length ? ` (missed: ${undercharged.map((r) => r[0]).join(", ")})` : ""}`,
          ],
          ok: undercharged.length === 0,
        },
      ];
    } finally {
      await stop(server.child);
    }
  },
};
