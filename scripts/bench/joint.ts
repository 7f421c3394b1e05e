/**
 * Joint counts are frozen by each release, packed per year and questions (`published_joint`,
 * packages/core/src/release/cut.ts), and read and unpacked when a figure asks: this measures the
 * first read of each (the joint cache off, as right after a release is cut) from the latest
 * release of the ≈14k and ≈1M databases, interleaved.
 * Breakdowns and associations for England, a region and a council; two-way breakdowns for
 * England and a region.
 */
import { systemActor } from "@poet/core/actor";
import type { Database } from "@poet/core/db";
import { createDatabase, startWsProxy } from "@poet/core/db";
import { association, breakdown } from "@poet/core/figure";
import { DEFAULT_SETTINGS, type Scope } from "@poet/core/scope";
import { memoKeeping } from "@poet/core/util/memo";
import { DEFAULT_ADMIN_URL, ensureBenchDatabase } from "./bench-db.ts";
import { QUESTION, QUESTION_SET } from "./figure-queries.ts";
import { interleave, percentile } from "./interleave.ts";
import { ms } from "./stats.ts";
import type { Benchmark } from "./types.ts";

/** A first read of a joint count at ≈1M responses, at worst (England). */
export const JOINT_AIM_MS = 1000;
const log = (line: string) => console.log(`  [joint] ${line}`);
const AREAS = { England: "E92000001", "a region (North West)": "E12000002", "a council (Birmingham)": "E08000025" };

type Read = { name: string; area: keyof typeof AREAS; run: (scope: Scope, area: string) => Promise<unknown> };

const READS: Read[] = [
  ...(["England", "a region (North West)", "a council (Birmingham)"] as const).flatMap((area): Read[] => [
    {
      name: "breakdown by gender",
      area,
      run: (scope, code) => breakdown(scope, { questionSet: QUESTION_SET, question: QUESTION, band: "POSITIVE", area: code, by: "gender" }),
    },
    {
      name: "association (ease of getting the budget → quality of life)",
      area,
      run: (scope, code) =>
        association(scope, { questionSet: QUESTION_SET, process: "ease_getting_budget", outcome: QUESTION, area: code, contrast: "POSITIVE_VS_REST" }),
    },
  ]),
  ...(["England", "a region (North West)"] as const).map(
    (area): Read => ({
      name: "two-way breakdown by gender × age band",
      area,
      run: (scope, code) => breakdown(scope, { questionSet: QUESTION_SET, question: QUESTION, band: "POSITIVE", area: code, by: "gender", thenBy: "age_band" }),
    }),
  ),
];

export const joint: Benchmark = {
  name: "joint",
  description: "first reads of breakdowns, two-way breakdowns and associations from the latest release, at ≈14k and ≈1M responses",
  async run({ root, requests, quick, rebuild, pg }) {
    const n = requests ?? (quick ? 5 : 30);
    const proxy = await startWsProxy();
    const databases: Database[] = [];
    const skipped = memoKeeping.skipped.has("joint");
    try {
      const ensure = (scale: number) =>
        ensureBenchDatabase(`poet_bench_s${scale}`, scale, { root, adminUrl: pg ?? DEFAULT_ADMIN_URL, wsProxy: proxy.address, rebuild: rebuild ?? false, log });
      const targets = [{ label: "≈14k", db: await ensure(1) }];
      if (!quick) targets.push({ label: "≈1M", db: await ensure(64) });
      for (const t of targets) databases.push(await createDatabase({ driver: "neon", url: t.db.url, wsProxy: proxy.address }));
      // Every joint count a first read, as right after a release is cut; reference data and band
      // cells stay cached, as they are once a release has been read.
      memoKeeping.skipped.add("joint");
      const scopes = databases.map((database) => ({ db: database.db, actor: systemActor("bench"), settings: DEFAULT_SETTINGS }));
      const probes = READS.flatMap((read) =>
        targets.map((t, i) => ({
          id: `${read.name}|${read.area}|${t.label}`,
          n,
          warmup: 2,
          run: () => read.run(scopes[i]!, AREAS[read.area]).then(() => undefined),
        })),
      );
      const samples = await interleave(probes, log);
      const p = (id: string, q: number) => percentile(samples.get(id) ?? [], q);
      const large = targets.at(-1)!;
      const worst = Math.max(...READS.map((r) => p(`${r.name}|${r.area}|${large.label}`, 50)));
      return [
        {
          title: `Joint counts read from the latest release (first reads: their cache off), ${targets.map((t) => t.label).join(" and ")} responses`,
          columns: ["read", "area", ...targets.flatMap((t) => [`${t.label} p50`, `${t.label} p99`])],
          rows: READS.map((r) => [
            r.name,
            r.area,
            ...targets.flatMap((t) => [ms(p(`${r.name}|${r.area}|${t.label}`, 50)), ms(p(`${r.name}|${r.area}|${t.label}`, 99))]),
          ]),
          notes: [
            `slowest p50 at ${large.label}: ${ms(worst)} (aim < ${JOINT_AIM_MS} ms)${quick ? " — quick run: ≈1M not measured" : ""}`,
            "a second read of the same release is served from memory",
          ],
          ok: quick ? undefined : worst < JOINT_AIM_MS,
        },
      ];
    } finally {
      if (!skipped) memoKeeping.skipped.delete("joint");
      for (const database of databases) await database.close();
      await proxy.close();
    }
  },
};
