import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("defaults to PGlite in .poet/pglite on port 4000", () => {
    expect(loadConfig({})).toEqual({ database: { driver: "pglite", dataDir: ".poet/pglite" }, port: 4000, production: false, reportThreshold: 100 });
  });

  it("uses the Neon driver for DATABASE_URL, through a proxy when one is given", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://u:p@localhost:5432/poet", POET_WS_PROXY: "127.0.0.1:5433/v1", NODE_ENV: "production" });
    expect(config.database).toEqual({ driver: "neon", url: "postgres://u:p@localhost:5432/poet", wsProxy: "127.0.0.1:5433/v1" });
    expect(config.production).toBe(true);
  });

  it("keeps PGlite in memory for POET_DATA_DIR=:memory:, and treats empty variables as unset", () => {
    expect(loadConfig({ POET_DATA_DIR: ":memory:", DATABASE_URL: "" }).database).toEqual({ driver: "pglite", dataDir: null });
  });

  it("lists every problem at once, naming the variable", () => {
    let message = "";
    try {
      loadConfig({ DATABASE_URL: "mysql://x", PORT: "99999", POET_WS_PROXY: "ws://nope" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration:/);
    expect(message).toMatch(/DATABASE_URL: .*postgres/);
    expect(message).toMatch(/PORT:/);
    expect(message).toMatch(/POET_WS_PROXY:/);
  });
});
