/**
 * `npm run test:mutation [-- --mutate <files>]`: mutation testing of figure/ and organisation/ in
 * two Stryker runs, merged into one score (docs/mutation-testing.md):
 *  1. every mutant against the unit tests of those folders (minutes): all the static ones
 *     (module-level code), and the runtime ones a unit test already kills;
 *  2. the runtime mutants (`--ignoreStatic`) against the unit and database tests, on the real
 *     PostgreSQL when TEST_DATABASE_URL is set, else on PGlite, reusing run 1's kills through
 *     Stryker's incremental report: only what the unit tests left alive meets a database.
 * Reports go to reports/mutation/{static,runtime}.json; exits 1 under the break threshold.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";

const extra = process.argv.slice(2);
const DIR = "reports/mutation";
const UNIT_TESTS = "packages/core/src/{figure,organisation}/**/*.test.ts";

function stryker(name, args, env) {
  console.log(`\n== ${name}: stryker run ${args.join(" ")}`);
  const run = spawnSync("npx", ["stryker", "run", ...args, ...extra], { stdio: "inherit", env: { ...process.env, POET_FIGURE_CACHE: "off", ...env } });
  // Stryker exits 1 under the threshold; the merged score below is the verdict.
  if (run.status !== 0 && run.status !== 1) process.exit(run.status ?? 1);
  mkdirSync(DIR, { recursive: true });
  copyFileSync(`${DIR}/mutation.json`, `${DIR}/${name}.json`);
}

const databases = process.env.TEST_DATABASE_URL ? "unit,postgres" : "unit,pglite";
const incremental = ["--incremental", "--incrementalFile", `${DIR}/incremental.json`];
stryker("static", incremental, { POET_TEST_PROJECTS: "unit", POET_UNIT_TESTS: UNIT_TESTS });
stryker("runtime", ["--ignoreStatic", ...incremental], { POET_TEST_PROJECTS: process.env.POET_TEST_PROJECTS ?? databases });
const score = spawnSync("node", ["scripts/mutation-score.mjs", `${DIR}/runtime.json`, `${DIR}/static.json`, "--survivors"], { stdio: "inherit" });
process.exit(score.status ?? 1);
