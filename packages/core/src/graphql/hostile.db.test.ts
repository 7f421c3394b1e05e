import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { useDemoApi } from "../testing/fixtures.ts";
import { MAX_BODY_BYTES, MAX_CREDENTIALED_BODY_BYTES, MAX_VARIABLE_VALUES } from "./http.ts";

// What a hostile newcomer tries, through the real HTTP handler over the demo data: each attempt is
// refused with a clear code, fast, and the server serves the next caller as before.
const demo = useDemoApi();

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const post = (body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
  demo.api.handle({ method: "POST", headers, search: "", body });
const codesOf = (body: string) => (JSON.parse(body).errors ?? []).map((e: { extensions: { code: string } }) => e.extensions.code);

/** Sends the attack, checks it is refused within a second with `code`, and that England still answers. */
async function refused(attempt: () => Promise<{ status: number; body: string }>, code: string, status?: number) {
  const started = performance.now();
  const response = await attempt();
  expect(performance.now() - started).toBeLessThan(1000);
  expect(codesOf(response.body)).toContain(code);
  if (status) expect(response.status).toBe(status);
  expect(await demo.api.data(`{ area(code: "E92000001") { name } }`)).toEqual({ area: { name: "England" } });
}

const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(" ")} }`;

describe("hostile requests", () => {
  it("refuses deep nesting through parent and children before running anything", async () => {
    let nested = `code`;
    for (let i = 0; i < 50; i++) nested = i % 2 ? `parent { ${nested} }` : `children { ${nested} }`;
    await refused(() => demo.api.post(`{ area(code: "E92000001") { ${nested} } }`), "QUERY_TOO_COMPLEX", 400);
    // Within the depth limit, the fan-out is priced instead.
    await refused(() => demo.api.post(`{ area(code: "E92000001") { children { children { children { children { code } } } } } }`), "QUERY_TOO_COMPLEX", 400);
  });

  it("refuses alias floods of every expensive field", async () => {
    const fields = [
      `figureExport(questionSet: CARER, format: JSON) { rowCount }`,
      `areaProfile(questionSet: CARER, area: "E92000001") { band }`,
      `breakdown(questionSet: ADULT_PB, question: "quality_of_life", by: "gender") { band }`,
      `benchmark(questionSet: ADULT_PB, question: "quality_of_life", area: "E92000001") { band }`,
      `trend(questionSet: ADULT_PB, question: "quality_of_life", area: "E92000001") { direction }`,
      `areas(first: 100) { totalCount }`,
    ];
    for (const field of fields) {
      await refused(() => demo.api.post(aliases(1000, field)), "QUERY_TOO_COMPLEX", 400);
      await refused(() => demo.api.post(aliases(21, field)), "QUERY_TOO_COMPLEX", 400);
      // Under the alias limit, the cost decides: 20 exports (about 4.4 s of work) are too many.
      if (/figureExport/.test(field)) await refused(() => demo.api.post(aliases(20, field)), "QUERY_TOO_COMPLEX", 400);
    }
    const priced = await demo.api.query(aliases(3, `areaProfile(questionSet: CARER, area: "E92000001") { band }`));
    expect(priced.errors).toBeUndefined();
    expect(priced.extensions?.cost).toEqual({ requested: 228, limit: 2500 });
  });

  it("refuses documents over the size and token limits unread", async () => {
    const huge = JSON.stringify({ query: `{ ${"__typename ".repeat(500_000)} }` });
    expect(huge.length).toBeGreaterThan(5_000_000);
    await refused(() => post(huge), "PAYLOAD_TOO_LARGE", 413);
    const body = JSON.stringify({ query: `{ ${"__typename ".repeat(5_000)} }` });
    expect(body.length).toBeLessThan(MAX_BODY_BYTES);
    const tokens = await post(body);
    expect(tokens.status).toBe(400);
    expect(codesOf(tokens.body)).toEqual(["QUERY_TOO_COMPLEX"]);
    expect(JSON.parse(tokens.body).errors[0].message).toBe("The query has more than 2000 tokens; the limit is 2000.");
  });

  it("refuses a credentialed body of a million tiny variables before checking their types", async () => {
    // Refused as it is read, before the credential (any will do) is looked up.
    const header = `Bearer poet_AbCd1234_${"x".repeat(43)}`;
    const options = Array.from({ length: 1_000_000 }, () => "x");
    const body = JSON.stringify({
      query: "mutation($r: [ResponseInput!]!) { submitResponses(input: { responses: $r }) { created } }",
      variables: {
        r: [{ externalRef: "A", questionSet: "ADULT_PB", area: "E10000024", collectedOn: "2025-06-01", answers: [{ question: "budget_uses", options }] }],
      },
    });
    expect(body.length).toBeLessThan(MAX_CREDENTIALED_BODY_BYTES);
    const response = await post(body, { "content-type": "application/json", authorization: header });
    expect([response.status, codesOf(response.body)]).toEqual([413, ["PAYLOAD_TOO_LARGE"]]);
    expect(JSON.parse(response.body).errors[0].message).toBe(
      `The variables hold more than ${MAX_VARIABLE_VALUES} values (list items and fields): send fewer at a time`,
    );
  });

  it("refuses unbounded and negative pagination", async () => {
    for (const first of [0, -1, 101, 100_000]) await refused(() => demo.api.post(`{ areas(first: ${first}) { totalCount } }`), "BAD_USER_INPUT");
    await refused(() => demo.api.post(`{ areas(first: 2147483648) { totalCount } }`), "GRAPHQL_VALIDATION_FAILED", 400);
    await refused(() => demo.api.post(`{ areas(first: 5, after: "bm90IGEgY3Vyc29y") { totalCount } }`), "BAD_USER_INPUT");
    await refused(
      () => demo.api.post(`{ areas(first: 5, after: "${Buffer.from("area:E0'; drop table areas").toString("base64url")}") { totalCount } }`),
      "BAD_USER_INPUT",
    );
  });

  it("answers malformed JSON, wrong content types, other methods and batches in the GraphQL error shape", async () => {
    await refused(() => post(`{"query": "{ __typename }"`), "BAD_REQUEST", 400);
    await refused(() => post(`"just a string"`), "BAD_REQUEST", 400);
    await refused(() => post(JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }])), "BAD_REQUEST", 400);
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/graphql"]) {
      await refused(() => post(JSON.stringify({ query: "{ __typename }" }), { "content-type": type }), "UNSUPPORTED_MEDIA_TYPE", 415);
    }
    await refused(() => post(JSON.stringify({ query: "{ __typename }" }), {}), "UNSUPPORTED_MEDIA_TYPE", 415);
    await refused(() => demo.api.handle({ method: "DELETE", headers: {}, search: "" }), "METHOD_NOT_ALLOWED", 405);
    await refused(
      () => demo.api.handle({ method: "GET", headers: {}, search: `query=${encodeURIComponent('mutation { revokeApiKey(prefix: "poet_x") { prefix } }')}` }),
      "BAD_REQUEST",
    );
    const response = await post("not json");
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(response.body).errors[0].extensions.requestId).toBe(response.headers["x-request-id"]);
  });

  it("refuses out-of-range integers", async () => {
    for (const version of [0, -1, 32768]) await refused(() => demo.api.post(`{ questionSet(code: ADULT_PB, version: ${version}) { name } }`), "BAD_USER_INPUT");
    await refused(
      () => demo.api.post(`{ benchmark(questionSet: ADULT_PB, question: "quality_of_life", area: "E92000001", version: 32768) { band } }`),
      "BAD_USER_INPUT",
    );
    await refused(() => demo.api.post(`{ questionSet(code: ADULT_PB, version: 99999999999) { name } }`), "GRAPHQL_VALIDATION_FAILED", 400);
  });

  it("answers control characters in every string argument as BAD_USER_INPUT, never an internal error", async () => {
    const bad = "E0\u00006000001";
    const queries: [string, Record<string, unknown>][] = [
      [`query($s: String!) { area(code: $s) { name } }`, {}],
      [`query($s: String!) { areas(parent: $s) { totalCount } }`, {}],
      [`query($s: String!) { areas(after: $s) { totalCount } }`, {}],
      [`query($s: String!) { benchmark(questionSet: ADULT_PB, question: $s, area: "E92000001") { band } }`, {}],
      [`query($s: String!) { benchmark(questionSet: ADULT_PB, question: "quality_of_life", area: $s) { band } }`, {}],
      [`query($s: String!) { benchmark(questionSet: ADULT_PB, question: "quality_of_life", area: "E92000001", period: { from: $s }) { band } }`, {}],
      [`query($s: String!) { areaProfile(questionSet: ADULT_PB, area: $s) { band } }`, {}],
      [`query($s: String!) { breakdown(questionSet: ADULT_PB, question: $s, by: "gender") { band } }`, {}],
      [`query($s: String!) { breakdown(questionSet: ADULT_PB, question: "quality_of_life", by: $s) { band } }`, {}],
      [`query($s: String!) { breakdown(questionSet: ADULT_PB, question: "quality_of_life", by: "gender", thenBy: $s) { band } }`, {}],
      [`query($s: String!) { breakdown(questionSet: ADULT_PB, question: "quality_of_life", by: "gender", area: $s) { band } }`, {}],
      [`query($s: String!) { trend(questionSet: ADULT_PB, question: $s, area: "E92000001") { direction } }`, {}],
      [`query($s: String!) { association(questionSet: ADULT_PB, process: $s, outcome: "quality_of_life") { summary } }`, {}],
      [`query($s: String!) { association(questionSet: ADULT_PB, process: "ease_getting_budget", outcome: $s) { summary } }`, {}],
      [`query($s: String!) { triangulation(area: $s, theme: "being_heard") { agreement } }`, {}],
      [`query($s: String!) { triangulation(area: "E92000001", theme: $s) { agreement } }`, {}],
      [`query($s: String!) { reportEligibility(area: $s) { threshold } }`, {}],
      [`query($s: String!) { localReport(area: $s, questionSet: CARER) { eligible } }`, {}],
      [`query($s: String!) { localReport(area: "E10000024", questionSet: CARER, period: { from: $s }) { eligible } }`, {}],
      [`query($s: String!) { figureExport(questionSet: CARER, period: { from: "2023-24", to: $s }) { rowCount } }`, {}],
    ];
    for (const [query] of queries) {
      const values = [
        bad,
        "quality\u0000of_life",
        "\u0007",
        ...(/area|code|parent|period/.test(query.split("$s")[0]!.split(/[(,]/).at(-1)!) ? ["e10000024"] : []),
      ];
      for (const value of values) {
        const result = await demo.api.query(query, { s: value });
        expect(
          result.errors?.map((e) => e.extensions?.code),
          `${query} with ${JSON.stringify(value)}`,
        ).toEqual(["BAD_USER_INPUT"]);
      }
    }
  });

  it("treats a GSS code the same way everywhere: lower case is not one", async () => {
    const result = await demo.api.query(
      `{ area(code: "e10000024") { name } benchmark(questionSet: ADULT_PB, question: "quality_of_life", area: "e10000024") { band } }`,
    );
    expect(result.data).toEqual({ area: null, benchmark: null });
    expect(result.errors?.map((e) => [e.path?.[0], e.extensions?.code, e.message])).toEqual([
      ["area", "BAD_USER_INPUT", '`code` "e10000024": is not a GSS code (a capital letter and 8 digits, e.g. E06000001)'],
      ["benchmark", "BAD_USER_INPUT", '`area` "e10000024": is not a GSS code (a capital letter and 8 digits, e.g. E06000001)'],
    ]);
  });

  it("costs one bad alias only its own answer", async () => {
    const field = (area: string) => `benchmark(questionSet: ADULT_PB, question: "quality_of_life", area: "${area}") { area { code } }`;
    const result = await demo.api.query(`{ good: ${field("E12000001")} bad: ${field("E99999999")} alsoGood: ${field("E92000001")} }`);
    expect(result.data).toEqual({ good: { area: { code: "E12000001" } }, bad: null, alsoGood: { area: { code: "E92000001" } } });
    expect(result.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[["bad"], "NOT_FOUND"]]);
  });

  it("refuses every kind of bad credential for the whole request", async () => {
    for (const authorization of [
      "Bearer poet_garbage",
      "Bearer poet_abcdefgh_nope",
      "Basic dXNlcjpwYXNz",
      "Bearer",
      "Bearer a.b.c",
      `Bearer ${"x".repeat(10_000)}`,
    ]) {
      const response = await demo.api.post(`{ about { version } }`, undefined, { authorization });
      expect(response.status, authorization.slice(0, 30)).toBe(401);
      expect(codesOf(response.body)).toEqual(["UNAUTHENTICATED"]);
      expect(response.headers["www-authenticate"]).toBe('Bearer realm="POET API"');
    }
  });

  it("gives its memory back after all of the above", async () => {
    const before = heapMb();
    for (let i = 0; i < 3; i++) {
      await demo.api.post(aliases(19, `figureExport(questionSet: CARER, format: JSON) { rowCount }`));
      await demo.api.post(aliases(3, `figureExport(questionSet: ADULT_PB, format: JSON) { content }`));
      await post(JSON.stringify({ query: `{ ${"__typename ".repeat(600_000)} }` }));
    }
    expect(heapMb() - before).toBeLessThan(64);
  });
});
