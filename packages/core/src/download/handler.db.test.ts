import { gunzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/types.ts";
import { cubeVersion } from "../figure/cube.ts";
import type { ReferenceData } from "../figure/reference.ts";
import { useDemoApi } from "../testing/fixtures.ts";
import { buildDownload } from "./build.ts";
import { createDownloadHandler, type DownloadRequest } from "./handler.ts";
import type { DownloadName } from "./names.ts";
import { IMMUTABLE, MAX_SENT_BYTES, MOVING } from "./respond.ts";

// The HTTP contract: names, redirects, caching headers, refusals. Writes: the cube version is bumped.
const demo = useDemoApi({ writes: true });
const builds: string[] = [];
let handle: ReturnType<typeof createDownloadHandler>;
let cube: number;

beforeAll(async () => {
  handle = createDownloadHandler({
    database: demo.database,
    build: (db: Db, ref: ReferenceData, name: Required<DownloadName>) => {
      builds.push(`${name.code}-v${name.version}-c${name.cube}`);
      return buildDownload(db, ref, name);
    },
  });
  cube = await cubeVersion(demo.database.db);
});

const request = (path: string, headers: Record<string, string> = {}, method = "GET") => handle({ method, path, headers, search: "" } satisfies DownloadRequest);
const errorOf = (body: string | Uint8Array) => JSON.parse(String(body)).errors[0];

describe("GET /downloads/", () => {
  it("lists every version with responses, its immutable files and their aliases, briefly cached", async () => {
    const response = await request("/downloads/");
    expect(response.status).toBe(200);
    expect(response.headers["cache-control"]).toBe(MOVING);
    const index = JSON.parse(String(response.body));
    expect(index).toMatchObject({ cube_version: cube, synthetic_data: true, licenses: [{ name: "OGL-UK-3.0" }] });
    expect(index.datasets).toHaveLength(12);
    expect(index.datasets[0]).toEqual({
      question_set: "ADULT_PB",
      version: 1,
      title: expect.any(String),
      latest_version: false,
      financial_years: ["2022-23", "2023-24", "2024-25"],
      files: {
        csv: `/downloads/adult_pb-v1-c${cube}.csv`,
        "csv.gz": `/downloads/adult_pb-v1-c${cube}.csv.gz`,
        parquet: `/downloads/adult_pb-v1-c${cube}.parquet`,
        datapackage: `/downloads/adult_pb-v1-c${cube}-datapackage.json`,
      },
      aliases: {
        csv: "/downloads/adult_pb-v1.csv",
        "csv.gz": "/downloads/adult_pb-v1.csv.gz",
        parquet: "/downloads/adult_pb-v1.parquet",
        datapackage: "/downloads/adult_pb-v1-datapackage.json",
      },
    });
    expect(index.datasets[1]).toMatchObject({ version: 2, latest_version: true });
    expect((await request("/downloads")).body).toEqual(response.body);
    expect((await request("/downloads/", { "if-none-match": response.headers.etag! })).status).toBe(304);
  });
});

describe("an immutable name", () => {
  it("is kept a year, with a strong ETag, and answers 304 to it", async () => {
    const response = await request(`/downloads/carer-v2-c${cube}.parquet`);
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({
      "cache-control": IMMUTABLE,
      "content-type": "application/vnd.apache.parquet",
      "content-disposition": `attachment; filename="carer-v2-c${cube}.parquet"`,
      "access-control-allow-origin": "*",
    });
    expect(response.body).toBeInstanceOf(Uint8Array);
    expect(
      Buffer.from(response.body as Uint8Array)
        .subarray(0, 4)
        .toString(),
    ).toBe("PAR1");
    expect(response.headers["content-length"]).toBe(String((response.body as Uint8Array).byteLength));
    expect(response.headers.etag).toMatch(/^"[\w-]{27}"$/);
    const again = await request(`/downloads/carer-v2-c${cube}.parquet`, { "If-None-Match": `W/"x", ${response.headers.etag}` });
    expect(again).toMatchObject({ status: 304, body: "" });
    expect(again.headers["cache-control"]).toBe(IMMUTABLE);
  });

  it("answers HEAD with GET's headers and no body", async () => {
    const get = await request(`/downloads/carer-v2-c${cube}.csv`);
    const head = await request(`/downloads/carer-v2-c${cube}.csv`, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    expect({ ...head.headers, "x-request-id": "" }).toEqual({ ...get.headers, "x-request-id": "" });
    expect(head.headers["content-length"]).toBe(String(Buffer.byteLength(String(get.body))));
  });

  it("sends a CSV gzipped to those who accept it, as its own representation", async () => {
    const plain = await request(`/downloads/carer-v2-c${cube}.csv`);
    const gzipped = await request(`/downloads/carer-v2-c${cube}.csv`, { "accept-encoding": "gzip, deflate, br" });
    expect(plain.headers).toMatchObject({ "content-type": "text/csv; charset=utf-8", vary: "accept-encoding" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(gzipped.headers).toMatchObject({ "content-type": "text/csv; charset=utf-8", "content-encoding": "gzip", vary: "accept-encoding" });
    expect(gunzipSync(gzipped.body as Uint8Array).toString("utf8")).toBe(plain.body);
    expect(gzipped.headers.etag).not.toBe(plain.headers.etag);
    const gz = await request(`/downloads/carer-v2-c${cube}.csv.gz`);
    expect(gz.headers["content-type"]).toBe("application/gzip");
    expect(gz.headers["content-encoding"]).toBeUndefined();
    expect(Buffer.from(gz.body as Uint8Array)).toEqual(Buffer.from(gzipped.body as Uint8Array));
  });

  it("refuses to send a CSV too large for Lambda uncompressed, and names the ways to get it", async () => {
    const response = await request(`/downloads/adult_pb-v1-c${cube}.csv`);
    // The demo data's largest CSV is larger than a Lambda answer; if it ever is not, this test says so.
    expect(response.status).toBe(406);
    expect(errorOf(response.body)).toMatchObject({ extensions: { code: "RESPONSE_TOO_LARGE" } });
    expect(errorOf(response.body).message).toContain(`/downloads/adult_pb-v1-c${cube}.csv.gz`);
    const gzipped = await request(`/downloads/adult_pb-v1-c${cube}.csv`, { "accept-encoding": "gzip" });
    expect(gzipped.status).toBe(200);
    expect(gunzipSync(gzipped.body as Uint8Array).byteLength).toBeGreaterThan(MAX_SENT_BYTES);
  });
});

describe("an alias", () => {
  it.each([
    ["/downloads/phb-v1.csv", "phb-v1", ".csv"],
    ["/downloads/phb-v1-datapackage.json", "phb-v1", "-datapackage.json"],
    ["/downloads/phb.parquet", "phb-v2", ".parquet"],
  ])("%s redirects, briefly cached, to the current immutable name", async (path, base, suffix) => {
    const response = await request(path);
    expect(response.status).toBe(307);
    expect(response.headers).toMatchObject({ location: `/downloads/${base}-c${cube}${suffix}`, "cache-control": MOVING });
    expect(JSON.parse(String(response.body)).location).toBe(response.headers.location);
  });
});

describe("refusals", () => {
  it.each([
    ["/downloads/adult_pb-v9.csv", "a version that does not exist"],
    ["/downloads/adult_pb-v9-c1.csv", "a version that does not exist, with a cube version"],
    ["/downloads/nothing.csv", "an unknown question set"],
    ["/downloads/adult_pb-v1-c1.xlsx", "an unknown format"],
    ["/downloads/../graphql", "a path that climbs"],
    ["/downloads/..%2F..%2Fetc%2Fpasswd", "an encoded climb"],
    ["/graphql", "another route"],
  ])("404 for %s (%s), in the API's error shape", async (path) => {
    const response = await request(path);
    expect(response.status).toBe(404);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(errorOf(response.body)).toMatchObject({ message: expect.any(String), extensions: { code: "NOT_FOUND" } });
  });

  it.each([
    ["a huge name", `/downloads/${"x".repeat(10_000)}.csv`],
    ["a control character", "/downloads/adult_pb\u0007.csv"],
    ["a header injection", "/downloads/adult_pb.csv\r\nset-cookie: x=1"],
  ])("400 for %s, never a crash", async (_, path) => {
    const response = await request(path);
    expect(response.status).toBe(400);
    expect(errorOf(response.body).extensions.code).toBe("BAD_REQUEST");
  });

  it.each(["POST", "PUT", "DELETE", "OPTIONS", "PATCH"])("405 for %s", async (method) => {
    const response = await request("/downloads/adult_pb-v1.csv", {}, method);
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe("GET, HEAD");
    expect(errorOf(response.body).extensions.code).toBe("METHOD_NOT_ALLOWED");
  });
});

describe("when the figures change", () => {
  it("builds each file once per cube version, redirects older names and knows no later one", async () => {
    const name = `/downloads/cyp_ehcp-v2-c${cube}`;
    const first = await request(`${name}.csv`);
    await Promise.all([request(`${name}.parquet`), request(`${name}-datapackage.json`), request(`${name}.csv`, {}, "HEAD")]);
    expect(builds.filter((b) => b === `CYP_EHCP-v2-c${cube}`)).toHaveLength(1);
    expect((await request(`/downloads/cyp_ehcp-v2-c${cube + 1}.csv`)).status).toBe(404);
    expect((await request(`/downloads/cyp_ehcp-v2-c${cube + 1}.csv`)).headers["cache-control"]).toBe("no-store");

    await demo.database.db.execute(sql`update cube_version set version = version + 1`);
    const next = (await cubeVersion(demo.database.db)) as number;
    expect(next).toBeGreaterThan(cube);
    const moved = await request(`${name}.csv`);
    expect(moved.status).toBe(307);
    expect(moved.headers.location).toBe(`/downloads/cyp_ehcp-v2-c${next}.csv`);
    expect(JSON.parse(String(moved.body)).message).toContain("the figures have changed");
    const current = await request(moved.headers.location!);
    expect(current.status).toBe(200);
    // The same records give the same bytes: only the name moved.
    expect(current.headers.etag).toBe(first.headers.etag);
    expect(builds.filter((b) => b.startsWith("CYP_EHCP-v2"))).toEqual([`CYP_EHCP-v2-c${cube}`, `CYP_EHCP-v2-c${next}`]);
  });
});
