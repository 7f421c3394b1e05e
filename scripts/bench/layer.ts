/**
 * What the access and limits layer costs, and what a 304 saves, in one run on the ≈10k database:
 * the same `benchmark` query through the full server (transport checks, credentials, document and
 * cost limits, @access, logging) and through a bare Apollo server over the same resolvers and
 * database; and a revalidated public GET (304) beside the `{ __typename }` floor. All probes are
 * interleaved, so the ratios are measured side by side.
 */
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { loadConfig } from "@poet/core/app";
import { createDatabase, databaseGetter, startWsProxy } from "@poet/core/db";
import { createContext, type GraphQLContext, resolvers, typeDefs } from "@poet/core/graphql";
import { DEFAULT_ADMIN_URL, ensureBenchDatabase } from "./bench-db.ts";
import { postGraphQL, QUESTION, QUESTION_SET, TYPENAME } from "./figure-queries.ts";
import { interleave, percentile } from "./interleave.ts";
import { ms } from "./stats.ts";
import type { Benchmark } from "./types.ts";

export const LAYER_AIMS = { layerOverhead: 0.1, notModifiedRatio: 1.5 };
const log = (line: string) => console.log(`  [layer] ${line}`);

const BENCHMARK = `query Benchmark($area: String!) { benchmark(questionSet: ${QUESTION_SET}, question: "${QUESTION}", area: $area) {
  value { numerator denominator percentage confidenceInterval { lower upper } status }
  comparisons { comparator outcome measure { percentage } } rank { position of quartile } } }`;
const AREAS = ["E08000025", "E10000015", "E12000007", "E92000001"];

export const layer: Benchmark = {
  name: "layer",
  description: "the access and limits layer's cost on a figure query, and a 304 GET against the { __typename } floor",
  async run({ root, requests, quick, rebuild, pg }) {
    const n = requests ?? (quick ? 30 : 300);
    const proxy = await startWsProxy();
    const stops: (() => Promise<unknown>)[] = [];
    try {
      const db = await ensureBenchDatabase("poet_bench_s1", 1, {
        root,
        adminUrl: pg ?? DEFAULT_ADMIN_URL,
        wsProxy: proxy.address,
        rebuild: rebuild ?? false,
        log,
      });
      const { startServer } = await import("../../packages/cli/src/commands.ts");
      const full = await startServer(loadConfig({ DATABASE_URL: db.url, PORT: "0", NODE_ENV: "production", POET_LOG_LEVEL: "silent" }));
      stops.push(full.stop);
      // The bare server: the same resolvers and database, none of the layer.
      const database = await createDatabase({ driver: "neon", url: db.url, wsProxy: proxy.address });
      stops.push(database.close);
      const bare = new ApolloServer<GraphQLContext>({ schema: makeExecutableSchema({ typeDefs, resolvers }), csrfPrevention: false });
      const getDb = databaseGetter(database);
      const { url: bareUrl } = await startStandaloneServer(bare, { listen: { port: 0 }, context: async () => createContext(getDb) });
      stops.push(() => bare.stop());

      const get = `${full.url}?${new URLSearchParams({ query: BENCHMARK, variables: JSON.stringify({ area: AREAS[0] }) })}`;
      const first = await fetch(get);
      const etag = first.headers.get("etag");
      if (first.status !== 200 || !etag) throw new Error(`the public GET answered ${first.status} without an ETag`);
      const notModified = async () => {
        const response = await fetch(get, { headers: { "if-none-match": etag } });
        await response.arrayBuffer();
        if (response.status !== 304) throw new Error(`expected 304, got ${response.status}`);
      };
      const samples = await interleave(
        [
          { id: "full", n, warmup: 20, run: (i) => postGraphQL(full.url, BENCHMARK, { area: AREAS[i % AREAS.length] }).then(() => undefined) },
          { id: "bare", n, warmup: 20, run: (i) => postGraphQL(bareUrl, BENCHMARK, { area: AREAS[i % AREAS.length] }).then(() => undefined) },
          { id: "304", n, warmup: 20, run: notModified },
          { id: "floor", n, warmup: 20, run: () => postGraphQL(full.url, TYPENAME).then(() => undefined) },
        ],
        log,
      );
      const p = (id: string, q: number) => percentile(samples.get(id) ?? [], q);
      const overhead = p("full", 50) / p("bare", 50) - 1;
      const ratio304 = p("304", 50) / p("floor", 50);
      const ok = overhead < LAYER_AIMS.layerOverhead && ratio304 <= LAYER_AIMS.notModifiedRatio;
      return [
        {
          title: `Access and limits layer (${db.name}, ${n} requests each, interleaved)`,
          columns: ["probe", "p50", "p99"],
          rows: [
            ["benchmark POST, full server", ms(p("full", 50)), ms(p("full", 99))],
            ["benchmark POST, bare Apollo (same resolvers)", ms(p("bare", 50)), ms(p("bare", 99))],
            ["benchmark GET with If-None-Match → 304", ms(p("304", 50)), ms(p("304", 99))],
            ["{ __typename } POST (floor)", ms(p("floor", 50)), ms(p("floor", 99))],
          ],
          notes: [
            `layer cost: full p50 ÷ bare p50 − 1 = ${(100 * overhead).toFixed(1)} % (aim < ${100 * LAYER_AIMS.layerOverhead} %)`,
            `304 p50 ÷ floor p50 = ${ratio304.toFixed(2)}× (aim ≤ ${LAYER_AIMS.notModifiedRatio}×)`,
            "Client, servers, Neon driver and WebSocket proxy share this one node process; keep-alive fetches.",
          ],
          ok,
        },
      ];
    } finally {
      for (const stop of stops.reverse()) await stop().catch(() => {});
      await proxy.close();
    }
  },
};
