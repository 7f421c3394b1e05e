// zod/mini: the same validation at a twentieth of the bundle size, which the Lambda cold start pays.
import * as z from "zod/mini";
import type { DatabaseConfig } from "../db/index.ts";
import type { Settings } from "../scope/index.ts";
import type { LogLevel } from "../util/log.ts";

const flag = z._default(z.enum(["true", "false"]), "true");

const envSchema = z.object({
  DATABASE_URL: z.optional(z.string().check(z.regex(/^postgres(ql)?:\/\/[^/\s]+/, "DATABASE_URL must be a URL starting with postgres:// or postgresql://"))),
  POET_DATA_DIR: z._default(z.string().check(z.minLength(1)), ".poet/pglite"),
  POET_WS_PROXY: z.optional(z.string().check(z.regex(/^[\w.-]+:\d+(\/.*)?$/, "POET_WS_PROXY must look like host:port or host:port/path"))),
  // 0 asks the system for a free port.
  PORT: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(65535)), 4000),
  POET_REPORT_THRESHOLD: z._default(z.coerce.number().check(z.int(), z.minimum(1)), 100),
  POET_RELEASE_LAG_MONTHS: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(24)), 3),
  NODE_ENV: z._default(z.enum(["development", "production", "test"]), "development"),
  POET_INTROSPECTION: flag,
  POET_LOG_LEVEL: z.optional(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])),
  POET_STATEMENT_TIMEOUT_MS: z._default(z.coerce.number().check(z.int(), z.minimum(100), z.maximum(600_000)), 10_000),
  POET_JWT_JWKS_URL: z.optional(z.string().check(z.regex(/^https?:\/\/\S+$/, "POET_JWT_JWKS_URL must be an http(s) URL"))),
  POET_JWT_ISSUER: z.optional(z.string().check(z.minLength(1))),
  POET_JWT_AUDIENCE: z.optional(z.string().check(z.minLength(1))),
  POET_IMPORT_BUCKET: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "POET_IMPORT_BUCKET must be an S3 bucket name"))),
  // Set by the stack on the GraphQL function: `localReport` asks the report function to draw.
  POET_REPORT_FUNCTION: z.optional(z.string().check(z.regex(/^[\w:.-]{1,170}$/, "POET_REPORT_FUNCTION must be a Lambda function name or ARN"))),
  POET_JWT_CLOCK_TOLERANCE_S: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(300)), 30),
});

export type { DatabaseConfig };

export interface Config {
  database: DatabaseConfig;
  port: number;
  production: boolean;
  /** Whether the schema may be introspected (a public, schema-first API: yes unless a stage opts out). */
  introspection: boolean;
  logLevel: LogLevel;
  /** What the domain needs: the report threshold and how bearer tokens are checked. */
  settings: Settings;
  /** The S3 bucket large imports are uploaded to, if the deployment has one. */
  importBucket: string | null;
  /** The Lambda function that draws local reports, if the GraphQL function is to ask one. */
  reportFunction: string | null;
}

/** Reads and validates the environment once, failing fast with every problem listed. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
  const e = parsed.data;
  const jwtParts = e ? [e.POET_JWT_JWKS_URL, e.POET_JWT_ISSUER, e.POET_JWT_AUDIENCE] : [];
  if (jwtParts.some(Boolean) && !jwtParts.every(Boolean))
    problems.push("  - POET_JWT_*: set POET_JWT_JWKS_URL, POET_JWT_ISSUER and POET_JWT_AUDIENCE together, or none");
  if (!e || problems.length) throw new Error(`Invalid configuration:\n${problems.join("\n")}`);
  return {
    database: e.DATABASE_URL
      ? { driver: "neon", url: e.DATABASE_URL, wsProxy: e.POET_WS_PROXY ?? null, statementTimeoutMs: e.POET_STATEMENT_TIMEOUT_MS }
      : { driver: "pglite", dataDir: e.POET_DATA_DIR === ":memory:" ? null : e.POET_DATA_DIR, statementTimeoutMs: e.POET_STATEMENT_TIMEOUT_MS },
    port: e.PORT,
    production: e.NODE_ENV === "production",
    introspection: e.POET_INTROSPECTION === "true",
    logLevel: e.POET_LOG_LEVEL ?? (e.NODE_ENV === "test" ? "silent" : "info"),
    settings: {
      reportThreshold: e.POET_REPORT_THRESHOLD,
      releaseLagMonths: e.POET_RELEASE_LAG_MONTHS,
      jwt: e.POET_JWT_JWKS_URL
        ? { jwksUrl: e.POET_JWT_JWKS_URL, issuer: e.POET_JWT_ISSUER!, audience: e.POET_JWT_AUDIENCE!, clockToleranceSeconds: e.POET_JWT_CLOCK_TOLERANCE_S }
        : null,
    },
    importBucket: e.POET_IMPORT_BUCKET ?? null,
    reportFunction: e.POET_REPORT_FUNCTION ?? null,
  };
}
