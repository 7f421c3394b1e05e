import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("defaults to PGlite in .poet/pglite on port 4000", () => {
    expect(loadConfig({})).toEqual({
      database: { driver: "pglite", dataDir: ".poet/pglite", statementTimeoutMs: 10_000 },
      port: 4000,
      production: false,
      introspection: true,
      logLevel: "info",
      settings: { reportThreshold: 100, releaseLagMonths: 3, jwt: null },
      importBucket: null,
      reportFunction: null,
    });
    expect(loadConfig({ NODE_ENV: "test" }).logLevel).toBe("silent");
    expect(loadConfig({ POET_INTROSPECTION: "false", POET_LOG_LEVEL: "debug" })).toMatchObject({ introspection: false, logLevel: "debug" });
  });

  it("uses the Neon driver for DATABASE_URL, through a proxy when one is given", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://u:p@localhost:5432/poet", POET_WS_PROXY: "127.0.0.1:5433/v1", NODE_ENV: "production" });
    expect(config.database).toEqual({ driver: "neon", url: "postgres://u:p@localhost:5432/poet", wsProxy: "127.0.0.1:5433/v1", statementTimeoutMs: 10_000 });
    expect(config.production).toBe(true);
  });

  it("keeps PGlite in memory for POET_DATA_DIR=:memory:, and treats empty variables as unset", () => {
    expect(loadConfig({ POET_DATA_DIR: ":memory:", DATABASE_URL: "" }).database).toEqual({ driver: "pglite", dataDir: null, statementTimeoutMs: 10_000 });
  });

  it("checks bearer-token settings together", () => {
    const jwt = { POET_JWT_JWKS_URL: "https://id.example/jwks.json", POET_JWT_ISSUER: "https://id.example/", POET_JWT_AUDIENCE: "poet-api" };
    expect(loadConfig(jwt).settings.jwt).toEqual({
      jwksUrl: jwt.POET_JWT_JWKS_URL,
      issuer: jwt.POET_JWT_ISSUER,
      audience: "poet-api",
      clockToleranceSeconds: 30,
    });
    expect(() => loadConfig({ POET_JWT_JWKS_URL: jwt.POET_JWT_JWKS_URL })).toThrow(
      /POET_JWT_\*: set POET_JWT_JWKS_URL, POET_JWT_ISSUER and POET_JWT_AUDIENCE together/,
    );
  });

  it("lists every problem at once, naming the variable", () => {
    let message = "";
    try {
      loadConfig({ DATABASE_URL: "mysql://x", PORT: "99999", POET_WS_PROXY: "ws://nope", POET_RELEASE_LAG_MONTHS: "2.5" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration:/);
    expect(message).toMatch(/DATABASE_URL: .*postgres/);
    expect(message).toMatch(/PORT:/);
    expect(message).toMatch(/POET_WS_PROXY:/);
    expect(message).toMatch(/POET_RELEASE_LAG_MONTHS:/);
  });

  it("takes the release lag in whole months, up to two years", () => {
    expect(loadConfig({ POET_RELEASE_LAG_MONTHS: "0" }).settings.releaseLagMonths).toBe(0);
    expect(loadConfig({ POET_RELEASE_LAG_MONTHS: "12" }).settings.releaseLagMonths).toBe(12);
    for (const bad of ["-1", "25", "three"]) expect(() => loadConfig({ POET_RELEASE_LAG_MONTHS: bad }), bad).toThrow(/POET_RELEASE_LAG_MONTHS/);
  });

  it("takes an imports bucket for large uploads, by its S3 name", () => {
    expect(loadConfig({ POET_IMPORT_BUCKET: "poet-imports-prod" }).importBucket).toBe("poet-imports-prod");
    expect(() => loadConfig({ POET_IMPORT_BUCKET: "Not A Bucket" })).toThrow("POET_IMPORT_BUCKET must be an S3 bucket name");
  });
});
