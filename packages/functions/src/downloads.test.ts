/**
 * The real downloads Lambda, invoked as API Gateway would, over a PGlite database in a temporary
 * folder (what core picks when no DATABASE_URL is set, outside Lambda): refusals cost no
 * database, and once migrated an empty database lists nothing to download.
 */
import { existsSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { downloadEvent } from "./download-events.test-helper.ts";
import { json, useLambdaModule } from "./events.test-helper.ts";

const lambda = useLambdaModule(() => import("./downloads.ts"));

const invoke = async (event: ReturnType<typeof downloadEvent>) => json(await lambda.module.handler(event));

describe("downloads.handler", () => {
  it("refuses other methods, bad and unknown paths without opening the database", async () => {
    const post = await invoke({ ...downloadEvent("POST", "/downloads/adult_pb-v1.csv"), body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe("GET, HEAD");
    expect((await invoke(downloadEvent("GET", "/downloads/../../etc/passwd"))).status).toBe(404);
    expect((await invoke(downloadEvent("GET", `/downloads/${"a".repeat(5000)}`))).body.errors[0].extensions.code).toBe("BAD_REQUEST");
    const unknown = await invoke(downloadEvent("GET", "/downloads/secrets.txt"));
    expect(unknown.body.errors[0]).toMatchObject({ extensions: { code: "NOT_FOUND", requestId: "request" } });
    expect(existsSync(lambda.dataDir)).toBe(false);
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
