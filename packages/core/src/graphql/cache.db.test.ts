import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cutRelease } from "../release/index.ts";
import { submitResponses } from "../response/index.ts";
import { useDemoApi } from "../testing/fixtures.ts";
import { systemScope, testCredential } from "../testing/keys.ts";

// Public GETs a CDN can cache: an ETag from the latest release and the query, 304 while no release
// is cut (whatever is written meanwhile), a new ETag once one is; anything with a credential is private.
const demo = useDemoApi({ writes: true });
const QUERY = `{ benchmark(questionSet: ADULT_PB, question: "quality_of_life", area: "E12000007") { value { percentage } } }`;
const get = (search: string, headers: Record<string, string> = {}) => demo.api.handle({ method: "GET", headers, search });
const search = (query: string) => `query=${encodeURIComponent(query)}`;

describe("public GETs", () => {
  it("carry Cache-Control and an ETag, answer 304 to If-None-Match through writes, and 200 with a new ETag after a release", async () => {
    const first = await get(search(QUERY));
    expect(first.status).toBe(200);
    expect(first.headers["cache-control"]).toBe("public, max-age=300");
    expect(first.headers.vary).toBe("authorization");
    const etag = first.headers.etag!;
    expect((await get(search(QUERY), { "if-none-match": etag })).status).toBe(304);
    expect((await get(search(QUERY), { "if-none-match": `W/${etag}, "other"` })).status).toBe(304);
    expect((await get(search(QUERY), { "if-none-match": '"other"' })).status).toBe(200);

    // A write changes nothing anyone else can see, so nothing a watcher can time: still 304.
    const written = await submitResponses(
      systemScope(demo.database.db),
      {
        responses: [
          {
            externalRef: "cache-1",
            questionSet: "ADULT_PB",
            area: "E10000024",
            collectedOn: "2025-06-01",
            collectionMode: "ONLINE",
            completedBy: "SELF",
            answers: [{ question: "quality_of_life", option: "better" }],
          },
        ],
      },
      { organisation: "demo-e10000024" },
    );
    expect(written.created).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await get(search(QUERY), { "if-none-match": etag })).status).toBe(304);
    // A new release (within a second: the handler reuses what it read that long) is answered afresh.
    await cutRelease(systemScope(demo.database.db), { name: "2026-12", asOf: "2026-12-01" });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = await get(search(QUERY), { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(JSON.parse(after.body).data.benchmark.value.percentage).toEqual(expect.any(Number));
  });

  it("answer If-None-Match: * with 304 where the query has a public answer (RFC 9110), and in full where it has none", async () => {
    const fresh = await get(search(QUERY));
    const any = await get(search(QUERY), { "if-none-match": "*" });
    expect(any).toMatchObject({ status: 304, body: "" });
    expect(any.headers).toMatchObject({ etag: fresh.headers.etag, "cache-control": "public, max-age=300", "x-content-type-options": "nosniff" });
    // No current public answer: an error (never cached), or a credential's (never shared), is sent whole.
    const failed = await get(search(`{ area(code: "nope") { name } }`), { "if-none-match": "*" });
    expect(failed.status).toBe(200);
    expect(JSON.parse(failed.body).errors[0].extensions.code).toBe("BAD_USER_INPUT");
    const { header } = await testCredential(demo.database.db, { type: "RESEARCH" });
    const credentialed = await get(search(QUERY), { "if-none-match": "*", authorization: header });
    expect(credentialed).toMatchObject({ status: 200, headers: { "cache-control": "private, no-store" } });
  });

  it("name the release they read, where two releases hold the same (and share what is kept of them)", async () => {
    // 2026-12 (cut above) published nothing new: it holds what 2026-07 holds.
    const profile = (release: string) =>
      demo.api.data(`{ areaProfile(questionSet: ADULT_PB, area: "E10000024", release: "${release}") { release items { value { percentage } } } }`);
    const [older, newer] = [await profile("2026-07"), await profile("2026-12")];
    expect([older.areaProfile.release, newer.areaProfile.release]).toEqual(["2026-07", "2026-12"]);
    expect(newer.areaProfile.items).toEqual(older.areaProfile.items);
  });

  it("are private for any credential, and for answers with errors", async () => {
    const { header } = await testCredential(demo.database.db, { type: "RESEARCH" });
    const credentialed = await get(search(QUERY), { authorization: header });
    expect(credentialed.status).toBe(200);
    expect(credentialed.headers["cache-control"]).toBe("private, no-store");
    expect(credentialed.headers.etag).toBeUndefined();
    const failed = await get(search(`{ area(code: "nope") { name } }`));
    expect(failed.headers["cache-control"]).toBe("private, no-store");
    const posted = await demo.api.post(QUERY);
    expect(posted.headers["cache-control"]).toBe("private, no-store");
  });

  it("work as persisted queries: the hash alone, once the query is known", async () => {
    const sha256Hash = createHash("sha256").update(QUERY).digest("hex");
    const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }));
    const unknown = await get(`extensions=${extensions}`);
    expect(JSON.parse(unknown.body).errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    const registered = await get(`${search(QUERY)}&extensions=${extensions}`);
    expect(registered.status).toBe(200);
    const byHash = await get(`extensions=${extensions}`);
    expect(byHash.status).toBe(200);
    expect(byHash.headers["cache-control"]).toBe("public, max-age=300");
    expect(JSON.parse(byHash.body).data).toEqual(JSON.parse(registered.body).data);
  });
});
