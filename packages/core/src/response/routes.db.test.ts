import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../db/types.ts";
import type { TestDatabase } from "../testing/database.ts";
import { createSetUpDatabase } from "../testing/fixtures.ts";
import { systemScope, testCredential } from "../testing/keys.ts";
import { importResponses, submitResponses } from "./index.ts";
import { responses } from "./response.sql.ts";

// Issue 27: a response sent through `submitResponses` and the same response in an import file are
// stored alike. ADULT_PB (both versions) asks "Who filled in this form?" as its own `completed_by`
// question, which a response's `completedBy` answers on either route.
let database: TestDatabase;

beforeAll(async () => {
  database = await createSetUpDatabase();
  await testCredential(database.db, { type: "COUNCIL", slug: "two-routes", areas: ["E06000001"] });
});
afterAll(() => database?.close());

type Case = { version: number; completedBy: string; csvCompletedBy: string; also?: Record<string, string> };
const CASES: Record<string, Case> = {
  "v2-self": { version: 2, completedBy: "SELF", csvCompletedBy: "Self" },
  "v2-help": { version: 2, completedBy: "WITH_HELP", csvCompletedBy: "with help" },
  "v2-behalf": { version: 2, completedBy: "ON_BEHALF", csvCompletedBy: "ON_BEHALF" },
  "v2-unknown": { version: 2, completedBy: "UNKNOWN", csvCompletedBy: "unknown" },
  "v2-said-twice": { version: 2, completedBy: "WITH_HELP", csvCompletedBy: "WITH_HELP", also: { completed_by: "with_help" } },
  "v1-self": { version: 1, completedBy: "SELF", csvCompletedBy: "SELF" },
};

const submitted = (ref: string, c: Case) => ({
  externalRef: ref,
  questionSet: "ADULT_PB",
  version: c.version,
  area: "E06000001",
  collectedOn: "2025-06-01",
  collectionMode: "ONLINE",
  completedBy: c.completedBy,
  comment: "Fine",
  answers: [
    { question: "help_to_plan", option: "yes" },
    { question: "gender", option: "female" },
    ...Object.entries(c.also ?? {}).map(([question, option]) => ({ question, option })),
  ],
});

/** A stored response as both routes must leave it: everything but its id, reference, record key (drawn at random) and times. */
async function stored(refs: string[]) {
  const rows = await database.db.select().from(responses).where(inArray(responses.externalRef, refs));
  return Object.fromEntries(
    rows.map(({ id, externalRef, recordKey, createdAt, correctedAt, withdrawnAt, ...rest }) => {
      expect([typeof id, typeof recordKey, createdAt, correctedAt, withdrawnAt]).toEqual(["number", "number", expect.any(Date), null, null]);
      return [externalRef.split(":")[1], rest];
    }),
  );
}

describe("submitResponses and importResponses, given the same response", () => {
  it("store the same row: the same details, the same answers (ADULT_PB's own completed_by too) and the same content digest", async () => {
    const names = Object.keys(CASES);
    const result = await submitResponses(
      systemScope(database.db),
      { responses: names.map((name) => submitted(`api:${name}`, CASES[name]!)) },
      { organisation: "two-routes" },
    );
    expect(result.results.map((r) => [r.externalRef, r.status, r.errors])).toEqual(names.map((name) => [`api:${name}`, "CREATED", []]));

    const header = "external_ref,version,area,collected_on,collection_mode,completed_by,comment,help_to_plan,gender";
    const lines = names.map((name) => {
      const c = CASES[name]!;
      if (c.also) expect(Object.keys(c.also)).toEqual(["completed_by"]); // the import's completed_by column says it
      return `csv:${name},${c.version},E06000001,01/06/2025,online,${c.csvCompletedBy},Fine,Yes,Female`;
    });
    const imported = await importResponses(systemScope(database.db), [header, ...lines].join("\n"), { organisation: "two-routes", questionSet: "ADULT_PB" });
    expect(imported).toMatchObject({ created: names.length, rejected: 0, errors: [] });

    const api = await stored(names.map((n) => `api:${n}`));
    const csv = await stored(names.map((n) => `csv:${n}`));
    expect(Object.keys(api).sort()).toEqual([...names].sort());
    expect(csv).toEqual(api);

    // Which answer each stored: the form's completed_by question says who filled it in, where one of its options does.
    const completedByAnswers = await queryRows<{ ref: string; option: string | null }>(
      database.db,
      sql`select r.external_ref as ref, (select o.code from answers a join questions q on q.id = a.question_id join scale_options o on o.id = a.option_id
            where a.response_id = r.id and q.code = 'completed_by') as option
          from responses r where r.external_ref like 'api:%' order by 1`,
    );
    expect(Object.fromEntries(completedByAnswers.map((r) => [r.ref, r.option]))).toEqual({
      "api:v1-self": "self",
      "api:v2-behalf": "on_behalf",
      "api:v2-help": "with_help",
      "api:v2-said-twice": "with_help",
      "api:v2-self": "self",
      "api:v2-unknown": null,
    });
  });

  it("refuse a completed_by answer that contradicts completedBy, as one response cannot say two things", async () => {
    const contradicting = [
      {
        ...submitted("api:contra-1", CASES["v2-self"]!),
        answers: [...submitted("x", CASES["v2-self"]!).answers, { question: "completed_by", option: "on_behalf" }],
      },
      {
        ...submitted("api:contra-2", CASES["v2-unknown"]!),
        answers: [...submitted("x", CASES["v2-unknown"]!).answers, { question: "completed_by", option: "self" }],
      },
    ];
    const result = await submitResponses(systemScope(database.db), { responses: contradicting, dryRun: true }, { organisation: "two-routes" });
    expect(result.results.map((r) => r.errors.map((e) => [e.path, e.code]))).toEqual([
      [[["answers", "2"], "COMPLETED_BY_MISMATCH"]],
      [[["answers", "2"], "COMPLETED_BY_MISMATCH"]],
    ]);
  });
});
