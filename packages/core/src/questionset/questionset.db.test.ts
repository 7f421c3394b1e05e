import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../testing/database.ts";
import { createSetUpDatabase } from "../testing/fixtures.ts";
import { createTestClient } from "../testing/graphql.ts";
import { findDefinition, QUESTION_SET_DEFINITIONS } from "./definitions/index.ts";
import { loadQuestionSets } from "./load.ts";
import { questionSets, questions, scaleOptions } from "./questionset.sql.ts";
import type { QuestionSetDefinition } from "./types.ts";

let database: TestDatabase;
let api: ReturnType<typeof createTestClient>;

beforeAll(async () => {
  database = await createSetUpDatabase();
  api = createTestClient(database);
});
afterAll(() => database?.close());

const tableSizes = async () => ({
  sets: (await database.db.select({ n: count() }).from(questionSets))[0]!.n,
  questions: (await database.db.select({ n: count() }).from(questions))[0]!.n,
  options: (await database.db.select({ n: count() }).from(scaleOptions))[0]!.n,
});

describe("question sets", () => {
  it("lists the latest version of the six instruments", async () => {
    const { questionSets } = await api.data(`{ questionSets { code version status } }`);
    expect(questionSets.map((s: { code: string }) => s.code).sort()).toEqual(["ADULT_PB", "CARER", "CYP_EHCP", "PARENT_EHCP", "PHB", "PRACTITIONER_EHCP"]);
    expect(questionSets.every((s: { version: number; status: string }) => s.version === 2 && s.status === "PUBLISHED")).toBe(true);
    const { all } = await api.data(`{ all: questionSets(allVersions: true) { code version } }`);
    expect(all).toHaveLength(12);
    expect(all.slice(0, 2)).toEqual([
      { code: "ADULT_PB", version: 1 },
      { code: "ADULT_PB", version: 2 },
    ]);
  });

  it("serves a question set with its questions, scales and banded options, as defined", async () => {
    const { questionSet } = await api.data(`{ questionSet(code: CYP_EHCP) {
      code version name respondent
      questions { code text kind theme section position scale { code options { code label position band } } }
      scales { code }
    } }`);
    const definition = findDefinition("CYP_EHCP")!;
    expect(questionSet.version).toBe(2);
    expect(questionSet.questions.map((q: { code: string }) => q.code)).toEqual(definition.questions.map((q) => q.code));
    expect(questionSet.questions.map((q: { position: number }) => q.position)).toEqual(definition.questions.map((_, i) => i + 1));
    const dignity = questionSet.questions.find((q: { code: string }) => q.code === "dignity");
    const scale = definition.scales.find((s) => s.code === definition.questions.find((q) => q.code === "dignity")!.scale)!;
    expect(dignity.scale.options).toEqual(scale.options.map((o, i) => ({ code: o.code, label: o.label, band: o.band, position: i + 1 })));
    expect(questionSet.scales).toHaveLength(definition.scales.length);
  });

  it("filters questions by kind and theme, and finds one by code", async () => {
    const { questionSet } = await api.data(`{ questionSet(code: ADULT_PB, version: 1) {
      aboutYou: questions(kind: ABOUT_YOU) { kind }
      qol: question(code: "quality_of_life") { code kind }
      none: question(code: "nope") { code }
    } }`);
    expect(questionSet.aboutYou.length).toBeGreaterThan(3);
    expect(questionSet.aboutYou.every((q: { kind: string }) => q.kind === "ABOUT_YOU")).toBe(true);
    expect(questionSet.qol).toEqual({ code: "quality_of_life", kind: "OUTCOME" });
    expect(questionSet.none).toBeNull();
  });

  it("serves each question's short wording", async () => {
    const { questionSet } = await api.data(`{ questionSet(code: ADULT_PB, version: 1) { question(code: "ease_getting_budget") { code text shortText } } }`);
    expect(questionSet.question).toEqual({
      code: "ease_getting_budget",
      text: "How easy or hard was it to get your personal budget?",
      shortText: "ease of getting your budget",
    });
    const definition = findDefinition("CARER")!;
    const { questionSet: carer } = await api.data(`{ questionSet(code: CARER) { questions { code shortText } } }`);
    expect(carer.questions).toEqual(definition.questions.map((q) => ({ code: q.code, shortText: q.shortText })));
  });

  it("serves version 2 of every instrument, each question saying whether it pools with version 1", async () => {
    for (const code of ["ADULT_PB", "CARER", "PHB", "CYP_EHCP", "PARENT_EHCP", "PRACTITIONER_EHCP"]) {
      const { questionSet } = await api.data(
        `query($c: QuestionSetCode!) { questionSet(code: $c, version: 2) { version questions { code comparable comparableVersions } } }`,
        {
          c: code,
        },
      );
      const definition = findDefinition(code, 2)!;
      expect(questionSet.version).toBe(2);
      expect(questionSet.questions).toEqual(
        definition.questions.map((q) => ({ code: q.code, comparable: q.comparable, comparableVersions: q.comparable ? [1, 2] : [2] })),
      );
      const { questionSet: first } = await api.data(`query($c: QuestionSetCode!) { questionSet(code: $c, version: 1) { questions { comparable } } }`, {
        c: code,
      });
      expect(new Set(first.questions.map((q: { comparable: boolean | null }) => q.comparable))).toEqual(new Set([null]));
    }
  });

  it("answers null for a version that does not exist", async () => {
    expect(await api.data(`{ questionSet(code: ADULT_PB, version: 99) { code } }`)).toEqual({ questionSet: null });
  });

  it("loads idempotently: a second load writes nothing", async () => {
    const before = await tableSizes();
    await loadQuestionSets(database.db);
    expect(await tableSizes()).toEqual(before);
  });

  it("brings the short wording of a published version up to its definition", async () => {
    const [set] = await database.db
      .select({ id: questionSets.id })
      .from(questionSets)
      .where(and(eq(questionSets.code, "ADULT_PB"), eq(questionSets.version, 1)));
    const question = and(eq(questions.questionSetId, set!.id), eq(questions.code, "ease_getting_budget"));
    const shortTextOf = async () => (await database.db.select({ shortText: questions.shortText }).from(questions).where(question))[0]!.shortText;
    await database.db.update(questions).set({ shortText: "an older wording" }).where(question);
    expect(await shortTextOf()).toBe("an older wording");

    const before = await tableSizes();
    await loadQuestionSets(database.db);
    expect(await shortTextOf()).toBe("ease of getting your budget");
    expect(await tableSizes()).toEqual(before);
    const { questionSet } = await api.data(`{ questionSet(code: ADULT_PB, version: 1) { question(code: "ease_getting_budget") { shortText } } }`);
    expect(questionSet.question.shortText).toBe("ease of getting your budget");

    // A changed wording alone is no change to the published version.
    const v1 = QUESTION_SET_DEFINITIONS.find((d) => d.code === "ADULT_PB")!;
    const reworded: QuestionSetDefinition = {
      ...v1,
      questions: v1.questions.map((q) => (q.code === "ease_getting_budget" ? { ...q, shortText: "getting your budget" } : q)),
    };
    await loadQuestionSets(database.db, [reworded]);
    expect(await shortTextOf()).toBe("getting your budget");
    await loadQuestionSets(database.db);
    expect(await shortTextOf()).toBe("ease of getting your budget");
  });

  it("refuses a scale with more options than a response's choices can hold, writing nothing", async () => {
    const v2 = findDefinition("CARER", 2)!;
    const wide = { code: "WIDE", label: "Wide", options: Array.from({ length: 32 }, (_, i) => ({ code: `o${i}`, label: `Option ${i}`, band: null })) };
    const oversized: QuestionSetDefinition = { ...v2, version: 3, scales: [...v2.scales, wide] };
    const before = await tableSizes();
    await expect(loadQuestionSets(database.db, [...QUESTION_SET_DEFINITIONS, oversized])).rejects.toThrow(
      "CARER scale WIDE has 32 options; a scale has at most 31",
    );
    expect(await tableSizes()).toEqual(before);
  });

  it("refuses to change a published version, and publishes a new version beside it", async () => {
    const v2 = findDefinition("CARER", 2)!;
    const changed: QuestionSetDefinition = { ...v2, questions: v2.questions.slice(1) };
    const before = await tableSizes();
    await expect(loadQuestionSets(database.db, [...QUESTION_SET_DEFINITIONS.filter((d) => d !== v2), changed])).rejects.toThrow(
      /CARER version 2 is published and differs/,
    );
    expect(await tableSizes()).toEqual(before);

    const unsaid = { ...changed, version: 3, questions: changed.questions.map(({ comparable: _, ...q }) => q) };
    await expect(loadQuestionSets(database.db, [...QUESTION_SET_DEFINITIONS, unsaid])).rejects.toThrow(
      `CARER v3 ${changed.questions[0]!.code}: a later version must say whether each question is comparable with the version before`,
    );
    await expect(loadQuestionSets(database.db, [unsaid])).rejects.toThrow("CARER has version 3 where version 1 was due");
    expect(await tableSizes()).toEqual(before);

    const [kept, ...rest] = unsaid.questions;
    const v3 = { ...unsaid, questions: [{ ...kept!, comparable: false }, ...rest.map((q) => ({ ...q, comparable: true }))] };
    await loadQuestionSets(database.db, [...QUESTION_SET_DEFINITIONS, v3]);
    const latest = await api.data(
      `{ questionSet(code: CARER) { version questions { code comparable comparableVersions scale { multiple } } }
         first: questionSet(code: CARER, version: 1) { questions { comparable comparableVersions } }
         all: questionSets(allVersions: true) { code version } }`,
    );
    expect(latest.questionSet.version).toBe(3);
    expect(latest.questionSet.questions).toHaveLength(v2.questions.length - 1);
    const second = v2.questions[2]!;
    expect(latest.questionSet.questions.slice(0, 2)).toEqual([
      { code: kept!.code, comparable: false, comparableVersions: [3], scale: { multiple: false } },
      { code: second.code, comparable: true, comparableVersions: second.comparable ? [1, 2, 3] : [2, 3], scale: { multiple: false } },
    ]);
    expect(latest.first.questions[0]).toEqual({ comparable: null, comparableVersions: [1] });
    expect(latest.all.filter((s: { code: string }) => s.code === "CARER").map((s: { version: number }) => s.version)).toEqual([1, 2, 3]);
  });
});
