/**
 * Bundles the GraphQL handler exactly as SST v2 does at deploy time (sst/runtime/handlers/node.js,
 * with this app's default `nodejs` props from stacks/bundling.ts), using SST's own esbuild.
 */

import { mkdir, readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type * as Esbuild from "esbuild";
import { ESBUILD_EXTERNAL, LAMBDA_STUBS, NODEJS_BUNDLING, SST_ESM_BANNER } from "../../stacks/bundling.ts";
import { bytes } from "./stats.ts";
import type { Benchmark } from "./types.ts";

export const GRAPHQL_HANDLER = "packages/functions/src/graphql.ts";
export const SIZE_TARGET_BYTES = 1024 * 1024;

/** SST resolves `esbuild` from its own dependencies (0.18 for sst@2.49); fall back to the root one. */
export function sstEsbuild(root: string): typeof Esbuild {
  const fromSst = createRequire(path.join(root, "node_modules/sst/package.json"));
  try {
    return fromSst("esbuild") as typeof Esbuild;
  } catch {
    return createRequire(path.join(root, "package.json"))("esbuild") as typeof Esbuild;
  }
}

export async function buildLikeSst(root: string, entry: string, outfile: string) {
  const esbuild = sstEsbuild(root);
  await mkdir(path.dirname(outfile), { recursive: true });
  // SST's own options, then this app's `nodejs.esbuild` overrides (target, plugins), then ours.
  const { external, ...override }: Esbuild.BuildOptions = NODEJS_BUNDLING.esbuild;
  const result = await esbuild.build({
    entryPoints: [path.join(root, entry)],
    platform: "node",
    external: ["sharp", "pg-native", ...external],
    keepNames: true,
    bundle: true,
    logLevel: "silent",
    metafile: true,
    format: "esm",
    target: "esnext",
    mainFields: ["module", "main"],
    banner: { js: SST_ESM_BANNER },
    outfile,
    sourcemap: NODEJS_BUNDLING.sourcemap,
    minify: NODEJS_BUNDLING.minify,
    absWorkingDir: root,
    ...override,
  });
  return { result, version: esbuild.version };
}

/** Which packages (or local folders) weigh most in the output. */
function contributors(metafile: Esbuild.Metafile, outfile: string, top = 10): [string, number][] {
  const output = Object.entries(metafile.outputs).find(([file]) => file.endsWith(path.basename(outfile)));
  const totals = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.[1].inputs ?? {})) {
    const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const key = match ? match[1]! : input.split("/").slice(0, 3).join("/");
    totals.set(key, (totals.get(key) ?? 0) + bytesInOutput);
  }
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, top);
}

/** Every Lambda's handler, by the name its bundle gets. */
export const FUNCTION_HANDLERS = ["graphql", "report", "downloads", "import", "release", "migrate"] as const;

/** Source files of the write path (the response domain) a bundle holds. */
function ingestionInputs(metafile: Esbuild.Metafile, outfile: string): number {
  const output = Object.entries(metafile.outputs).find(([file]) => file.endsWith(path.basename(outfile)));
  return Object.entries(output?.[1].inputs ?? {}).filter(([input, { bytesInOutput }]) => bytesInOutput > 0 && /packages\/core\/src\/response\//.test(input))
    .length;
}

export const bundleSize: Benchmark = {
  name: "size",
  description: "Every Lambda's bundle size (minified, gzipped), and where the GraphQL one's bytes go",
  async run({ root, workDir }, shared) {
    const built = [];
    for (const name of FUNCTION_HANDLERS) {
      const outfile = path.join(workDir, name, `packages/functions/src/${name}.mjs`);
      const { result, version } = await buildLikeSst(root, `packages/functions/src/${name}.ts`, outfile);
      const code = await readFile(outfile);
      const map = await stat(`${outfile}.map`)
        .then((s) => s.size)
        .catch(() => 0);
      built.push({
        name,
        outfile,
        result,
        version,
        size: code.byteLength,
        gzip: gzipSync(code, { level: 9 }).byteLength,
        map,
        ingestion: ingestionInputs(result.metafile!, outfile),
      });
    }
    const graphql = built.find((b) => b.name === "graphql")!;
    shared.graphqlBundle = { file: graphql.outfile, bytes: graphql.size, gzipBytes: graphql.gzip };
    const ok = graphql.size < SIZE_TARGET_BYTES;
    // The read products must not carry the write path (docs/architecture.md).
    const clean = built.filter((b) => b.name === "report" || b.name === "downloads").every((b) => b.ingestion === 0);
    return [
      {
        title: `Bundles: packages/functions/src/*.ts (esbuild ${graphql.version}, ESM, minified, target ${NODEJS_BUNDLING.esbuild.target}, external ${ESBUILD_EXTERNAL.join(", ")}, stubbed ${Object.keys(LAMBDA_STUBS).join(", ")})`,
        columns: ["function", "minified", "gzip -9", "sourcemap (shipped, not loaded)", "ingestion files"],
        rows: built.map((b) => [`${b.name}.mjs`, bytes(b.size), bytes(b.gzip), bytes(b.map), b.ingestion]),
        notes: [
          `GraphQL target < ${SIZE_TARGET_BYTES / 1024} KB minified: ${ok ? "met" : "MISSED"}`,
          `report and downloads carry no ingestion code (packages/core/src/response): ${clean ? "met" : "MISSED"}`,
        ],
        ok: ok && clean,
      },
      {
        title: "Largest contributors to the minified GraphQL bundle",
        columns: ["package / folder", "bytes", "share"],
        rows: contributors(graphql.result.metafile!, graphql.outfile).map(([name, n]) => [
          name,
          n.toLocaleString("en-GB"),
          `${((100 * n) / graphql.size).toFixed(1)} %`,
        ]),
      },
    ];
  },
};
