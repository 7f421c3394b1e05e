import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

// Three projects. `unit` runs every test that needs no database, with no global set-up, so a
// pure file runs in about a second (`npx vitest --project unit`). The database tests
// (*.db.test.ts) run once per driver: on PGlite always, and on the real PostgreSQL at
// TEST_DATABASE_URL through the Neon driver when it is set (CI sets it); only they build the
// demo database.
const DB_TESTS = ["packages/*/src/**/*.db.test.ts"];

const postgres = process.env.TEST_DATABASE_URL
  ? [
      {
        extends: true as const,
        test: {
          name: "postgres",
          include: DB_TESTS,
          env: { POET_TEST_DRIVER: "postgres" },
          globalSetup: ["packages/core/src/testing/global-setup.ts"],
        },
      },
    ]
  : [];

// POET_TEST_PROJECTS=unit (comma-separated names) narrows a run, e.g. a quick mutation run, and
// POET_UNIT_TESTS (a glob) the unit project's files, e.g. to the ones that pin a domain's constants.
const only = process.env.POET_TEST_PROJECTS?.split(",");
const unitTests = process.env.POET_UNIT_TESTS ? [process.env.POET_UNIT_TESTS] : ["packages/*/src/**/*.test.ts", "stacks/**/*.test.ts", "scripts/**/*.test.ts"];
// Mutation runs (POET_FIGURE_CACHE=off) load modules once per worker, not once per file: a mutant
// is switched on and off at run time, and re-importing the server for every file was most of
// a mutant's cost.
const mutation = process.env.POET_FIGURE_CACHE === "off";
const chosen = <T extends { test: { name: string } }>(projects: T[]) => (only ? projects.filter((p) => only.includes(p.test.name)) : projects);

export default defineConfig({
  // graphql ships CommonJS and ESM builds; Node (Apollo, graphql-tools) loads the CommonJS one, so
  // our source must too, or a schema built by one is "from another realm" to the other.
  resolve: { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve("graphql") }] },
  test: {
    // Both cores: the PGlite files are single-threaded and each spends its first seconds loading
    // its copy of the demo database, so two at a time nearly halve the run.
    maxWorkers: 2,
    // Mutation runs turn the figures' in-process caches off, so per-test coverage is exact.
    setupFiles: mutation ? ["packages/core/src/testing/mutation-setup.ts"] : [],
    isolate: !mutation,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    coverage: {
      provider: "v8",
      include: ["packages/core/src/figure/**", "packages/core/src/organisation/**", "packages/core/src/graphql/**"],
      exclude: ["**/*.test.ts", "**/generated/**", "**/*.sql.ts", "packages/core/src/figure/index.ts", "packages/core/src/graphql/index.ts"],
      reporter: ["text-summary", "text"],
      // `npm test` (and so CI) runs the whole suite with --coverage, every project, on Node 22.
      thresholds: {
        // Just under what the whole suite measures (all projects, as npm test runs it): a drop
        // fails the run. Set 2026-11-25 from unit + PGlite; on 2026-12-07 CI's first enforced run
        // found figure's lines at 98.6 (was 99) and organisation's one defensive branch
        // (authenticate.ts, a non-Error thrown by jose) at 98.7, and tests of GraphQL's nested
        // administration fields and of the organisation loader brought the rest back.
        "packages/core/src/figure/**": { statements: 97, branches: 88, functions: 97, lines: 98 },
        "packages/core/src/organisation/**": { statements: 100, branches: 98, functions: 100, lines: 100 },
        "packages/core/src/graphql/**": { statements: 95, branches: 75, functions: 95, lines: 95 },
      },
    },
    projects: chosen([
      {
        extends: true as const,
        test: {
          name: "unit",
          include: unitTests,
          exclude: [...DB_TESTS, "**/node_modules/**"],
        },
      },
      {
        extends: true as const,
        test: {
          name: "pglite",
          include: DB_TESTS,
          env: { POET_TEST_DRIVER: "pglite" },
          globalSetup: ["packages/core/src/testing/global-setup.ts"],
        },
      },
      ...postgres,
    ]),
  },
});
