import { describe, expect, it, vi } from "vitest";
import { openDatabase } from "./database.ts";
import { type ParameterStore, readSecret, resolveDatabaseUrl, SSM_PLACEHOLDER, secretParameterNames } from "./secret.ts";

const boundEnv = {
  SST_APP: "poet-api",
  SST_STAGE: "prod",
  SST_SSM_PREFIX: "/sst/poet-api/prod/",
  SST_Secret_value_DATABASE_URL: SSM_PLACEHOLDER,
};

function store(values: Record<string, string>): ParameterStore & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    async getParameters(names) {
      calls.push(names);
      return names.filter((n) => n in values).map((name) => ({ name, value: values[name] }));
    },
  };
}

describe("readSecret (SST v2 Config.Secret, read lazily)", () => {
  it("uses SST's parameter paths: stage, then the app-wide fallback", () => {
    expect(secretParameterNames("DATABASE_URL", boundEnv)).toEqual({
      stage: "/sst/poet-api/prod/Secret/DATABASE_URL/value",
      fallback: "/sst/poet-api/.fallback/Secret/DATABASE_URL/value",
    });
  });

  it("fetches both in one GetParameters call and prefers the stage's value", async () => {
    const s = store({
      "/sst/poet-api/prod/Secret/DATABASE_URL/value": "postgres://stage",
      "/sst/poet-api/.fallback/Secret/DATABASE_URL/value": "postgres://fallback",
    });
    await expect(readSecret("DATABASE_URL", boundEnv, s)).resolves.toBe("postgres://stage");
    expect(s.calls).toHaveLength(1);
  });

  it("falls back to the app-wide value", async () => {
    const s = store({ "/sst/poet-api/.fallback/Secret/DATABASE_URL/value": "postgres://fallback" });
    await expect(readSecret("DATABASE_URL", boundEnv, s)).resolves.toBe("postgres://fallback");
  });

  it("says how to set a missing secret", async () => {
    await expect(readSecret("DATABASE_URL", boundEnv, store({}))).rejects.toThrow(/sst secrets set DATABASE_URL/);
  });

  it("uses a value injected by `sst bind` as is, and is undefined when unbound", async () => {
    const s = store({});
    await expect(readSecret("DATABASE_URL", { ...boundEnv, SST_Secret_value_DATABASE_URL: "postgres://bound" }, s)).resolves.toBe("postgres://bound");
    await expect(readSecret("DATABASE_URL", {}, s)).resolves.toBeUndefined();
    expect(s.calls).toHaveLength(0);
  });

  it("lets a plain DATABASE_URL win without touching SSM", async () => {
    await expect(resolveDatabaseUrl({ ...boundEnv, DATABASE_URL: "postgres://env" })).resolves.toBe("postgres://env");
  });
});

describe("openDatabase", () => {
  it("refuses to fall back to PGlite inside Lambda", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(openDatabase({ AWS_LAMBDA_FUNCTION_NAME: "fn" })).rejects.toThrow(/DATABASE_URL is not configured/);
    log.mockRestore();
  });
});
