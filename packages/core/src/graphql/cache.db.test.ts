import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Db } from "../db/types.ts";
import { bumpCubeVersion } from "../figure/aggregate.ts";
import { useDemoApi } from "../testing/fixtures.ts";
import { testCredential } from "../testing/keys.ts";

// Public GETs a CDN can cache: an ETag from the cube version and the query, 304 while nothing
// changed, a new ETag once the cubes do; anything with a credential is private.
const demo = useDemoApi({ writes: true });
const QUERY = `{ benchmark(questionSet: ADULT_PB, question: "quality_of_life", area: "E12000007") { value { percentage } } }`;
const get = (search: string, headers: Record<string, string> = {}) => demo.api.handle({ method: "GET", headers, search });
const search = (query: string) => `query=${encodeURIComponent(query)}`;

describe("public GETs", () => {
  it("carry Cache-Control and an ETag, answer 304 to If-None-Match, and 200 with a new ETag after the cubes change", async () => {
    const first = await get(search(QUERY));
    expect(first.status).toBe(200);
    expect(first.headers["cache-control"]).toBe("public, max-age=300");
    expect(first.headers.vary).toBe("authorization");
    const etag = first.headers.etag!;
    expect((await get(search(QUERY), { "if-none-match": etag })).status).toBe(304);
    expect((await get(search(QUERY), { "if-none-match": `W/${etag}, "other"` })).status).toBe(304);
    expect((await get(search(QUERY), { "if-none-match": '"other"' })).status).toBe(200);

    // Any write to the cubes (a rebuild, an import's delta) bumps their version: within a second
    // (the handler reuses the version it read that long), the same GET is answered afresh.
    await demo.database.db.transaction((tx) => bumpCubeVersion(tx as unknown as Db));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = await get(search(QUERY), { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(JSON.parse(after.body).data.benchmark.value.percentage).toEqual(expect.any(Number));
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
