// zod/mini: the same validation at a twentieth of the bundle size, which the Lambda cold start pays.
import * as z from "zod/mini";

const envSchema = z.object({
  DATABASE_URL: z.optional(
    z.string().check(z.regex(/^postgres(ql)?:\/\/[^/\s]+/, "DATABASE_URL must be a URL starting with postgres:// or postgresql://")),
  ),
  POET_DATA_DIR: z._default(z.string().check(z.minLength(1)), ".poet/pglite"),
  POET_WS_PROXY: z.optional(z.string().check(z.regex(/^[\w.-]+:\d+(\/.*)?$/, "POET_WS_PROXY must look like host:port or host:port/path"))),
  // 0 asks the system for a free port.
  PORT: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(65535)), 4000),
  POET_REPORT_THRESHOLD: z._default(z.coerce.number().check(z.int(), z.minimum(1)), 100),
  NODE_ENV: z._default(z.enum(["development", "production", "test"]), "development"),
});

export type DatabaseConfig =
  | { driver: "pglite"; dataDir: string | null }
  | { driver: "neon"; url: string; wsProxy: string | null };

export interface Config {
  database: DatabaseConfig;
  port: number;
  production: boolean;
  /** More responses than this of an instrument make an area eligible for a local report. */
  reportThreshold: number;
}

/** Reads and validates the environment once, failing fast with every problem listed. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  return {
    database: e.DATABASE_URL
      ? { driver: "neon", url: e.DATABASE_URL, wsProxy: e.POET_WS_PROXY ?? null }
      : { driver: "pglite", dataDir: e.POET_DATA_DIR === ":memory:" ? null : e.POET_DATA_DIR },
    port: e.PORT,
    production: e.NODE_ENV === "production",
    reportThreshold: e.POET_REPORT_THRESHOLD,
  };
}
