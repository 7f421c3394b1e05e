import { z } from "zod";

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .url("DATABASE_URL must be a postgres:// URL")
    .refine((url) => /^postgres(ql)?:\/\//.test(url), "DATABASE_URL must start with postgres:// or postgresql://")
    .optional(),
  POET_DATA_DIR: z.string().min(1).default(".poet/pglite"),
  POET_WS_PROXY: z
    .string()
    .regex(/^[\w.-]+:\d+(\/.*)?$/, "POET_WS_PROXY must look like host:port or host:port/path")
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type DatabaseConfig =
  | { driver: "pglite"; dataDir: string | null }
  | { driver: "neon"; url: string; wsProxy: string | null };

export interface Config {
  database: DatabaseConfig;
  port: number;
  production: boolean;
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
  };
}
