import { gunzipSync } from "node:zlib";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGLAND } from "../area/index.ts";
import { publishedCount } from "../figure/disclosure.ts";
import type { FigureSource } from "../figure/source.ts";
import { IMMUTABLE } from "../http/cache.ts";
import { cutRelease, releaseList } from "../release/index.ts";
import type { TestDatabase } from "../testing/database.ts";
import { createSetUpDatabase, useDemoApi } from "../testing/fixtures.ts";
import { systemScope, testCredential } from "../testing/keys.ts";
import { trueCells } from "../testing/truth.ts";
import { buildDownload } from "./build.ts";
import { createDownloadHandler, type DownloadRequest } from "./handler.ts";
import type { DownloadName } from "./names.ts";
import { MAX_SENT_BYTES, MOVING, NO_STORE } from "./respond.ts";

// The HTTP contract: names by release, redirects, caching headers, refusals. The demo data set
// comes with the releases 2025-07 (2022-23 to 2024-25) and 2026-07 (adding 2025-26), the latest.
// Writes: responses are submitted and a release is cut at the end.
const demo = useDemoApi({ writes: true });
const builds: string[] = [];
let handle: ReturnType<typeof createDownloadHandler>;
const LATEST = "2026-07";

beforeAll(() => {
  handle = createDownloadHandler({
    database: demo.database,
    build: (source: FigureSource, name: Required<DownloadName>) => {
      builds.push(`${name.code}-v${name.version}-${name.release}`);
      expect(source.name).toBe(name.release);
      return buildDownload(source, name);
    },
  });
});

type Handle = ReturnType<typeof createDownloadHandler>;
const request = (path: string, headers: Record<string, string> = {}, method = "GET", through: Handle = handle) =>
  through({ method, path, headers, search: "" } satisfies DownloadRequest);
const errorOf = (body: string | Uint8Array) => JSON.parse(String(body)).errors[0];
const csvOf = (body: string | Uint8Array) =>
  Papa.parse<Record<string, string>>(gunzipSync(body as Uint8Array).toString("utf8"), { header: true, skipEmptyLines: true }).data;

describe("GET /downloads/", () => {
  it("lists every version with responses in the latest release, its immutable files and their aliases, and every release, briefly cached", async () => {
    const response = await request("/downloads/");
    expect(response.status).toBe(200);
    expect(response.headers["cache-control"]).toBe(MOVING);
    const index = JSON.parse(String(response.body));
    expect(index).toMatchObject({ release: LATEST, releases: [LATEST, "2025-07"], synthetic_data: true, licenses: [{ name: "OGL-UK-3.0" }] });
    expect(index).not.toHaveProperty("cube_version");
    expect(index.datasets).toHaveLength(12);
    expect(index.datasets[0]).toEqual({
      question_set: "ADULT_PB",
      version: 1,
      title: expect.any(String),
      latest_version: false,
      financial_years: ["2022-23", "2023-24", "2024-25"],
      files: {
        csv: `/downloads/adult_pb-v1-${LATEST}.csv`,
        "csv.gz": `/downloads/adult_pb-v1-${LATEST}.csv.gz`,
        parquet: `/downloads/adult_pb-v1-${LATEST}.parquet`,
        datapackage: `/downloads/adult_pb-v1-${LATEST}-datapackage.json`,
      },
      aliases: {
        csv: "/downloads/adult_pb-v1.csv",
        "csv.gz": "/downloads/adult_pb-v1.csv.gz",
        parquet: "/downloads/adult_pb-v1.parquet",
        datapackage: "/downloads/adult_pb-v1-datapackage.json",
      },
    });
    expect(index.datasets[1]).toMatchObject({ version: 2, latest_version: true, financial_years: ["2025-26"] });
    expect((await request("/downloads")).body).toEqual(response.body);
    expect((await request("/downloads/", { "if-none-match": response.headers.etag! })).status).toBe(304);
    // The same JSON to a program that asks for it, and to any (*/*): the page is for browsers only.
    for (const accept of ["application/json", "*/*", "application/json, text/html"]) {
      const json = await request("/downloads/", { accept });
      expect([json.body, json.headers["content-type"]]).toEqual([response.body, "application/json; charset=utf-8"]);
    }
    expect(response.headers.vary).toBe("accept");
  });

  it("answers a browser with an HTML page: each file's name as a link, its size, release and licence, in a table", async () => {
    const browser = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    const own = createDownloadHandler({ database: demo.database, cacheSize: 2 });
    const page = await request("/downloads/", { accept: browser }, "GET", own);
    expect(page.status).toBe(200);
    expect(page.headers).toMatchObject({ "content-type": "text/html; charset=utf-8", vary: "accept", "cache-control": MOVING });
    expect(page.headers["content-security-policy"]).toContain("default-src 'none'");
    const html = String(page.body);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain(`<title>POET open data downloads (release ${LATEST})</title>`);
    expect(html).toMatch(
      /<table>[\s\S]*<th scope="col">File<\/th>[\s\S]*<th scope="col">Size<\/th>[\s\S]*<th scope="col">Release<\/th>[\s\S]*<th scope="col">Licence<\/th>/,
    );
    // No external asset: every link is to a file here, or the licence; no script, no stylesheet link.
    expect(html).not.toMatch(/<script|<link|src=/);
    const parquet = `/downloads/adult_pb-v1-${LATEST}.parquet`;
    const file = await request(parquet, {}, "GET", own);
    const row = html.split("\n").find((line) => line.includes(`href="${parquet}"`))!;
    expect(row).toContain(`>adult_pb-v1-${LATEST}.parquet</a>`);
    expect(row).toContain(`title="${(file.body as Uint8Array).byteLength} bytes"`);
    expect(row).toContain(`<td>${LATEST}</td>`);
    expect(row).toContain("Open Government Licence v3.0");
    // 12 versions, four files each.
    expect(html.match(/<tr><td><a href="\/downloads\//g)).toHaveLength(48);
    expect(html).not.toContain("not known");
    // Its own ETag: a 304 to it, and not to the JSON's (a cache keeps both, by Accept).
    expect((await request("/downloads", { accept: browser }, "GET", own)).body).toBe(html);
    expect((await request("/downloads/", { accept: browser, "if-none-match": page.headers.etag! }, "GET", own)).status).toBe(304);
    const json = await request("/downloads/", {}, "GET", own);
    expect(json.headers.etag).not.toBe(page.headers.etag);
    expect((await request("/downloads/", { accept: browser, "if-none-match": json.headers.etag! }, "GET", own)).status).toBe(200);
    const head = await request("/downloads/", { accept: browser }, "HEAD", own);
    expect([head.status, head.body, head.headers.etag]).toEqual([200, "", page.headers.etag]);
  });
});

describe("a release's file", () => {
  it("is kept a year, with a strong ETag, and answers 304 to it", async () => {
    const response = await request(`/downloads/carer-v2-${LATEST}.parquet`);
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({
      "cache-control": IMMUTABLE,
      "content-type": "application/vnd.apache.parquet",
      "content-disposition": `attachment; filename="carer-v2-${LATEST}.parquet"`,
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
    const again = await request(`/downloads/carer-v2-${LATEST}.parquet`, { "If-None-Match": `W/"x", ${response.headers.etag}` });
    expect(again).toMatchObject({ status: 304, body: "" });
    expect(again.headers["cache-control"]).toBe(IMMUTABLE);
  });

  it("answers HEAD with GET's headers and no body", async () => {
    const get = await request(`/downloads/carer-v2-${LATEST}.csv`);
    const head = await request(`/downloads/carer-v2-${LATEST}.csv`, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    expect({ ...head.headers, "x-request-id": "" }).toEqual({ ...get.headers, "x-request-id": "" });
    expect(head.headers["content-length"]).toBe(String(Buffer.byteLength(String(get.body))));
  });

  it("sends a CSV gzipped to those who accept it, as its own representation", async () => {
    const plain = await request(`/downloads/carer-v2-${LATEST}.csv`);
    const gzipped = await request(`/downloads/carer-v2-${LATEST}.csv`, { "accept-encoding": "gzip, deflate, br" });
    expect(plain.headers).toMatchObject({ "content-type": "text/csv; charset=utf-8", vary: "accept-encoding" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(gzipped.headers).toMatchObject({ "content-type": "text/csv; charset=utf-8", "content-encoding": "gzip", vary: "accept-encoding" });
    expect(gunzipSync(gzipped.body as Uint8Array).toString("utf8")).toBe(plain.body);
    expect(gzipped.headers.etag).not.toBe(plain.headers.etag);
    const gz = await request(`/downloads/carer-v2-${LATEST}.csv.gz`);
    expect(gz.headers["content-type"]).toBe("application/gzip");
    expect(gz.headers["content-encoding"]).toBeUndefined();
    expect(Buffer.from(gz.body as Uint8Array)).toEqual(Buffer.from(gzipped.body as Uint8Array));
  });

  it("refuses to send a CSV too large for Lambda uncompressed, and names the ways to get it", async () => {
    const response = await request(`/downloads/adult_pb-v1-${LATEST}.csv`);
    // The demo data's largest CSV is larger than a Lambda answer; if it ever is not, this test says so.
    expect(response.status).toBe(406);
    expect(errorOf(response.body)).toMatchObject({ extensions: { code: "RESPONSE_TOO_LARGE" } });
    expect(errorOf(response.body).message).toContain(`/downloads/adult_pb-v1-${LATEST}.csv.gz`);
    const gzipped = await request(`/downloads/adult_pb-v1-${LATEST}.csv`, { "accept-encoding": "gzip" });
    expect(gzipped.status).toBe(200);
    expect(gunzipSync(gzipped.body as Uint8Array).byteLength).toBeGreaterThan(MAX_SENT_BYTES);
  });

  it("stays for every earlier release, holding the years that release published", async () => {
    const older = await request("/downloads/carer-v1-2025-07-datapackage.json");
    expect(older.status).toBe(200);
    expect(older.headers["cache-control"]).toBe(IMMUTABLE);
    expect(JSON.parse(String(older.body))).toMatchObject({ release: "2025-07", financial_years: ["2022-23", "2023-24", "2024-25"] });
    const csv = await request("/downloads/carer-v1-2025-07.csv.gz");
    expect(csv.status).toBe(200);
    expect(new Set(csvOf(csv.body).map((r) => r.financial_year))).toEqual(new Set(["2022-23", "2023-24", "2024-25"]));
    // England's figures of a year are the same in every release that holds it: a published year is final
    // (each row also names its file's release).
    expect(new Set(csvOf(csv.body).map((r) => r.release))).toEqual(new Set(["2025-07"]));
    const england = (rows: Record<string, string>[]) => rows.filter((r) => r.area_code === ENGLAND).map(({ release: _, ...figures }) => figures);
    const latest = await request(`/downloads/carer-v1-${LATEST}.csv.gz`);
    expect(england(csvOf(latest.body))).toEqual(england(csvOf(csv.body)));
    expect(england(csvOf(csv.body)).filter((r) => r.status === "AVAILABLE").length).toBeGreaterThan(0);
    // Version 2 was first answered in 2025-26, which 2025-07 does not hold.
    const none = await request("/downloads/carer-v2-2025-07.csv");
    expect(none.status).toBe(404);
    expect(errorOf(none.body).extensions.code).toBe("NOT_FOUND");
  });
});

describe("an alias", () => {
  it.each([
    ["/downloads/phb-v1.csv", "phb-v1", ".csv"],
    ["/downloads/phb-v1-datapackage.json", "phb-v1", "-datapackage.json"],
    ["/downloads/phb.parquet", "phb-v2", ".parquet"],
  ])("%s redirects, briefly cached, to the latest release's file", async (path, base, suffix) => {
    const response = await request(path);
    expect(response.status).toBe(307);
    expect(response.headers).toMatchObject({ location: `/downloads/${base}-${LATEST}${suffix}`, "cache-control": MOVING });
    const body = JSON.parse(String(response.body));
    expect(body.location).toBe(response.headers.location);
    expect(body.message).toContain(`the latest release's file (${LATEST})`);
    expect((await request(response.headers.location!, { "accept-encoding": "gzip" })).status).toBe(200);
  });
});

describe("refusals", () => {
  it.each([
    ["/downloads/adult_pb-v9.csv", "a version that does not exist"],
    [`/downloads/adult_pb-v9-${LATEST}.csv`, "a version that does not exist, in a release"],
    [`/downloads/adult_pb-${LATEST}.csv`, "a release without a version"],
    [`/downloads/adult_pb-v01-${LATEST}.csv`, "a version with a leading zero"],
    ["/downloads/adult_pb-v1-c7.csv", "a cube version, as names had before releases"],
    ["/downloads/nothing.csv", "an unknown question set"],
    [`/downloads/adult_pb-v1-${LATEST}.xlsx`, "an unknown format"],
    ["/downloads/../graphql", "a path that climbs"],
    ["/downloads/..%2F..%2Fetc%2Fpasswd", "an encoded climb"],
    ["/graphql", "another route"],
  ])("404 for %s (%s), in the API's error shape", async (path) => {
    const response = await request(path);
    expect(response.status).toBe(404);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(errorOf(response.body)).toMatchObject({ message: expect.any(String), extensions: { code: "NOT_FOUND" } });
  });

  it.each(["2099-01", "2026-07-b"])("404, never cached, for a release not cut (%s): it may be cut later", async (release) => {
    for (const path of [`/downloads/carer-v2-${release}.csv`, `/downloads/carer-v2-${release}-datapackage.json`]) {
      const response = await request(path);
      expect(response.status, path).toBe(404);
      expect(response.headers["cache-control"], path).toBe(NO_STORE);
      expect(errorOf(response.body).extensions.code).toBe("NOT_FOUND");
    }
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

describe("every answer", () => {
  it("tells browsers never to sniff a content type: files, the index, 304s, redirects and refusals", async () => {
    const file = await request(`/downloads/carer-v2-${LATEST}.csv`);
    const index = await request("/downloads/");
    const answers = [
      file,
      await request(`/downloads/carer-v2-${LATEST}.csv`, { "if-none-match": file.headers.etag! }),
      await request(`/downloads/carer-v2-${LATEST}.csv`, { "if-none-match": "*" }),
      await request(`/downloads/carer-v2-${LATEST}.parquet`, {}, "HEAD"),
      index,
      await request("/downloads/", { "if-none-match": index.headers.etag! }),
      await request("/downloads/carer-v2.csv"),
      await request(`/downloads/adult_pb-v1-${LATEST}.csv`),
      await request("/downloads/nothing.csv"),
      await request("/downloads/2099-01/carer.csv"),
      await request("/downloads/adult_pb\u0007.csv"),
      await request("/downloads/carer.csv", {}, "POST"),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 304, 304, 200, 200, 304, 307, 406, 404, 404, 400, 405]);
    for (const answer of answers) expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  });
});

describe("builds", () => {
  it("build each file once per release, however many ask at once", async () => {
    const name = `/downloads/cyp_ehcp-v2-${LATEST}`;
    await Promise.all([request(`${name}.csv`), request(`${name}.parquet`), request(`${name}-datapackage.json`), request(`${name}.csv`, {}, "HEAD")]);
    expect(await request(`${name}.csv.gz`)).toMatchObject({ status: 200 });
    expect(builds.filter((b) => b === `CYP_EHCP-v2-${LATEST}`)).toHaveLength(1);
    await request("/downloads/cyp_ehcp-v1-2025-07.csv.gz");
    expect(builds.filter((b) => b.startsWith("CYP_EHCP-v1"))).toEqual(["CYP_EHCP-v1-2025-07"]);
  });
});

const SUBMIT = `mutation($responses: [ResponseInput!]!) { submitResponses(input: { responses: $responses }) { created rejected } }`;
const OUTCOMES = ["worse", "no_change", "better"];
const AREA = "E06000001";

/** ADULT_PB (version 2) responses from one council collected on a day: quality of life worse, no change and better in turn. */
const responses = (prefix: string, collectedOn: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    externalRef: `${prefix}-${i}`,
    questionSet: "ADULT_PB",
    area: AREA,
    collectedOn,
    collectionMode: "ONLINE",
    completedBy: "SELF",
    answers: [
      { question: "help_to_plan", option: i % 2 ? "yes" : "no" },
      { question: "quality_of_life", option: OUTCOMES[i % 3] },
      { question: "gender", option: i % 2 ? "female" : "male" },
      { question: "budget_uses", options: ["home_care"] },
    ],
  }));

describe("a release is final", () => {
  it("leaves its files as they are after responses arrive; a later release publishes a new year, and every release's files stay", async () => {
    const before = await request(`/downloads/adult_pb-v2-${LATEST}.csv.gz`);
    expect(before.status).toBe(200);

    // 2025-26 was published by 2026-07; 2026-27 by no release yet.
    const council = await testCredential(demo.database.db, { type: "COUNCIL", areas: [AREA] });
    const auth = { authorization: council.header };
    expect((await demo.api.data(SUBMIT, { responses: responses("late", "2025-09-01", 12) }, auth)).submitResponses).toEqual({ created: 12, rejected: 0 });
    expect((await demo.api.data(SUBMIT, { responses: responses("next", "2026-06-01", 36) }, auth)).submitResponses).toEqual({ created: 36, rejected: 0 });

    // A handler with nothing built yet builds the same bytes: the responses are not in the release.
    const fresh = createDownloadHandler({ database: demo.database });
    const after = await request(`/downloads/adult_pb-v2-${LATEST}.csv.gz`, {}, "GET", fresh);
    expect(after.status).toBe(200);
    expect(after.headers.etag).toBe(before.headers.etag);
    expect(JSON.parse(String((await request("/downloads/", {}, "GET", fresh)).body)).release).toBe(LATEST);
    // The council reads its own responses live, exact; nobody else reads live figures.
    const LIVE = `query($y: String!) { benchmark(questionSet: ADULT_PB, question: "quality_of_life", area: "${AREA}", version: 2, period: { from: $y }, release: "LIVE") {
      release value { numerator denominator disclosure } } }`;
    expect((await demo.api.data(LIVE, { y: "2025-26" }, auth)).benchmark).toEqual({
      release: "LIVE",
      value: { numerator: 4, denominator: 12, disclosure: "EXACT" },
    });
    expect(await demo.api.errorCodes(LIVE, { y: "2025-26" })).toEqual(["FORBIDDEN"]);

    // A release cut once 2026-27 may be published holds it; 2025-26 stays as it was published.
    const release = await cutRelease(systemScope(demo.database.db), { name: "2027-07", asOf: "2027-07-01" });
    expect(release).toMatchObject({ name: "2027-07", newYears: [2026] });
    expect((await releaseList(demo.database.db)).map((r) => r.name)).toEqual(["2027-07", LATEST, "2025-07"]);
    const index = JSON.parse(String((await request("/downloads/", {}, "GET", fresh)).body));
    expect(index).toMatchObject({ release: "2027-07", releases: ["2027-07", LATEST, "2025-07"] });
    expect(index.datasets.find((d: { question_set: string; version: number }) => d.question_set === "ADULT_PB" && d.version === 2)).toMatchObject({
      financial_years: ["2025-26", "2026-27"],
      files: { "csv.gz": "/downloads/adult_pb-v2-2027-07.csv.gz" },
    });
    const moved = await request("/downloads/adult_pb-v2.csv.gz", {}, "GET", fresh);
    expect(moved).toMatchObject({ status: 307, headers: { location: "/downloads/adult_pb-v2-2027-07.csv.gz", "cache-control": MOVING } });
    const next = await request(moved.headers.location!, {}, "GET", fresh);
    expect(next.status).toBe(200);
    const rows = csvOf(next.body).filter((r) => r.area_code === ENGLAND && r.question_code === "quality_of_life");
    const published = csvOf(before.body).filter((r) => r.area_code === ENGLAND && r.question_code === "quality_of_life");
    const figures = ({ release: _, ...rest }: Record<string, string>) => rest;
    expect(rows.filter((r) => r.financial_year === "2025-26").map(figures)).toEqual(published.map(figures));
    // England's 2026-27: the 36 responses, published like every count.
    const truth = await trueCells(demo.database.db, { questionSet: "ADULT_PB", area: ENGLAND, question: "quality_of_life", from: 2026, to: 2026 });
    expect(truth.answered.count).toBe(36);
    const positive = rows.find((r) => r.financial_year === "2026-27" && r.band === "POSITIVE")!;
    expect(positive).toMatchObject({ status: "AVAILABLE", disclosure: "ROUNDED" });
    expect([Number(positive.numerator), Number(positive.denominator)]).toEqual([publishedCount(truth.POSITIVE), publishedCount(truth.answered)]);

    // The earlier releases' files are still served, unchanged.
    const old = await request(`/downloads/adult_pb-v2-${LATEST}.csv.gz`, { "if-none-match": before.headers.etag! }, "GET", fresh);
    expect(old).toMatchObject({ status: 304, headers: { "cache-control": IMMUTABLE, etag: before.headers.etag } });
    expect((await request("/downloads/adult_pb-v1-2025-07.parquet", {}, "GET", fresh)).status).toBe(200);
  });
});

describe("before any release is cut", () => {
  let empty: TestDatabase;
  beforeAll(async () => {
    empty = await createSetUpDatabase();
  });
  afterAll(() => empty?.close());

  it("answers 404 for the index, every alias and every file, and lets nobody keep the answer", async () => {
    const none = createDownloadHandler({ database: empty });
    for (const path of ["/downloads/", "/downloads", "/downloads/carer.csv", "/downloads/carer-v2.parquet", `/downloads/carer-v2-${LATEST}.csv`]) {
      const response = await request(path, {}, "GET", none);
      expect(response.status, path).toBe(404);
      expect(response.headers["cache-control"], path).toBe(NO_STORE);
      expect(errorOf(response.body).extensions.code, path).toBe("NOT_FOUND");
    }
    expect(errorOf((await request("/downloads/", {}, "GET", none)).body).message).toContain("No release has been cut yet");
  });
});
