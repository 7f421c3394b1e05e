/**
 * `npm run test:mutation [-- --mutate <files>]`: mutation testing of figure/ and organisation/ in
 * two Stryker runs, merged into one score (docs/mutation-testing.md):
 *  1. runtime mutants against the unit and database tests (`--ignoreStatic`), on the real
 *     PostgreSQL when TEST_DATABASE_URL is set, else on PGlite;
 *  2. static mutants (module-level code) against the unit tests of those folders.
 * Reports go to reports/mutation/{runtime,static}.json; exits 1 under the break threshold.
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
stryker("runtime", ["--ignoreStatic"], { POET_TEST_PROJECTS: process.env.POET_TEST_PROJECTS ?? databases });
stryker("static", [], { POET_TEST_PROJECTS: "unit", POET_UNIT_TESTS: UNIT_TESTS });
const score = spawnSync("node", ["scripts/mutation-score.mjs", `${DIR}/runtime.json`, `${DIR}/static.json`, "--survivors"], { stdio: "inherit" });
process.exit(score.status ?? 1);
