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

export const bundleSize: Benchmark = {
  name: "size",
  description: "GraphQL handler bundle size (minified, gzipped)",
  async run({ root, workDir }, shared) {
    const outfile = path.join(workDir, "graphql", "packages/functions/src/graphql.mjs");
    const { result, version } = await buildLikeSst(root, GRAPHQL_HANDLER, outfile);
    const code = await readFile(outfile);
    const size = code.byteLength;
    const gzip = gzipSync(code, { level: 9 }).byteLength;
    const map = await stat(`${outfile}.map`)
      .then((s) => s.size)
      .catch(() => 0);
    shared.graphqlBundle = { file: outfile, bytes: size, gzipBytes: gzip };
    const ok = size < SIZE_TARGET_BYTES;
    return [
      {
        title: `Bundle: ${GRAPHQL_HANDLER} (esbuild ${version}, ESM, minified, target ${NODEJS_BUNDLING.esbuild.target}, external ${ESBUILD_EXTERNAL.join(", ")}, stubbed ${Object.keys(LAMBDA_STUBS).join(", ")})`,
        columns: ["artifact", "size"],
        rows: [
          ["graphql.mjs (minified)", bytes(size)],
          ["graphql.mjs (gzip -9)", bytes(gzip)],
          ["graphql.mjs.map (shipped, not loaded)", bytes(map)],
        ],
        notes: [`target < ${SIZE_TARGET_BYTES / 1024} KB minified: ${ok ? "met" : "MISSED"}`],
        ok,
      },
      {
        title: "Largest contributors to the minified bundle",
        columns: ["package / folder", "bytes", "share"],
        rows: contributors(result.metafile!, outfile).map(([name, n]) => [name, n.toLocaleString("en-GB"), `${((100 * n) / size).toFixed(1)} %`]),
      },
    ];
  },
};
