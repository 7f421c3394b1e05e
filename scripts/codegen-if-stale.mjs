/**
 * `npm run poet`, `npm start`, `npm test` and `npm run bench` run this first: it runs the GraphQL
 * code generation (`npm run codegen`) only when its inputs changed since the last run, so a
 * command on an unchanged tree starts at once. The inputs are schema/*.graphql, codegen.ts, the
 * local plugin under packages/core/codegen and the installed codegen packages' versions; their
 * hash is kept beside the generated files, which are git-ignored. A missing output regenerates.
 *
 *   node scripts/codegen-if-stale.mjs [--force]
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** Every file under `dir` (recursively) whose name passes `keep`, sorted by path. */
function filesUnder(dir, keep) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && keep(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The codegen inputs of the tree at `root`: paths relative to it. */
export function codegenInputs(root) {
  const packages = join(root, "node_modules/@graphql-codegen");
  return [
    ...filesUnder(join(root, "schema"), (name) => name.endsWith(".graphql")),
    join(root, "codegen.ts"),
    ...filesUnder(join(root, "packages/core/codegen"), () => true),
    // The plugins' versions (not their code): an upgrade regenerates.
    ...(existsSync(packages) ? readdirSync(packages).map((name) => join(packages, name, "package.json")) : []),
  ]
    .filter((path) => existsSync(path))
    .map((path) => relative(root, path));
}

/** One hash of the inputs' paths and contents. */
export function codegenHash(root, inputs = codegenInputs(root)) {
  const hash = createHash("sha256");
  for (const path of inputs)
    hash
      .update(`${path}\0`)
      .update(readFileSync(join(root, path)))
      .update("\0");
  return hash.digest("hex");
}

export const GENERATED = ["packages/core/src/graphql/generated/resolvers.ts", "packages/core/src/graphql/generated/type-defs.ts"];
export const STAMP = "packages/core/src/graphql/generated/.codegen-inputs.sha256";

/**
 * Runs `generate` unless every output exists and the stamp matches the inputs' hash; writes the
 * stamp after a successful run. Returns whether it generated.
 */
export function codegenIfStale({ root, generate, outputs = GENERATED, stamp = STAMP, force = false }) {
  const hash = codegenHash(root);
  const stampFile = join(root, stamp);
  const current = !force && outputs.every((path) => existsSync(join(root, path))) && existsSync(stampFile) && readFileSync(stampFile, "utf8").trim() === hash;
  if (current) return false;
  generate();
  writeFileSync(stampFile, `${hash}\n`);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(fileURLToPath(import.meta.url), "../..");
  codegenIfStale({
    root,
    force: process.argv.includes("--force"),
    generate: () => {
      const run = spawnSync("npm", ["run", "codegen"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
      if (run.status !== 0) process.exit(run.status ?? 1);
    },
  });
}
