/**
 * The real downloads Lambda, invoked as API Gateway would, over a PGlite database in a temporary
 * folder (what core picks when no DATABASE_URL is set, outside Lambda): refusals cost no
 * database, and once migrated a database with no release cut has nothing to download, not even
 * an index, and says so uncached.
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

  it("answers 404, never cached, for the index, an alias and a file before any release is cut", async () => {
    const { handler: migrate } = await import("./migrate.ts");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    expect(await migrate()).toMatchObject({ ok: true, driver: "pglite" });
    log.mockRestore();
    for (const path of ["/downloads", "/downloads/", "/downloads/adult_pb-v1.csv", "/downloads/adult_pb-v1-2026-07.parquet"]) {
      const answer = await invoke(downloadEvent("GET", path));
      expect(answer.status, path).toBe(404);
      expect(answer.headers["cache-control"], path).toBe("no-store");
      expect(answer.body.errors[0], path).toMatchObject({ extensions: { code: "NOT_FOUND", requestId: "request" } });
    }
    expect((await invoke(downloadEvent("GET", "/downloads"))).body.errors[0].message).toContain("No release has been cut yet");
  }, 60_000);
});
