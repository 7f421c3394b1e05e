import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../db/types.ts";
import { seedDemoData } from "../demo/seed.ts";
import type { TestDatabase } from "../testing/database.ts";
import { createSetUpDatabase } from "../testing/fixtures.ts";
import { systemScope, testCredential } from "../testing/keys.ts";
import { submitResponses } from "./index.ts";

// Answers' and responses' references are checked per statement by triggers (migrations
// 0006_answer_checks, 0008_reference_checks_by_key), not by row-by-row foreign keys: each way a
// reference can break must still be refused.
let database: TestDatabase;
let responseId: number;
/** ADULT_PB quality_of_life: its id, an option on its scale, an option of another scale. */
let question: { id: number; option: number; foreign: number };

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
  [question] = (await queryRows<{ id: number; option: number; foreign: number }>(
    database.db,
    sql`select q.id, (select min(o.id) from scale_options o where o.scale_id = q.scale_id)::int as option,
          (select min(o.id) from scale_options o where o.scale_id <> q.scale_id)::int as foreign
        from questions q join question_sets s on s.id = q.question_set_id
        where s.code = 'ADULT_PB' and q.code = 'quality_of_life' order by s.version limit 1`,
  )) as [typeof question];
});
afterAll(() => database?.close());

const insert = (response: number, questionId: number, option: number) =>
  database.db.execute(sql`insert into answers (response_id, question_id, option_id) values (${response}, ${questionId}, ${option})`);
/** The SQLSTATE a statement fails with, or null when it succeeds. */
const failure = (statement: Promise<unknown>) =>
  statement.then(
    () => null,
    (e: { code?: string; cause?: { code?: string } }) => e.code ?? e.cause?.code ?? "unknown",
  );
const refused = async (statement: Promise<unknown>) => expect(await failure(statement), "the statement should have been refused").toBe("23503");

describe("answers' references, checked per statement", () => {
  it("accepts an answer whose option is on its question's scale", async () => {
    await insert(responseId, question.id, question.option);
    const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from answers where response_id = ${responseId}`);
    expect(row!.n).toBe(2);
  });

  it("refuses an answer to a response that does not exist", () => refused(insert(responseId + 1000, question.id, question.option)));
  it("refuses an option from another question's scale", () => refused(insert(responseId, question.id, question.foreign)));
  it("refuses a question that does not exist", () => refused(insert(responseId, 999_999, question.option)));
  it("refuses an update that breaks a reference", () =>
    refused(database.db.execute(sql`update answers set option_id = ${question.foreign} where response_id = ${responseId}`)));
  it("refuses to delete a response, question or option that answers refer to", async () => {
    await refused(database.db.execute(sql`delete from responses where id = ${responseId}`));
    await refused(database.db.execute(sql`delete from scale_options where id = ${question.option}`));
    await refused(database.db.execute(sql`delete from questions where id = ${question.id}`));
  });
  it("deletes a response once its answers are gone", async () => {
    await database.db.execute(sql`delete from answers where response_id = ${responseId}`);
    await database.db.execute(sql`delete from responses where id = ${responseId}`);
    const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from responses where id = ${responseId}`);
    expect(row!.n).toBe(0);
  });
});

describe("responses' references, checked per statement", () => {
  /** A response naming these (each a subquery, so that it is looked up in the same transaction). */
  const response = (set: SQL, area: SQL, organisation: SQL) => sql`
    insert into responses (question_set_id, area_code, organisation_id, external_ref, collected_on, financial_year, collection_mode, completed_by, record_key)
    values (${set}, ${area}, ${organisation}, ${`REF-${Math.random()}`}, '2025-06-01', 2025, 'ONLINE', 'SELF', 1)`;
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

describe("the answers' keys", () => {
  it("come back whole after the demo seed loads answers without their keys", async () => {
    const { responses } = await seedDemoData(database, { scale: 0.02, replace: true });
    expect(responses).toBeGreaterThan(100);
    const keys = await queryRows<{ name: string }>(database.db, sql`select indexname as name from pg_indexes where tablename = 'answers' order by 1`);
    expect(keys.map((k) => k.name)).toEqual(["answers_question_option_response_idx", "answers_response_id_question_id_option_id_pk"]);
    const [answer] = await queryRows<{ r: number; q: number; o: number }>(
      database.db,
      sql`select response_id as r, question_id as q, option_id as o from answers limit 1`,
    );
    const duplicate = await failure(
      database.db.execute(sql`insert into answers (response_id, question_id, option_id) values (${answer!.r}, ${answer!.q}, ${answer!.o})`),
    );
    expect(duplicate).toBe("23505");
  });
});
