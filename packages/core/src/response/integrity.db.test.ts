import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../db/types.ts";
import type { TestDatabase } from "../testing/database.ts";
import { createSetUpDatabase } from "../testing/fixtures.ts";
import { systemScope, testCredential } from "../testing/keys.ts";
import { submitResponses } from "./index.ts";

// A response's references and its choices are checked per statement by triggers (migrations
// 0008_reference_checks_by_key, 0009_answers_in_the_response), not by row-by-row foreign keys:
// each way one can break must still be refused.
let database: TestDatabase;
let responseId: number;
/** Where CHECK-1 (ADULT_PB, the latest version) holds its answers: quality_of_life and the multi-tick budget_uses. */
let at: { length: number; quality: number; uses: number; qualityOption: number; unused: number };

beforeAll(async () => {
  database = await createSetUpDatabase();
  await testCredential(database.db, { type: "COUNCIL", slug: "checks", areas: ["E06000001"] });
  const result = await submitResponses(
    systemScope(database.db),
    {
      responses: [
        {
          externalRef: "CHECK-1",
          questionSet: "ADULT_PB",
          area: "E06000001",
          collectedOn: "2025-06-01",
          collectionMode: "ONLINE",
          completedBy: "SELF",
          answers: [{ question: "help_to_plan", option: "yes" }],
          correction: false,
        },
      ],
    },
    { organisation: "checks" },
  );
  expect(result.created).toBe(1);
  [{ id: responseId }] = (await queryRows<{ id: number }>(database.db, sql`select id from responses where external_ref = 'CHECK-1'`)) as [{ id: number }];
  [at] = (await queryRows<typeof at>(
    database.db,
    sql`select cardinality(r.choices) as length,
          (select position + 1 from questions where question_set_id = r.question_set_id and code = 'quality_of_life') as quality,
          (select position + 1 from questions where question_set_id = r.question_set_id and code = 'budget_uses') as uses,
          (select o.id from questions q join scale_options o on o.scale_id = q.scale_id
            where q.question_set_id = r.question_set_id and q.code = 'quality_of_life' and o.position = 2) as "qualityOption",
          (select count(*) from scale_options o join questions q on q.scale_id = o.scale_id
            where q.question_set_id = r.question_set_id and q.code = 'quality_of_life')::int as unused
        from responses r where r.id = ${responseId}`,
  )) as [typeof at];
});
afterAll(() => database?.close());

/** CHECK-1's choices with `element` (1-based) set to `value`. */
const setChoice = (element: number, value: SQL | number) =>
  database.db.execute(sql`update responses set choices[${element}] = ${value} where id = ${responseId}`);
/** The SQLSTATE a statement fails with, or null when it succeeds. */
const failure = (statement: Promise<unknown>) =>
  statement.then(
    () => null,
    (e: { code?: string; cause?: { code?: string } }) => e.code ?? e.cause?.code ?? "unknown",
  );
const refused = async (statement: Promise<unknown>, code = "23503") => expect(await failure(statement), "the statement should have been refused").toBe(code);
const misfit = (statement: Promise<unknown>) => refused(statement, "23514");
const answersOf = async (id: number) =>
  queryRows<{ question: string; option: string }>(
    database.db,
    sql`select q.code as question, o.code as option from answers a join questions q on q.id = a.question_id join scale_options o on o.id = a.option_id
        where a.response_id = ${id} order by q.position, o.position`,
  );

describe("a response's choices, checked per statement", () => {
  it("accepts an option on the question's scale, and several ticks of a multi-tick question; the answers view reads them back", async () => {
    await setChoice(at.quality, 1 << 2);
    await setChoice(at.uses, (1 << 0) | (1 << 3));
    const answers = await answersOf(responseId);
    expect(answers.map((a) => a.question).sort()).toEqual(["budget_uses", "budget_uses", "completed_by", "help_to_plan", "quality_of_life"]);
    const [chosen] = await queryRows<{ option: number }>(
      database.db,
      sql`select option_id as option from answers a join questions q on q.id = a.question_id where a.response_id = ${responseId} and q.code = 'quality_of_life'`,
    );
    expect(chosen!.option).toBe(at.qualityOption);
  });

  it("refuses two options of a single-choice question", () => misfit(setChoice(at.quality, (1 << 2) | (1 << 3))));
  it("refuses an option beyond the question's scale", () => misfit(setChoice(at.quality, 1 << at.unused)));
  it("refuses a negative or missing element", async () => {
    await misfit(setChoice(at.quality, -1));
    await misfit(setChoice(at.quality, sql`null`));
  });
  it("refuses one element too many or too few", async () => {
    await misfit(setChoice(at.length + 1, 0));
    await misfit(database.db.execute(sql`update responses set choices = choices[1:${at.length - 1}] where id = ${responseId}`));
  });
  it("refuses an array of another shape, and a live response without choices", async () => {
    await misfit(database.db.execute(sql`update responses set choices = array[choices] where id = ${responseId}`));
    await misfit(database.db.execute(sql`update responses set choices = '[0:1]={0,0}'::int[] where id = ${responseId}`));
    await misfit(database.db.execute(sql`update responses set choices = null where id = ${responseId}`));
  });
  it("refuses to delete a question or an option that a response's choices refer to", async () => {
    await refused(database.db.execute(sql`delete from scale_options where id = ${at.qualityOption}`));
    await refused(
      database.db.execute(
        sql`delete from questions where code = 'quality_of_life' and question_set_id = (select question_set_id from responses where id = ${responseId})`,
      ),
    );
  });
  it("keeps what a refused statement would have changed", async () => {
    const answers = await answersOf(responseId);
    expect(answers.map((a) => a.question).sort()).toEqual(["budget_uses", "budget_uses", "completed_by", "help_to_plan", "quality_of_life"]);
  });
});

describe("responses' references, checked per statement", () => {
  /** A response naming these (each a subquery, so that it is looked up in the same transaction). */
  const response = (set: SQL, area: SQL, organisation: SQL) => sql`
    insert into responses (question_set_id, area_code, organisation_id, external_ref, collected_on, financial_year, collection_mode, completed_by, record_key, choices)
    values (${set}, ${area}, ${organisation}, ${`REF-${Math.random()}`}, '2025-06-01', 2025, 'ONLINE', 'SELF', 1,
            array_fill(0, array[(select count(*) from questions where question_set_id = ${set})::int]))`;
  const adultSet = sql`(select min(id) from question_sets where code = 'ADULT_PB')`;
  const checks = sql`(select id from organisations where slug = 'checks')`;
  /** Runs statements in a transaction that a failure rolls back. */
  const inTransaction = (...statements: SQL[]) =>
    database.db.transaction(async (tx) => {
      for (const statement of statements) await tx.execute(statement);
    });

  it("accepts a response whose question set, area and organisation exist", async () => {
    await database.db.execute(response(adultSet, sql`'E06000001'`, checks));
    const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from responses where external_ref like 'REF-%'`);
    expect(row!.n).toBe(1);
  });
  it("refuses a question set, an area or an organisation that does not exist", async () => {
    await refused(database.db.execute(response(sql`999999`, sql`'E06000001'`, checks)));
    await refused(database.db.execute(response(adultSet, sql`'E99999999'`, checks)));
    await refused(database.db.execute(response(adultSet, sql`'E06000001'`, sql`999999`)));
    await refused(database.db.execute(sql`update responses set area_code = 'E99999999' where external_ref like 'REF-%'`));
  });
  // Each parent is made for the test, so that nothing but the response refers to it.
  it("refuses to delete a question set, area or organisation that a response refers to", async () => {
    await refused(
      inTransaction(
        sql`insert into question_sets (code, version, name, respondent, description) values ('ADULT_PB', 99, 'test', 'test', 'test')`,
        response(sql`(select id from question_sets where version = 99)`, sql`'E06000001'`, checks),
        sql`delete from question_sets where version = 99`,
      ),
    );
    await refused(
      inTransaction(
        sql`insert into areas (code, name, type) values ('E06999999', 'Nowhere', 'LOCAL_AUTHORITY')`,
        response(adultSet, sql`'E06999999'`, checks),
        sql`delete from areas where code = 'E06999999'`,
      ),
    );
    await refused(
      inTransaction(
        sql`insert into organisations (slug, name, type) values ('lonely', 'Lonely', 'COUNCIL')`,
        response(adultSet, sql`'E06000001'`, sql`(select id from organisations where slug = 'lonely')`),
        sql`delete from organisations where slug = 'lonely'`,
      ),
    );
  });
});
