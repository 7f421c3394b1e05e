/**
 * The real downloads Lambda, invoked as API Gateway would, over a PGlite database in a temporary
 * folder (what core picks when no DATABASE_URL is set, outside Lambda): refusals cost no
 * database, and once migrated an empty database lists nothing to download.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { downloadEvent } from "./download-events.test-helper.ts";
import { json } from "./events.test-helper.ts";

let dir: string;
let dataDir: string;
let downloads: typeof import("./downloads.ts");

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "poet-downloads-"));
  dataDir = path.join(dir, "pglite");
  vi.stubEnv("DATABASE_URL", "");
  vi.stubEnv("SST_Secret_value_DATABASE_URL", "");
  vi.stubEnv("AWS_LAMBDA_FUNCTION_NAME", "");
  vi.stubEnv("POET_DATA_DIR", dataDir);
  downloads = await import("./downloads.ts");
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

const invoke = async (event: ReturnType<typeof downloadEvent>) => json(await downloads.handler(event));

describe("downloads.handler", () => {
  it("refuses other methods, bad and unknown paths without opening the database", async () => {
    const post = await invoke({ ...downloadEvent("POST", "/downloads/adult_pb-v1.csv"), body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe("GET, HEAD");
    expect((await invoke(downloadEvent("GET", "/downloads/../../etc/passwd"))).status).toBe(404);
    expect((await invoke(downloadEvent("GET", `/downloads/${"a".repeat(5000)}`))).body.errors[0].extensions.code).toBe("BAD_REQUEST");
    const unknown = await invoke(downloadEvent("GET", "/downloads/secrets.txt"));
    expect(unknown.body.errors[0]).toMatchObject({ extensions: { code: "NOT_FOUND", requestId: "request" } });
    expect(existsSync(dataDir)).toBe(false);
  });

  it("lists nothing on a database without responses, and knows no file", async () => {
    const { handler: migrate } = await import("./migrate.ts");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    expect(await migrate()).toMatchObject({ ok: true, driver: "pglite" });
    log.mockRestore();
    const index = await invoke(downloadEvent("GET", "/downloads"));
    expect(index.status).toBe(200);
    expect(index.headers["cache-control"]).toBe("public, max-age=60");
    expect(index.body).toMatchObject({ datasets: [], synthetic_data: false, licenses: [{ name: "OGL-UK-3.0" }] });
    expect((await invoke(downloadEvent("GET", "/downloads/adult_pb-v1.csv"))).status).toBe(404);
  }, 60_000);
});
