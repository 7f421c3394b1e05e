/**
 * Releases at ≈1 million responses (issue 24's aims), on the local PostgreSQL through the Neon
 * driver: how long a cut takes when it publishes every year at once (a copy of poet_bench_s64 with
 * its releases taken out), what storage the published aggregates add, and reads from a release
 * over HTTP (`benchmark` and `areaProfile` against the `{ __typename }` floor, interleaved), and
 * the first read of England's two-way breakdown (its cached joint rows forgotten each time).
 */
import { systemActor } from "@poet/core/actor";
import { loadConfig } from "@poet/core/app";
import { createDatabase, type Database, queryRows, startWsProxy } from "@poet/core/db";
import { areaProfile, breakdown, forgetCachedReads } from "@poet/core/figure";
import { cutRelease } from "@poet/core/release";
import { DEFAULT_SETTINGS } from "@poet/core/scope";
import { memoKeeping } from "@poet/core/util/memo";
import { sql } from "drizzle-orm";
import type { RunningServer } from "../../packages/cli/src/commands.ts";
import { DEFAULT_ADMIN_URL, databaseUrl, ensureBenchDatabase } from "./bench-db.ts";
import { postGraphQL, TYPENAME } from "./figure-queries.ts";
import { interleave, percentile } from "./interleave.ts";
import { ms } from "./stats.ts";
import type { Benchmark, Section } from "./types.ts";

export const RELEASE_AIMS = { cutSeconds: 60, benchmarkFloor: 2, profileFloor: 3, twoWayMs: 50 };
const log = (line: string) => console.log(`  [releases] ${line}`);
const COPY = "poet_bench_release_cut";
const PUBLISHED = ["published_band_counts", "published_response_counts", "published_joint", "published_years", "releases"];

const BENCHMARK = `query($a: String!) { benchmark(questionSet: ADULT_PB, question: "quality_of_life", area: $a) { value { numerator denominator percentage status } england { percentage } comparisons { outcome } rank { position } } }`;
const PROFILE = `query($a: String!) { areaProfile(questionSet: ADULT_PB, area: $a) { items { question { code } value { percentage status } comparisons { outcome } rank { position } } } }`;
const AREAS = ["E92000001", "E12000002", "E10000024", "E08000025", "E10000017", "E09000033"];

const size = async (database: Database, tables: string[]) =>
  (
    await queryRows<{ bytes: string }>(
      database.db,
      sql.raw(`select sum(pg_total_relation_size(c.oid))::text as bytes from pg_class c where c.relname in (${tables.map((t) => `'${t}'`).join(", ")})`),
    )
  )[0]!.bytes;
const mb = (bytes: string | number) => `${(Number(bytes) / 1024 / 1024).toFixed(0)} MB`;

export const releases: Benchmark = {
  name: "releases",
  description: "cutting a release at ≈1M responses, the storage it adds, and reads from it (benchmark, areaProfile, England's two-way breakdown)",
  async run({ root, requests, quick, rebuild, pg }) {
    const scale = quick ? 1 : 64;
    const n = requests ?? (quick ? 20 : 200);
    const admin = pg ?? DEFAULT_ADMIN_URL;
    const proxy = await startWsProxy();
    const open: Database[] = [];
    let server: RunningServer | undefined;
    try {
      const db = await ensureBenchDatabase(`poet_bench_s${scale}`, scale, { root, adminUrl: admin, wsProxy: proxy.address, rebuild: rebuild ?? false, log });
      // The cut: on a copy, with every release and published year taken out, so that one cut publishes all of them.
      const adminDb = await createDatabase({ driver: "neon", url: admin, wsProxy: proxy.address });
      open.push(adminDb);
      await adminDb.db.execute(sql.raw(`drop database if exists ${COPY} with (force)`));
      await adminDb.db.execute(sql.raw(`create database ${COPY} template ${db.name} strategy file_copy`));
      const copy = await createDatabase({ driver: "neon", url: databaseUrl(admin, COPY), wsProxy: proxy.address });
      open.push(copy);
      await copy.db.execute(sql.raw(`truncate ${PUBLISHED.join(", ")}`));
      const [{ responses }] = (await queryRows<{ responses: number }>(
        copy.db,
        sql`select count(*)::int as responses from responses where withdrawn_at is null`,
      )) as [{ responses: number }];
      log(`cutting a release of ${responses.toLocaleString("en-GB")} responses…`);
      const started = performance.now();
      const cut = await cutRelease(
        { db: copy.db, actor: systemActor("bench"), settings: DEFAULT_SETTINGS },
        { name: "2026-07", asOf: "2026-07-01", onProgress: (step) => log(step) },
      );
      const cutSeconds = (performance.now() - started) / 1000;
      const [published, data] = [await size(copy, PUBLISHED), await size(copy, ["responses"])];
      const joint = await size(copy, ["published_joint"]);
      await copy.close();
      open.pop();
      await adminDb.db.execute(sql.raw(`drop database if exists ${COPY} with (force)`));

      // Reads from the latest release, over HTTP, against the floor.
      const { startServer } = await import("../../packages/cli/src/commands.ts");
      server = await startServer(loadConfig({ DATABASE_URL: db.url, PORT: "0", NODE_ENV: "production", POET_LOG_LEVEL: "silent" }));
      const url = server.url;
      const area = (i: number) => AREAS[i % AREAS.length]!;
      const samples = await interleave(
        [
          { id: "typename", n, warmup: 10, run: () => postGraphQL(url, TYPENAME).then(() => undefined) },
          { id: "benchmark", n, warmup: 10, run: (i) => postGraphQL(url, BENCHMARK, { a: area(i) }).then(() => undefined) },
          { id: "profile", n, warmup: 10, run: (i) => postGraphQL(url, PROFILE, { a: area(i) }).then(() => undefined) },
        ],
        log,
      );
      // England's two-way breakdown, its joint rows read from the database every time (as right after a release is cut).
      const direct = await createDatabase({ driver: "neon", url: db.url, wsProxy: proxy.address });
      open.push(direct);
      const scope = { db: direct.db, actor: systemActor("bench"), settings: DEFAULT_SETTINGS };
      const skipped = memoKeeping.skipped.has("joint");
      memoKeeping.skipped.add("joint");
      let twoWay: number[];
      let coldProfile: number[];
      try {
        const read = () =>
          breakdown(scope, {
            questionSet: "ADULT_PB",
            question: "quality_of_life",
            band: "POSITIVE",
            area: "E92000001",
            by: "gender",
            thenBy: "age_band",
            version: 1,
          });
        const first = await interleave([{ id: "two-way", n: Math.max(10, Math.round(n / 4)), warmup: 2, run: () => read().then(() => undefined) }], log);
        twoWay = first.get("two-way") ?? [];
        // A council's areaProfile with nothing kept (as right after a cut): what the first reader of each page pays.
        const cold = await interleave(
          [
            {
              id: "profile-cold",
              n: Math.max(10, Math.round(n / 4)),
              warmup: 2,
              run: (i) => {
                forgetCachedReads(direct.db);
                return areaProfile(scope, { questionSet: "ADULT_PB", area: area(i), band: "POSITIVE" }).then(() => undefined);
              },
            },
          ],
          log,
        );
        coldProfile = cold.get("profile-cold") ?? [];
      } finally {
        if (!skipped) memoKeeping.skipped.delete("joint");
      }
      const p = (id: string) => percentile(samples.get(id) ?? [], 50);
      const [floor, bench, profile, two] = [p("typename"), p("benchmark"), p("profile"), percentile(twoWay, 50)];
      const aims: [string, string, string, boolean][] = [
        ["cut publishing every year", `${cutSeconds.toFixed(1)} s`, `< ${RELEASE_AIMS.cutSeconds} s`, cutSeconds < RELEASE_AIMS.cutSeconds],
        [
          "benchmark p50 ÷ { __typename } p50",
          `${(bench / floor).toFixed(2)}×`,
          `≤ ${RELEASE_AIMS.benchmarkFloor}×`,
          bench / floor <= RELEASE_AIMS.benchmarkFloor,
        ],
        [
          "areaProfile p50 ÷ { __typename } p50",
          `${(profile / floor).toFixed(2)}×`,
          `≤ ${RELEASE_AIMS.profileFloor}×`,
          profile / floor <= RELEASE_AIMS.profileFloor,
        ],
        ["England's two-way breakdown, first read, p50", ms(two), `< ${RELEASE_AIMS.twoWayMs} ms`, two < RELEASE_AIMS.twoWayMs],
      ];
      const ok = quick ? undefined : aims.every((a) => a[3]);
      const sections: Section[] = [
        {
          title: `Releases at ${responses.toLocaleString("en-GB")} responses (${db.name}; p50s measured side by side, ${n} requests each)`,
          columns: ["aim", "measured", "target", "result"],
          rows: aims.map(([aim, value, target, met]) => [aim, value, target, quick ? "n/a (--quick)" : met ? "met" : "MISSED"]),
          notes: [
            `p50: { __typename } ${ms(floor)}, benchmark ${ms(bench)}, areaProfile ${ms(profile)} (areas round-robin: ${AREAS.join(", ")}); a release's profile is kept once read`,
            `areaProfile with nothing kept (its first read after a cut, in process, without HTTP): p50 ${ms(percentile(coldProfile, 50))}`,
            `the cut published ${cut.newYears.length} financial years; the storage it added: ${mb(published)} (of which joint counts ${mb(joint)}), beside ${mb(data)} of responses. A later release that publishes no new year adds one row.`,
          ],
          ok,
        },
      ];
      return sections;
    } finally {
      await server?.stop().catch(() => {});
      for (const d of open.reverse()) await d.close().catch(() => {});
      await proxy.close();
    }
  },
};
