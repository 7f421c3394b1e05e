/**
 * npm run bench [-- --runs 10] [--only size,cold-start,figures] [--check]
 *                 [--requests 300] [--quick] [--rebuild] [--pg postgres://postgres@127.0.0.1:5432/postgres]
 *
 * Benchmarks of the deployed artefacts and of figure latency on a local PostgreSQL, one module
 * per benchmark under scripts/bench/ (registered in scripts/bench/index.ts). --check exits 1 when
 * a target is missed. --requests, --quick, --rebuild and --pg concern the database benchmarks
 * (see scripts/bench/figures.ts).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { BENCHMARKS } from "./bench/index.ts";
import { renderSection } from "./bench/table.ts";
import type { SharedState } from "./bench/types.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "10" },
    only: { type: "string" },
    check: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    requests: { type: "string" },
    quick: { type: "boolean", default: false },
    rebuild: { type: "boolean", default: false },
    pg: { type: "string" },
  },
});

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const runs = Math.max(1, Number.parseInt(values.runs, 10) || 10);
const requests = values.requests === undefined ? undefined : Math.max(1, Number.parseInt(values.requests, 10) || 1);
const only = values.only?.split(",").map((s) => s.trim());
const selected = BENCHMARKS.filter((b) => !only || only.includes(b.name));
if (selected.length === 0) {
  console.error(`No benchmark matches --only ${values.only}. Available: ${BENCHMARKS.map((b) => b.name).join(", ")}`);
  process.exit(2);
}

const workDir = await mkdtemp(path.join(tmpdir(), "poet-bench-"));
const shared: SharedState = {};
let ok = true;
try {
  console.log(`POET API benchmarks (node ${process.version}, ${process.platform}/${process.arch})`);
  for (const benchmark of selected) {
    for (const section of await benchmark.run({ root, workDir, runs, requests, quick: values.quick, rebuild: values.rebuild, pg: values.pg }, shared)) {
      console.log(renderSection(section));
      if (section.ok === false) ok = false;
    }
  }
} finally {
  if (values.keep) console.log(`\nkept ${workDir}`);
  else await rm(workDir, { recursive: true, force: true });
}
if (values.check && !ok) process.exit(1);
