import { defineConfig } from "drizzle-kit";

// drizzle-kit runs from the repository root (`npm run db:generate`, `npm run db:check`) and finds
// the tables where they live, beside their domain: every `*.sql.ts` under packages/core/src.
export default defineConfig({
  dialect: "postgresql",
  schema: "./packages/core/src/**/*.sql.ts",
  out: "./packages/core/migrations",
  casing: "snake_case",
});
