import type { FunctionProps } from "sst/constructs";

/**
 * How every Lambda in the app is built. Shared by `sst.config.ts` (default function props) and
 * `scripts/bench.ts` (which rebuilds the GraphQL handler exactly as SST would), so the benchmark
 * measures what is deployed.
 *
 * SST v2 (runtime/handlers/node.js) builds ESM functions with esbuild: platform node, bundle,
 * keepNames, target esnext, mainFields module/main, and a banner that recreates `require` and
 * `__dirname`. Its only forced externals are `sharp` and `pg-native`: it does NOT exclude the
 * AWS SDK by itself. The nodejs22.x runtime ships AWS SDK v3, so we mark `@aws-sdk/*` external
 * (the one place we use it, the lazy SSM read in packages/functions/src/secret.ts, imports it
 * dynamically) and pin the target to the runtime's Node version.
 */
export const LAMBDA_RUNTIME = "nodejs22.x" as const;

/**
 * V8's young generation for the import function: an import allocates a few short-lived objects
 * per cell of every row, and with the default 16 MB semi-space the scavenger ran often enough to
 * cost a fifth of a 100,000-row import (9.9 s against 12.5 s). `npm run bench -- --only ingest`
 * runs its import in a process started with the same options. The GraphQL function keeps V8's
 * defaults.
 */
export const IMPORT_NODE_OPTIONS = "--max-semi-space-size=64";

/**
 * `ws` too: Node 22 has a global WebSocket, which Neon's driver uses; core imports `ws`
 * dynamically only where there is none (Node 20) or through a local proxy (tests), never in Lambda.
 */
export const ESBUILD_EXTERNAL = ["@aws-sdk/*", "ws"];

/**
 * Packages the Lambdas never run, replaced at bundle time by stubs that throw a clear error if
 * they are ever used. Marking them external instead would not work: esbuild (no code splitting)
 * inlines dynamically imported modules and hoists their imports of externals to the top of the
 * bundle, so the function would fail to load without them.
 *
 * - `@electric-sql/pglite` (1.3 MB of JS, plus its WASM): the embedded Postgres for local runs and
 *   tests. In Lambda the driver is always Neon; core's createDatabase picks PGlite only when no
 *   DATABASE_URL is set, which packages/functions/src/database.ts refuses inside Lambda.
 * - `@apollo/usage-reporting-protobuf` (240 KB): only used by Apollo's GraphOS usage reporting
 *   (needs APOLLO_KEY + APOLLO_GRAPH_REF) and federated inline tracing (subgraph schemas only);
 *   neither is enabled. Remove it from this list before turning GraphOS reporting on. The
 *   usage-reporting plugin's own helpers go with it: `@apollo/utils.usagereporting` and
 *   `async-retry` (with `lodash.sortby`, 25 KB in all).
 * - `thread-stream` (10 KB): pino's worker-thread transports; the functions log to stdout.
 *
 * And one replaced by a working equivalent: `sha.js`, which Apollo's `createHash` falls back to
 * when `module.require` is missing, as it is in an ESM bundle, is Node's own `crypto.createHash`
 * (the same API, native, and 25 KB of pure-JS hashing and its polyfills out of the bundle).
 */
const THROWING = (what: string) =>
  `const fail = () => { throw new Error(${JSON.stringify(`${what} is not bundled into the POET Lambda functions (see stacks/bundling.ts)`)}); };
const stub = new Proxy(function () {}, {
  get: (_t, p) => (typeof p === "string" ? fail() : undefined),
  construct: fail,
  apply: fail,
});`;

export const LAMBDA_STUBS: Record<string, string> = {
  "sha.js": `module.exports = function createHash(kind) { return require("node:crypto").createHash(kind); };`,
  "@apollo/utils.usagereporting": `${THROWING("Apollo usage reporting")}
export const usageReportingSignature = stub, calculateReferencedFieldsByType = stub;
export default stub;`,
  "async-retry": `${THROWING("Apollo usage reporting (async-retry)")}
export default stub;`,
  "thread-stream": `${THROWING("pino transports (thread-stream)")}
module.exports = stub;`,
  "@electric-sql/pglite": `${THROWING("PGlite (set DATABASE_URL)")}
export class PGlite { constructor() { fail(); } static create() { fail(); } }
export const types = {};
export default stub;`,
  "@apollo/usage-reporting-protobuf": `${THROWING("Apollo usage reporting / inline tracing")}
export const Trace = stub, Report = stub, ReportHeader = stub, google = stub;
export default stub;`,
};

interface PluginBuild {
  onResolve(options: { filter: RegExp }, callback: (args: { path: string }) => { path: string; namespace: string }): void;
  onLoad(options: { filter: RegExp; namespace: string }, callback: (args: { path: string }) => { contents: string; loader: "js" }): void;
}

/** The esbuild plugin that swaps LAMBDA_STUBS in (by package name, subpaths included). */
export const lambdaStubs = {
  name: "poet-lambda-stubs",
  setup(build: PluginBuild) {
    const names = Object.keys(LAMBDA_STUBS).map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
    build.onResolve({ filter: new RegExp(`^(${names.join("|")})(/.*)?$`) }, (args) => ({
      path: args.path,
      namespace: "poet-lambda-stub",
    }));
    build.onLoad({ filter: /.*/, namespace: "poet-lambda-stub" }, (args) => {
      const name = Object.keys(LAMBDA_STUBS).find((p) => args.path === p || args.path.startsWith(`${p}/`));
      return { loader: "js", contents: LAMBDA_STUBS[name ?? ""] ?? "export {};" };
    });
  },
};

/**
 * `sourcemap: true` makes SST v2 keep the .map inside the function's zip (unset, it would upload it
 * to the bootstrap bucket for the SST Console instead). Node does not read it unless the function
 * runs with NODE_OPTIONS=--enable-source-maps, which we leave off: it slows every error stack.
 */
export const NODEJS_BUNDLING = {
  format: "esm",
  minify: true,
  sourcemap: true,
  esbuild: {
    target: "node22",
    // SST keeps function names by default; nothing we run depends on them (graphql-js tells its
    // classes apart by Symbol.toStringTag, errors set their own names) and it costs 50 KB.
    keepNames: false,
    external: ESBUILD_EXTERNAL,
    plugins: [lambdaStubs],
  },
} satisfies NonNullable<FunctionProps["nodejs"]>;

/** The banner SST v2 prepends to ESM bundles (kept in sync with sst/runtime/handlers/node.js). */
export const SST_ESM_BANNER = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
  "",
].join("\n");
