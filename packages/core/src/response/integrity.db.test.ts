import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../db/types.ts";
import { seedDemoData } from "../demo/seed.ts";
import type { TestDatabase } from "../testing/database.ts";
import { createSetUpDatabase } from "../testing/fixtures.ts";
import { systemScope, testCredential } from "../testing/keys.ts";
import { submitResponses } from "./index.ts";

// Answers' references are checked per statement by triggers (migration 0006_answer_checks), not
// by row-by-row foreign keys: each way a reference can break must still be refused.
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

  it("come back whole after the demo seed loads answers without their keys", async () => {
    const { responses } = await seedDemoData(database, { scale: 0.02, replace: true });
    expect(responses).toBeGreaterThan(100);
    const keys = await queryRows<{ name: string }>(database.db, sql`select indexname as name from pg_indexes where tablename = 'answers' order by 1`);
    expect(keys.map((k) => k.name)).toEqual(["answers_question_option_idx", "answers_response_id_question_id_option_id_pk"]);
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
