import { defineConfig } from "vitest/config";

// The database tests (*.db.test.ts) run once per driver: on PGlite always, and on the real
// PostgreSQL at TEST_DATABASE_URL through the Neon driver when it is set (CI sets it).
const postgres = process.env.TEST_DATABASE_URL
  ? [
      {
        extends: true as const,
        test: {
          name: "postgres",
          include: ["packages/*/src/**/*.db.test.ts"],
          env: { POET_TEST_DRIVER: "postgres" },
          globalSetup: ["packages/core/src/testing/global-setup.ts"],
        },
      },
    ]
  : [];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: [
      {
        extends: true as const,
        test: {
          name: "pglite",
          include: ["packages/*/src/**/*.test.ts", "stacks/**/*.test.ts", "scripts/**/*.test.ts"],
          env: { POET_TEST_DRIVER: "pglite" },
          globalSetup: ["packages/core/src/testing/global-setup.ts"],
        },
      },
      ...postgres,
    ],
  },
});
