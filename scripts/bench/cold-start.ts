/**
 * Cold start of the GraphQL handler: for each run a fresh `node` process imports the SST-built
 * bundle and answers a first `{ __typename }` API Gateway v2 event, with the environment a
 * deployed function has (NODE_ENV=production, the DATABASE_URL secret bound but not yet fetched).
 * Needs no database and no network: the handler must not touch either for this request.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { buildLikeSst, GRAPHQL_HANDLER } from "./bundle.ts";
import { ms, summary } from "./stats.ts";
import type { Benchmark } from "./types.ts";

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL("./cold-start-child.mjs", import.meta.url));
export const COLD_START_TARGET_MS = 300;

export function typenameEvent() {
  return {
    version: "2.0",
    routeKey: "POST /graphql",
    rawPath: "/graphql",
    rawQueryString: "",
    headers: { "content-type": "application/json", accept: "application/json" },
    requestContext: {
      accountId: "123456789012",
      apiId: "bench",
      domainName: "bench.execute-api.eu-west-2.amazonaws.com",
      domainPrefix: "bench",
      http: { method: "POST", path: "/graphql", protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "bench" },
      requestId: "bench",
      routeKey: "POST /graphql",
      stage: "$default",
      time: "01/Jan/2025:00:00:00 +0000",
      timeEpoch: 1735689600000,
    },
    body: JSON.stringify({ query: "{ __typename }" }),
    isBase64Encoded: false,
  };
}

/** The environment of a deployed GraphQL function (see stacks/Api.ts), minus AWS credentials. */
function lambdaEnv(): NodeJS.ProcessEnv {
  const keep = ["PATH", "HOME", "TMPDIR", "LANG"];
  return {
    ...Object.fromEntries(keep.filter((k) => process.env[k]).map((k) => [k, process.env[k]])),
    NODE_ENV: "production",
    AWS_LAMBDA_FUNCTION_NAME: "bench-graphql",
    AWS_REGION: "eu-west-2",
    SST_APP: "poet-api",
    SST_STAGE: "bench",
    SST_SSM_PREFIX: "/sst/poet-api/bench/",
    SST_Secret_value_DATABASE_URL: "__FETCH_FROM_SSM__",
    AWS_NODEJS_CONNECTION_REUSE_ENABLED: "1",
    POET_INTROSPECTION: "true",
  };
}

export const coldStart: Benchmark = {
  name: "cold-start",
  description: "import + first { __typename } in a fresh node process",
  async run({ root, workDir, runs }, shared) {
    let file = shared.graphqlBundle?.file;
    if (!file) {
      file = path.join(workDir, "graphql", "packages/functions/src/graphql.mjs");
      await buildLikeSst(root, GRAPHQL_HANDLER, file);
    }
    const event = JSON.stringify(typenameEvent());
    const samples: { importMs: number; firstRequestMs: number; totalMs: number; sinceProcessStartMs: number }[] = [];
    // One unmeasured run warms the OS file cache, as Lambda's own would be for a cached image.
    for (let i = 0; i <= runs; i++) {
      const { stdout } = await run(process.execPath, [CHILD, file, event], { env: lambdaEnv(), cwd: path.dirname(file) });
      const line = stdout.split("\n").find((l) => l.startsWith('{"importMs"'));
      if (!line) throw new Error(`No timings in the cold-start child's output: ${stdout.slice(0, 500)}`);
      const sample = JSON.parse(line);
      const body = JSON.parse(sample.body);
      if (sample.statusCode !== 200 || body?.data?.__typename !== "Query") {
        throw new Error(`Unexpected answer to { __typename }: ${sample.statusCode} ${sample.body}`);
      }
      if (i > 0) samples.push(sample);
    }
    const rows = (
      [
        ["import bundle", "importMs"],
        ["first { __typename }", "firstRequestMs"],
        ["import → answer", "totalMs"],
        ["process start → answer", "sinceProcessStartMs"],
      ] as const
    ).map(([label, key]) => {
      const s = summary(samples.map((x) => x[key]));
      return [label, ms(s.median), ms(s.min), ms(s.max)];
    });
    const total = summary(samples.map((s) => s.totalMs)).median;
    const ok = total < COLD_START_TARGET_MS;
    return [
      {
        title: `Cold start: ${runs} fresh node ${process.version} processes, no database, secret bound but not fetched`,
        columns: ["phase", "median", "min", "max"],
        rows,
        notes: [
          `target: import → answer < ${COLD_START_TARGET_MS} ms (median): ${ok ? "met" : "MISSED"}`,
          "The bundle runs from a folder without node_modules: it loaded no external package (no AWS SDK, no SSM call).",
          "Lambda adds its own init (runtime boot, code download) and runs Node 22 on arm64: compare trends, not absolutes.",
        ],
        ok,
      },
    ];
  },
};
