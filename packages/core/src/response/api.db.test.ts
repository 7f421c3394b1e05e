import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyFigureCubes } from "../figure/aggregate.ts";
import { revokeApiKey } from "../organisation/index.ts";
import { cutRelease } from "../release/index.ts";
import type { TestDatabase } from "../testing/database.ts";
import { createSetUpDatabase } from "../testing/fixtures.ts";
import { createTestClient } from "../testing/graphql.ts";
import { systemScope, testCredential } from "../testing/keys.ts";

// Sending and reading responses over the real HTTP handler, as a membership portal does.
let database: TestDatabase;
let api: ReturnType<typeof createTestClient>;
const as: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  database = await createSetUpDatabase();
  api = createTestClient(database);
  const db = database.db;
  const header = (key: { header: string }) => ({ authorization: key.header });
  as.member = header(await testCredential(db, { type: "COUNCIL", slug: "portal-council", areas: ["E06000001"] }));
  as.neighbour = header(await testCredential(db, { type: "COUNCIL", slug: "portal-neighbour", areas: ["E06000002"] }));
  as.researcher = header(await testCredential(db, { type: "RESEARCH" }));
  const revoked = await testCredential(db, { type: "COUNCIL", areas: ["E06000001"] });
  await revokeApiKey(systemScope(db), revoked.prefix);
  as.revoked = header(revoked);
  as.anonymous = {};
});
afterAll(() => database?.close());

const SUBMIT = `mutation($responses: [ResponseInput!]!, $dryRun: Boolean! = false) {
  submitResponses(input: { responses: $responses, dryRun: $dryRun }) {
    created unchanged replaced rejected
    results { index externalRef status errors { path code } response { externalRef collectedOn answers { question option options } } }
  }
}`;

const response = (externalRef: string, area: string, option = "better") => ({
  externalRef,
  questionSet: "ADULT_PB",
  area,
  collectedOn: "2025-06-01",
  collectionMode: "PAPER",
  completedBy: "WITH_HELP",
  answers: [
    { question: "quality_of_life", option },
    { question: "budget_uses", options: ["equipment", "home_care"] },
  ],
});

describe("figures before any response is sent", () => {
  it("say no release has been cut, before the first", async () => {
    const result = await api.query(`{ benchmark(questionSet: ADULT_PB, question: "quality_of_life", area: "E92000001") { value { status } } }`);
    expect(result.errors?.[0]?.extensions).toEqual({ code: "NOT_FOUND", argument: "release" });
    expect(result.errors?.[0]?.message).toMatch(/^No release has been cut yet/);
  });

  it("say there is no data, in a release cut before any", async () => {
    await cutRelease(systemScope(database.db), { name: "2026-07", asOf: "2026-07-01" });
    const { association } = await api.data(
      `{ association(questionSet: ADULT_PB, process: "help_to_plan", outcome: "quality_of_life", area: "E92000001") { status table { exposedPositive } } }`,
    );
    expect(association).toEqual({ status: "NO_DATA", table: null });
    const { breakdown } = await api.data(
      `{ breakdown(questionSet: ADULT_PB, question: "quality_of_life", by: "gender", area: "E92000001") { categories { option { code } measure { status numerator } } } }`,
    );
    // A category with no answers is shown as one with too few: a true zero must not stand out.
    expect(breakdown.categories).toEqual(["female", "male", "other"].map((code) => ({ option: { code }, measure: { status: "SUPPRESSED", numerator: null } })));
  });
});

describe("submitResponses over HTTP", () => {
  it("stores the responses for the caller's areas and rejects, alone, one for an area it does not cover", async () => {
    const { submitResponses } = await api.data(SUBMIT, { responses: [response("P-1", "E06000001"), response("P-2", "E06000002")] }, as.member);
    expect(submitResponses).toEqual({
      created: 1,
      unchanged: 0,
      replaced: 0,
      rejected: 1,
      results: [
        {
          index: 0,
          externalRef: "P-1",
          status: "CREATED",
          errors: [],
          response: {
            externalRef: "P-1",
            collectedOn: "2025-06-01",
            answers: [
              { question: "budget_uses", option: null, options: ["home_care", "equipment"] },
              { question: "quality_of_life", option: "better", options: ["better"] },
              // The form's own "Who filled in this form?", which completedBy answers.
              { question: "completed_by", option: "with_help", options: ["with_help"] },
            ],
          },
        },
        { index: 1, externalRef: "P-2", status: "REJECTED", errors: [{ path: ["area"], code: "FORBIDDEN" }], response: null },
      ],
    });
    expect(await verifyFigureCubes(database.db)).toEqual([]);
  });

  it.each([
    ["anonymous", "UNAUTHENTICATED"],
    ["revoked", "UNAUTHENTICATED"],
    ["researcher", "FORBIDDEN"],
  ])("refuses a %s caller with %s, writing nothing", async (caller, code) => {
    expect(await api.errorCodes(SUBMIT, { responses: [response("P-refused", "E06000001")] }, as[caller])).toEqual([code]);
    const mine = await api.data(`{ response(externalRef: "P-refused") { externalRef } }`, undefined, as.member);
    expect(mine.response).toBeNull();
  });

  it.each([true, false])(
    'rejects "not applicable" ticked with another option, and only "not applicable" graded answers, with their codes (dry run: %s)',
    async (dryRun) => {
      const [other, only] = [response(`P-na-other-${dryRun}`, "E06000001"), response(`P-na-only-${dryRun}`, "E06000001", "not_applicable")];
      other.answers[1] = { question: "budget_uses", options: ["equipment", "not_applicable"] };
      only.answers[1] = { question: "budget_uses", options: ["not_applicable"] };
      const { submitResponses } = await api.data(SUBMIT, { responses: [other, only], dryRun }, as.member);
      expect(submitResponses).toMatchObject({ created: 0, rejected: 2 });
      expect(submitResponses.results.map((r: { status: string; errors: unknown[] }) => [r.status, r.errors])).toEqual([
        ["REJECTED", [{ path: ["answers", "1", "options"], code: "EXCLUSIVE_OPTION" }]],
        ["REJECTED", [{ path: ["answers"], code: "NO_GRADED_ANSWER" }]],
      ]);
    },
  );

  it("stores a reference composed and trimmed, finds it in the form sent, and refuses half a surrogate pair in a comment", async () => {
    // An organisation of its own, so that the member's rows stay as the tests below expect.
    const own = { authorization: (await testCredential(database.db, { type: "COUNCIL", areas: ["E06000001"] })).header };
    const { submitResponses } = await api.data(SUBMIT, { responses: [response(" Cafe\u0301-9 ", "E06000001")] }, own);
    expect(submitResponses.results[0]).toMatchObject({ status: "CREATED", externalRef: " Cafe\u0301-9 ", response: { externalRef: "Caf\u00e9-9" } });
    const found = await api.data(`query($ref: String!) { response(externalRef: $ref) { externalRef } }`, { ref: "Cafe\u0301-9" }, own);
    expect(found.response).toEqual({ externalRef: "Caf\u00e9-9" });
    const withdrawn = await api.data(
      `mutation($refs: [String!]!) { withdrawResponses(externalRefs: $refs) { withdrawn results { externalRef status } } }`,
      { refs: ["Caf\u00e9-9\n"] },
      own,
    );
    expect(withdrawn.withdrawResponses).toEqual({ withdrawn: 1, results: [{ externalRef: "Caf\u00e9-9\n", status: "WITHDRAWN" }] });
    const half = { ...response("P-half", "E06000001"), comment: "half \ud83d" };
    const rejected = await api.data(SUBMIT, { responses: [half], dryRun: true }, own);
    expect(rejected.submitResponses.results[0]).toMatchObject({ status: "REJECTED", errors: [{ path: ["comment"], code: "INVALID_COMMENT" }] });
  });

  it("refuses a batch of more than 100 as BAD_USER_INPUT", async () => {
    const responses = Array.from({ length: 101 }, (_, i) => response(`P-big-${i}`, "E06000001"));
    expect(await api.errorCodes(SUBMIT, { responses }, as.member)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("reading responses back", () => {
  it("gives a member its own rows and nobody else any", async () => {
    const own = await api.data(`{ responses(first: 10) { edges { node { externalRef area { code } questionSet { code version } } } } }`, undefined, as.member);
    expect(own.responses.edges).toEqual([{ node: { externalRef: "P-1", area: { code: "E06000001" }, questionSet: { code: "ADULT_PB", version: 2 } } }]);
    const theirs = await api.data(`{ responses(first: 10) { edges { cursor } } response(externalRef: "P-1") { externalRef } }`, undefined, as.neighbour);
    expect(theirs).toEqual({ responses: { edges: [] }, response: null });
    for (const caller of ["anonymous", "revoked", "researcher"]) {
      const result = await api.query(`{ responses(first: 10) { edges { cursor } } }`, undefined, as[caller]);
      expect(result.data?.responses ?? null).toBeNull();
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual([caller === "researcher" ? "FORBIDDEN" : "UNAUTHENTICATED"]);
    }
  });

  it("withdraws a response: it keeps only its reference and dates, and is listed as withdrawn", async () => {
    const { withdrawResponses } = await api.data(
      `mutation { withdrawResponses(externalRefs: ["P-1"]) { withdrawn notFound results { externalRef status response { collectedOn answers { question } withdrawnAt } } } }`,
      undefined,
      as.member,
    );
    expect(withdrawResponses).toEqual({
      withdrawn: 1,
      notFound: 0,
      results: [{ externalRef: "P-1", status: "WITHDRAWN", response: { collectedOn: null, answers: [], withdrawnAt: expect.any(String) } }],
    });
    const listed = await api.data(
      `{ live: responses { edges { cursor } } gone: responses(filter: { withdrawn: true }) { edges { node { externalRef } } } }`,
      undefined,
      as.member,
    );
    expect(listed).toEqual({ live: { edges: [] }, gone: { edges: [{ node: { externalRef: "P-1" } }] } });
    const again = await api.data(SUBMIT, { responses: [response("P-1", "E06000001")] }, as.member);
    expect(again.submitResponses.results[0]).toMatchObject({ status: "REJECTED", errors: [{ path: ["externalRef"], code: "WITHDRAWN" }] });
    expect(await verifyFigureCubes(database.db)).toEqual([]);
  });
});

describe("the README's member examples", () => {
  const readme = readFileSync(new URL("../../../../README.md", import.meta.url), "utf8");
  const examples = [...readme.matchAll(/```graphql member\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it("send, import, read live figures, read back and withdraw, each without an error or a rejection", async () => {
    expect(examples).toHaveLength(5);
    const answers = [];
    for (const query of examples) {
      const result = await api.query(query, undefined, as.member);
      expect(result.errors, query).toBeUndefined();
      answers.push(result.data);
    }
    const [submitted, imported, live, listed, withdrawn] = answers as Record<string, any>[];
    expect(submitted!.submitResponses).toMatchObject({ created: 1, rejected: 0 });
    expect(imported!.importResponses).toMatchObject({ rows: 1, created: 1, rejected: 0, written: true });
    // Both answered "better" or "a lot better": the member's own two, exact, at once.
    expect(live!.benchmark).toMatchObject({ release: "LIVE", value: { numerator: 2, denominator: 2, disclosure: "EXACT" } });
    expect(listed!.responses.edges.map((e: { node: { externalRef: string } }) => e.node.externalRef)).toEqual(["HPL-2025-0002", "HPL-2025-0001"]);
    expect(withdrawn!.withdrawResponses).toMatchObject({ withdrawn: 1, notFound: 0 });
  });
});
