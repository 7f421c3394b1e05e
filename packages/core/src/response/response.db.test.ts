import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, ANONYMOUS } from "../actor/index.ts";
import { queryRows } from "../db/types.ts";
import { rebuildFigureCubes, verifyFigureCubes } from "../figure/aggregate.ts";
import { auditEvents } from "../organisation/apikey.sql.ts";
import { authenticate } from "../organisation/index.ts";
import { DEFAULT_SETTINGS, type Scope } from "../scope/index.ts";
import { type TestDatabase, testDriver } from "../testing/database.ts";
import { createSetUpDatabase } from "../testing/fixtures.ts";
import { systemScope, testCredential } from "../testing/keys.ts";
import { findResponse, listResponses, submitResponses, withdrawResponses } from "./index.ts";
import { answers, responses } from "./response.sql.ts";
import type { ResponseInput } from "./validation.ts";

let database: TestDatabase;
let member: Actor;
let neighbour: Actor;
let researcher: Actor;
/** Every live cube's rows, to show that a call changed none. */
const cubeRows = async (db: Parameters<typeof queryRows>[0]) => ({
  bands: await queryRows(db, sql`select * from band_counts c order by c::text`),
  responses: await queryRows(db, sql`select * from response_counts c order by c::text`),
});
const HOME = "E06000001";
const ICB = "E54000008";

beforeAll(async () => {
  database = await createSetUpDatabase();
  const actor = async (options: Parameters<typeof testCredential>[1]) =>
    authenticate(database.db, (await testCredential(database.db, options)).header, DEFAULT_SETTINGS);
  member = await actor({ type: "COUNCIL", slug: "home-council", areas: [HOME, "E06000002", ICB] });
  neighbour = await actor({ type: "COUNCIL", slug: "neighbour-council", areas: ["E06000003"] });
  researcher = await actor({ type: "RESEARCH" });
});
afterAll(() => database?.close());

const scope = (actor: Actor = member): Scope => ({ db: database.db, actor, settings: DEFAULT_SETTINGS });

/** A valid ADULT_PB version 2 response: a process and an outcome answer, one category, one multi-tick question. */
function adult(externalRef: string, changes: Partial<ResponseInput> = {}): ResponseInput {
  return {
    externalRef,
    questionSet: "ADULT_PB",
    area: HOME,
    collectedOn: "2025-06-01",
    collectionMode: "ONLINE",
    completedBy: "SELF",
    answers: [
      { question: "help_to_plan", option: "yes" },
      { question: "quality_of_life", option: "better" },
      { question: "gender", option: "female" },
      { question: "budget_uses", options: ["home_care", "equipment"] },
    ],
    ...changes,
  };
}

const submit = (inputs: ResponseInput[], options: { dryRun?: boolean; actor?: Actor } = {}) =>
  submitResponses(scope(options.actor), { responses: inputs, dryRun: options.dryRun });

async function stored(ref: string) {
  return database.db.select().from(responses).where(eq(responses.externalRef, ref));
}

/** The band cube's count for quality_of_life in HOME, 2025-26, by band. */
async function qualityCells(area = HOME): Promise<Record<string, number>> {
  const rows = await queryRows<{ band: string; count: number }>(
    database.db,
    sql`select b.band, b.count from band_counts b join questions q on q.id = b.question_id join question_sets s on s.id = q.question_set_id
        where q.code = 'quality_of_life' and s.code = 'ADULT_PB' and s.version = 2 and b.area_code = ${area} and b.financial_year = 2025`,
  );
  return Object.fromEntries(rows.map((r) => [r.band, r.count]));
}

describe("submitting responses", () => {
  it("stores a response, its answers and every cube cell it adds to, in one call", async () => {
    const result = await submit([adult("store-1", { comment: "Much better.\nThank you." })]);
    expect(result).toMatchObject({ created: 1, unchanged: 0, replaced: 0, rejected: 0 });
    expect(result.results).toEqual([
      { index: 0, externalRef: "store-1", status: "CREATED", errors: [], response: expect.objectContaining({ externalRef: "store-1", areaCode: HOME }) },
    ]);
    const [row] = await stored("store-1");
    expect(row).toMatchObject({
      collectedOn: "2025-06-01",
      financialYear: 2025,
      collectionMode: "ONLINE",
      completedBy: "SELF",
      comment: "Much better.\nThank you.",
    });
    expect(row!.recordKey).toBeGreaterThanOrEqual(0);
    expect(row!.recordKey).toBeLessThanOrEqual(255);
    // The answers sent, and the form's own completed_by question, which completedBy answers.
    expect(await database.db.select().from(answers).where(eq(answers.responseId, row!.id))).toHaveLength(6);
    expect(await qualityCells()).toEqual({ POSITIVE: 1 });
    expect(await verifyFigureCubes(database.db)).toEqual([]);
  });

  it.each<[string, Partial<ResponseInput>, string[], string]>([
    ["an unknown question", { answers: [{ question: "happiness", option: "better" }] }, ["answers", "0", "question"], "UNKNOWN_QUESTION"],
    ["an option not on the question's scale", { answers: [{ question: "quality_of_life", option: "good" }] }, ["answers", "0", "option"], "UNKNOWN_OPTION"],
    [
      "several options for a single-choice question",
      { answers: [{ question: "quality_of_life", options: ["better", "worse"] }] },
      ["answers", "0", "options"],
      "SINGLE_CHOICE",
    ],
    [
      "the same question answered twice",
      {
        answers: [
          { question: "quality_of_life", option: "better" },
          { question: "quality_of_life", option: "worse" },
        ],
      },
      ["answers", "1", "question"],
      "DUPLICATE_ANSWER",
    ],
    ["an answer with no option", { answers: [{ question: "quality_of_life", options: [] }] }, ["answers", "0"], "NO_OPTION"],
    ["no graded question answered", { answers: [{ question: "gender", option: "male" }] }, ["answers"], "NO_GRADED_ANSWER"],
    [
      '"not applicable" ticked with another option',
      {
        answers: [
          { question: "quality_of_life", option: "better" },
          { question: "budget_uses", options: ["not_applicable", "personal_assistant"] },
        ],
      },
      ["answers", "1", "options"],
      "EXCLUSIVE_OPTION",
    ],
    [
      'graded questions answered only "not applicable" or "don\'t know"',
      {
        answers: [
          { question: "quality_of_life", option: "not_applicable" },
          { question: "amount_of_support", option: "dont_know" },
        ],
      },
      ["answers"],
      "NO_GRADED_ANSWER",
    ],
    ["a date in the future", { collectedOn: "2099-01-01" }, ["collectedOn"], "FUTURE_DATE"],
    ["a date before the version was published", { collectedOn: "2025-03-31" }, ["collectedOn"], "BEFORE_PUBLICATION"],
    ["a date that does not exist", { collectedOn: "2025-02-30" }, ["collectedOn"], "INVALID_DATE"],
    ["an area the organisation does not cover", { area: "E06000003" }, ["area"], "FORBIDDEN"],
    ["an ICB for a council's instrument", { area: ICB }, ["area"], "WRONG_AREA_TYPE"],
    ["a council for the personal health budget instrument", { questionSet: "PHB" }, ["area"], "WRONG_AREA_TYPE"],
    ["an area that does not exist", { area: "E06999999" }, ["area"], "UNKNOWN_AREA"],
    ["a version that was never published", { version: 9 }, ["version"], "UNKNOWN_VERSION"],
    ["an empty reference", { externalRef: "" }, ["externalRef"], "INVALID_REFERENCE"],
    ["a reference longer than 200 characters", { externalRef: "r".repeat(201) }, ["externalRef"], "INVALID_REFERENCE"],
    ["a control character in the comment", { comment: "bell\u0007" }, ["comment"], "INVALID_COMMENT"],
    ["a reference of spaces only", { externalRef: " \u00a0 " }, ["externalRef"], "INVALID_REFERENCE"],
    ["a reference of nothing visible", { externalRef: "\u200b" }, ["externalRef"], "INVALID_REFERENCE"],
    ["half a surrogate pair in the comment", { comment: "half \ud83d" }, ["comment"], "INVALID_COMMENT"],
    ["a collection mode not in the list", { collectionMode: "FACE_TO_FACE" as ResponseInput["collectionMode"] }, ["collectionMode"], "INVALID_COLLECTION_MODE"],
  ])("rejects %s, naming the field and a code, and stores nothing", async (what, change, path, code) => {
    const input = adult(`bad: ${what}`, change);
    const result = await submit([adult(`fine: ${what}`), input]);
    expect(result).toMatchObject({ created: 1, rejected: 1 });
    expect(result.results[1]).toEqual({
      index: 1,
      externalRef: input.externalRef,
      status: "REJECTED",
      response: null,
      errors: [{ path, code, message: expect.any(String) }],
    });
    expect(await stored(input.externalRef)).toEqual([]);
  });

  it("takes a multi-tick question's several options, and PHB responses for an ICB", async () => {
    const phb = { ...adult("phb-1", { questionSet: "PHB", area: ICB }), answers: [{ question: "general_health", option: "better" }] };
    const result = await submit([phb]);
    expect(result.results[0]).toMatchObject({ status: "CREATED", errors: [] });
  });

  it("rejects a reference sent twice in one batch after the first", async () => {
    const result = await submit([adult("twice"), adult("twice")]);
    expect(result.results.map((r) => r.status)).toEqual(["CREATED", "REJECTED"]);
    expect(result.results[1]!.errors).toEqual([{ path: ["externalRef"], code: "DUPLICATE_REFERENCE", message: expect.any(String) }]);
  });

  it("takes at most 100 responses a call", async () => {
    await expect(submit(Array.from({ length: 101 }, (_, i) => adult(`many-${i}`)))).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    expect(await stored("many-0")).toEqual([]);
  });

  it("on a dry run reports what would happen and writes nothing", async () => {
    await submit([adult("dry-stored")]);
    const [count] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from responses`);
    const cubes = await cubeRows(database.db);
    const result = await submit([adult("dry-new"), adult("dry-stored"), adult("dry-stored-2", { area: "E06000003" })], { dryRun: true });
    expect(result.results.map((r) => r.status)).toEqual(["CREATED", "UNCHANGED", "REJECTED"]);
    expect(result.results[0]!.response).toBeNull();
    expect(result.results[1]!.response).toMatchObject({ externalRef: "dry-stored" });
    expect(await queryRows(database.db, sql`select count(*)::int as n from responses`)).toEqual([count]);
    expect(await cubeRows(database.db)).toEqual(cubes);
  });
});

describe('"not applicable" and "don\'t know" answers', () => {
  const EXCLUSIVE = {
    path: ["answers", "1", "options"],
    code: "EXCLUSIVE_OPTION",
    message:
      '"budget_uses" ticks "not_applicable" (Not applicable: I do not have a personal budget) with other options: "not_applicable" is an answer on its own, to tick alone',
  };
  const NO_GRADED = {
    path: ["answers"],
    code: "NO_GRADED_ANSWER",
    message:
      'no question of ADULT_PB version 2 that figures are made of is answered with an answer they count ("not applicable" and "don\'t know" count in none)',
  };
  const withOther = (ref: string) =>
    adult(ref, {
      answers: [
        { question: "quality_of_life", option: "better" },
        { question: "budget_uses", options: ["not_applicable", "personal_assistant"] },
      ],
    });
  const onlyExcluded = (ref: string) =>
    adult(ref, {
      answers: [
        { question: "quality_of_life", option: "not_applicable" },
        { question: "amount_of_support", option: "dont_know" },
        { question: "knew_budget_amount", option: "not_applicable" },
        { question: "budget_uses", options: ["not_applicable"] },
        { question: "gender", option: "female" },
      ],
    });

  /** Each answer of a stored response as [question, option] codes, in form order. */
  const storedAnswers = async (ref: string) =>
    (
      await queryRows<{ question: string; option: string }>(
        database.db,
        sql`select q.code as question, o.code as option from answers a join responses r on r.id = a.response_id
            join questions q on q.id = a.question_id join scale_options o on o.id = a.option_id
            where r.external_ref = ${ref} order by q.position, o.position`,
      )
    ).map((a) => [a.question, a.option]);

  it.each([true, false])("refuse one ticked with another option, and a response whose graded answers are all of them (dry run: %s)", async (dryRun) => {
    const [other, only, fine] = [`na-other-${dryRun}`, `na-only-${dryRun}`, `na-fine-${dryRun}`];
    const result = await submit([withOther(other), onlyExcluded(only), adult(fine)], { dryRun });
    expect(result).toMatchObject({ created: 1, unchanged: 0, replaced: 0, rejected: 2 });
    expect(result.results.map((r) => [r.externalRef, r.status, r.errors])).toEqual([
      [other, "REJECTED", [EXCLUSIVE]],
      [only, "REJECTED", [NO_GRADED]],
      [fine, "CREATED", []],
    ]);
    expect(await stored(other)).toEqual([]);
    expect(await stored(only)).toEqual([]);
    expect(await stored(fine)).toHaveLength(dryRun ? 0 : 1);
  });

  it('refuse "don\'t know" ticked with another option on every multi-tick question that offers it', async () => {
    const answers = [
      { question: "help_to_plan", option: "yes" },
      { question: "who_helped", options: ["family_friends", "dont_know"] },
    ];
    const result = await submit([adult("dk-other", { answers })], { dryRun: true });
    expect(result.results[0]!.errors).toEqual([
      {
        path: ["answers", "1", "options"],
        code: "EXCLUSIVE_OPTION",
        message: '"who_helped" ticks "dont_know" (Don\'t know) with other options: "dont_know" is an answer on its own, to tick alone',
      },
    ]);
  });

  it("accept them alone, on multi-tick and graded questions, beside one graded answer that counts; figures count only that", async () => {
    const before = await qualityCells();
    const input = adult("na-alone", {
      answers: [
        { question: "quality_of_life", option: "not_applicable" },
        { question: "amount_of_support", option: "dont_know" },
        { question: "help_to_plan", option: "no" },
        { question: "budget_uses", options: ["not_applicable"] },
        { question: "who_helped", options: ["dont_know"] },
      ],
    });
    expect((await submit([input], { dryRun: true })).results[0]).toMatchObject({ status: "CREATED", errors: [] });
    expect((await submit([input])).results[0]).toMatchObject({ status: "CREATED", errors: [] });
    expect(await storedAnswers("na-alone")).toEqual([
      ["budget_uses", "not_applicable"],
      ["help_to_plan", "no"],
      ["who_helped", "dont_know"],
      ["amount_of_support", "dont_know"],
      ["quality_of_life", "not_applicable"],
      ["completed_by", "self"],
    ]);
    // quality_of_life's answer is EXCLUDED: outside every band a measure counts.
    expect(await qualityCells()).toEqual({ ...before, EXCLUDED: (before.EXCLUDED ?? 0) + 1 });
    expect(await verifyFigureCubes(database.db)).toEqual([]);
  });
});

describe("idempotency", () => {
  it("answers the same content again UNCHANGED, whatever the order of its answers, and keeps one row", async () => {
    const first = await submit([adult("same")]);
    const again = { ...adult("same"), answers: [...adult("same").answers].reverse() };
    const second = await submit([again]);
    expect(second.results[0]).toMatchObject({ status: "UNCHANGED", response: { id: first.results[0]!.response!.id } });
    expect(await stored("same")).toHaveLength(1);
    expect(await verifyFigureCubes(database.db)).toEqual([]);
  });

  it("refuses different content under a stored reference as a CONFLICT", async () => {
    await submit([adult("conflict")]);
    const result = await submit([adult("conflict", { collectionMode: "PAPER" })]);
    expect(result.results[0]).toMatchObject({ status: "REJECTED", errors: [{ path: ["externalRef"], code: "CONFLICT" }] });
    expect((await stored("conflict"))[0]!.collectionMode).toBe("ONLINE");
  });

  it("replaces a response's answers on a correction, keeping its record key, and moves its cube cells", async () => {
    await submit([adult("fix", { area: "E06000002" })]);
    const [before] = await stored("fix");
    expect(await qualityCells("E06000002")).toEqual({ POSITIVE: 1 });
    const worse = adult("fix", { area: "E06000002", correction: true, answers: [{ question: "quality_of_life", option: "worse" }] });
    const result = await submit([worse]);
    expect(result).toMatchObject({ replaced: 1, created: 0 });
    const [after] = await stored("fix");
    expect(after).toMatchObject({ id: before!.id, recordKey: before!.recordKey, correctedAt: expect.any(Date) });
    expect(await qualityCells("E06000002")).toEqual({ NEGATIVE: 1 });
    // quality_of_life, and the completed_by question that completedBy answers.
    expect(await database.db.select().from(answers).where(eq(answers.responseId, before!.id))).toHaveLength(2);
    expect(await verifyFigureCubes(database.db)).toEqual([]);
    expect((await submit([worse])).results[0]!.status).toBe("UNCHANGED");
  });

  it("stores concurrent duplicates once", async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => submit([adult("race")])));
    expect(results.map((r) => r.results[0]!.status).sort()).toEqual(["CREATED", "UNCHANGED", "UNCHANGED", "UNCHANGED", "UNCHANGED", "UNCHANGED"]);
    expect(await stored("race")).toHaveLength(1);
    expect(await verifyFigureCubes(database.db)).toEqual([]);
  });
});

describe("references", () => {
  const NFC = "caf\u00e9-1";
  const NFD = "cafe\u0301-1";

  it("are stored composed and trimmed: the same reference decomposed, or padded, is the same response", async () => {
    expect((await submit([adult(NFC)])).results[0]).toMatchObject({ status: "CREATED", response: { externalRef: NFC } });
    expect((await submit([adult(NFD)])).results[0]).toMatchObject({ status: "UNCHANGED", externalRef: NFD, response: { externalRef: NFC } });
    expect((await submit([adult(` ${NFD}\t`, { collectionMode: "PAPER" })])).results[0]).toMatchObject({ status: "REJECTED", errors: [{ code: "CONFLICT" }] });
    const rows = await queryRows<{ ref: string }>(database.db, sql`select external_ref as ref from responses where external_ref like 'caf%-1'`);
    expect(rows).toEqual([{ ref: NFC }]);
  });

  it("are found and withdrawn in the form sent", async () => {
    await submit([adult("caf\u00e9-2")]);
    expect(await findResponse(scope(), " cafe\u0301-2 ")).toMatchObject({ externalRef: "caf\u00e9-2" });
    const result = await withdrawResponses(scope(), ["cafe\u0301-2", "caf\u00e9-2 "]);
    // One response, named as it was first sent.
    expect(result).toMatchObject({ withdrawn: 1, notFound: 0 });
    expect(result.results.map((r) => [r.externalRef, r.status])).toEqual([["cafe\u0301-2", "WITHDRAWN"]]);
    expect((await stored("caf\u00e9-2"))[0]!.withdrawnAt).toEqual(expect.any(Date));
    await expect(withdrawResponses(scope(), ["   "])).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
  });
});

describe("withdrawal", () => {
  it("deletes a response's answers and details, takes it out of every cube, and spends its reference", async () => {
    await submit([adult("erase", { area: "E06000002", comment: "My name is on this." })]);
    // The correction above left a NEGATIVE answer here.
    expect(await qualityCells("E06000002")).toEqual({ POSITIVE: 1, NEGATIVE: 1 });
    const result = await withdrawResponses(scope(), ["erase", "never-sent"]);
    expect(result).toMatchObject({ withdrawn: 1, notFound: 1 });
    expect(result.results.map((r) => [r.externalRef, r.status])).toEqual([
      ["erase", "WITHDRAWN"],
      ["never-sent", "NOT_FOUND"],
    ]);
    const [row] = await stored("erase");
    expect(row).toMatchObject({
      collectedOn: null,
      financialYear: null,
      collectionMode: null,
      completedBy: null,
      comment: null,
      withdrawnAt: expect.any(Date),
    });
    expect(await database.db.select().from(answers).where(eq(answers.responseId, row!.id))).toEqual([]);
    // A cell that falls to zero is deleted, as a rebuild would leave it.
    expect(await qualityCells("E06000002")).toEqual({ NEGATIVE: 1 });
    expect(await verifyFigureCubes(database.db)).toEqual([]);
    expect((await submit([adult("erase")])).results[0]).toMatchObject({ status: "REJECTED", errors: [{ code: "WITHDRAWN" }] });
    expect((await withdrawResponses(scope(), ["erase"])).results[0]!.status).toBe("ALREADY_WITHDRAWN");
  });

  it("finds nothing of another organisation's", async () => {
    await submit([adult("mine-only")]);
    expect((await withdrawResponses(scope(neighbour), ["mine-only"])).results[0]!.status).toBe("NOT_FOUND");
    expect((await stored("mine-only"))[0]!.withdrawnAt).toBeNull();
  });
});

describe("reading responses back", () => {
  it("lists the organisation's own, newest first, a page at a time, and audits each read", async () => {
    await submit([adult("list-a", { area: "E06000002" }), adult("list-b", { area: "E06000002", collectedOn: "2025-07-01" })]);
    const first = await listResponses(scope(), { filter: { area: "E06000002" }, first: 1 });
    const second = await listResponses(scope(), { filter: { area: "E06000002" }, first: 1, after: first.pageInfo.endCursor });
    expect(first.edges[0]!.node.id).toBeGreaterThan(second.edges[0]!.node.id);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const dated = await listResponses(scope(), { filter: { from: "2025-06-15", to: "2025-07-31" }, first: 100 });
    expect(dated.edges.map((e) => e.node.externalRef)).toEqual(["list-b"]);
    const reads = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "responses.read"), eq(auditEvents.subject, "home-council")));
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(await findResponse(scope(), "list-a")).toMatchObject({ externalRef: "list-a" });
  });

  it("shows another organisation nothing", async () => {
    expect((await listResponses(scope(neighbour), { first: 100 })).edges).toEqual([]);
    expect(await findResponse(scope(neighbour), "list-a")).toBeNull();
  });

  it("refuses callers who are not a member", async () => {
    await expect(listResponses(scope(ANONYMOUS), { first: 10 })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(listResponses(scope(researcher), { first: 10 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(submit([adult("by-research")], { actor: researcher })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(submitResponses(systemScope(database.db), { responses: [adult("by-system")] })).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    const bySystem = await submitResponses(systemScope(database.db), { responses: [adult("by-system")] }, { organisation: "home-council" });
    expect(bySystem.created).toBe(1);
  });
});

describe("the cubes", () => {
  it("hold after every write above exactly what a rebuild from the stored rows makes, and a rebuild locks no reader out", async () => {
    const cubes = ["response_counts", "band_counts"];
    const snapshot = async () => {
      const rows: Record<string, unknown[]> = {};
      for (const cube of cubes) rows[cube] = await queryRows(database.db, sql.raw(`select * from ${cube} c order by c::text`));
      return rows;
    };
    const kept = await snapshot();
    for (const cube of cubes) expect(kept[cube]!.length, cube).toBeGreaterThan(0);
    // On PostgreSQL, another connection reads the cubes while the new ones are built, and is
    // never made to wait for a lock (PGlite has one connection, so nothing to lock out).
    const readDuringRebuild = async () => {
      const [read] = await database.db.transaction(async (reader) => {
        await reader.execute(sql`set local lock_timeout = '500ms'`);
        return queryRows<{ n: number }>(reader, sql`select count(*)::int as n from band_counts`);
      });
      expect(read!.n).toBe(kept.band_counts!.length);
    };
    await rebuildFigureCubes(database.db, { beforeSwap: testDriver() === "postgres" ? readDuringRebuild : undefined });
    expect(await snapshot()).toEqual(kept);
  });

  it("are checked by a recount that lists each cell that differs (poet verify)", async () => {
    const [cell] = await queryRows<{ question_id: number; area_code: string; financial_year: number; band: string; count: number; key_sum: number }>(
      database.db,
      sql`select * from band_counts order by question_id, area_code, financial_year, band limit 1`,
    );
    const { count, key_sum, ...key } = cell!;
    const at = sql`question_id = ${key.question_id} and area_code = ${key.area_code} and financial_year = ${key.financial_year} and band = ${key.band}`;
    await database.db.execute(sql`update band_counts set count = count + 2 where ${at}`);
    try {
      expect(await verifyFigureCubes(database.db)).toEqual([
        { cube: "band_counts", key, stored: { count: count + 2, keySum: key_sum }, recounted: { count, keySum: key_sum } },
      ]);
    } finally {
      await database.db.execute(sql`update band_counts set count = count - 2 where ${at}`);
    }
    expect(await verifyFigureCubes(database.db)).toEqual([]);
  });
});
