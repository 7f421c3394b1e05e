import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/index.ts";
import { versionProblems } from "./comparability.ts";
import { QUESTION_SET_DEFINITIONS } from "./definitions/index.ts";
import { questionSets, questions, scaleOptions, scales } from "./questionset.sql.ts";
import type { QuestionSetDefinition } from "./types.ts";

/** The most options a scale may have: each is a bit of one integer in a response's `choices`. */
export const MAX_OPTIONS = 31;

/**
 * What must never change in a published version: question codes, kinds, themes, comparability,
 * scales and bands. Presentation metadata (a question's `shortText`) is not part of it.
 */
function fingerprint(set: Pick<QuestionSetDefinition, "questions" | "scales">): string {
  const scaleOf = new Map(set.scales.map((s) => [s.code, s]));
  return JSON.stringify(
    set.questions.map((q) => {
      const scale = scaleOf.get(q.scale);
      return [q.code, q.kind, q.theme, q.comparable ?? null, scale?.multiple ?? false, scale?.options.map((o) => [o.code, o.band])];
    }),
  );
}

async function storedFingerprint(db: Db, questionSetId: number): Promise<string> {
  const rows = await db
    .select({ question: questions, option: scaleOptions, multiple: scales.multiple })
    .from(questions)
    .innerJoin(scales, eq(scales.id, questions.scaleId))
    .innerJoin(scaleOptions, eq(scaleOptions.scaleId, questions.scaleId))
    .where(eq(questions.questionSetId, questionSetId))
    .orderBy(asc(questions.position), asc(scaleOptions.position));
  const byQuestion = new Map<number, { q: (typeof rows)[number]["question"]; multiple: boolean; options: [string, string | null][] }>();
  for (const { question, option, multiple } of rows) {
    const entry = byQuestion.get(question.id) ?? { q: question, multiple, options: [] };
    entry.options.push([option.code, option.band]);
    byQuestion.set(question.id, entry);
  }
  return JSON.stringify([...byQuestion.values()].map(({ q, multiple, options }) => [q.code, q.kind, q.theme, q.comparable, multiple, options]));
}

/** Brings the stored short wording of a published version's questions up to its definition. */
async function updateShortTexts(db: Db, questionSetId: number, def: QuestionSetDefinition): Promise<void> {
  const stored = await db
    .select({ id: questions.id, code: questions.code, shortText: questions.shortText })
    .from(questions)
    .where(eq(questions.questionSetId, questionSetId));
  const wanted = new Map(def.questions.map((q) => [q.code, q.shortText]));
  for (const row of stored) {
    const shortText = wanted.get(row.code);
    if (shortText !== undefined && shortText !== row.shortText) await db.update(questions).set({ shortText }).where(eq(questions.id, row.id));
  }
}

/**
 * Inserts each question set version that is not in the database yet. A version already there
 * must match its definition: published versions never change, a change is a new version. Only
 * presentation metadata may differ: the stored short wording of its questions is updated.
 */
export async function loadQuestionSets(db: Db, definitions: readonly QuestionSetDefinition[] = QUESTION_SET_DEFINITIONS): Promise<void> {
  const problems = versionProblems(definitions);
  if (problems.length) throw new Error(`The question set definitions are inconsistent:\n${problems.join("\n")}`);
  await db.transaction(async (tx) => {
    for (const def of definitions) {
      const [existing] = await tx
        .select({ id: questionSets.id })
        .from(questionSets)
        .where(and(eq(questionSets.code, def.code), eq(questionSets.version, def.version)));
      if (existing) {
        if ((await storedFingerprint(tx, existing.id)) !== fingerprint(def)) {
          throw new Error(`${def.code} version ${def.version} is published and differs from its definition: publish the change as a new version`);
        }
        await updateShortTexts(tx, existing.id, def);
        continue;
      }
      const [set] = await tx
        .insert(questionSets)
        .values({
          code: def.code,
          version: def.version,
          name: def.name,
          respondent: def.respondent,
          description: def.description,
          publishedOn: def.publishedOn,
        })
        .returning({ id: questionSets.id });
      const scaleIds = new Map<string, number>();
      for (const scale of def.scales) {
        // A response holds a question's choices as the bits of one integer (responses.choices).
        if (scale.options.length > MAX_OPTIONS)
          throw new Error(`${def.code} scale ${scale.code} has ${scale.options.length} options; a scale has at most ${MAX_OPTIONS}`);
        const [row] = await tx
          .insert(scales)
          .values({ questionSetId: set!.id, code: scale.code, label: scale.label, multiple: scale.multiple ?? false })
          .returning({ id: scales.id });
        scaleIds.set(scale.code, row!.id);
        await tx.insert(scaleOptions).values(scale.options.map((o, position) => ({ scaleId: row!.id, code: o.code, label: o.label, band: o.band, position })));
      }
      await tx.insert(questions).values(
        def.questions.map((q, position) => {
          const scaleId = scaleIds.get(q.scale);
          if (scaleId === undefined) throw new Error(`${def.code} question ${q.code} uses unknown scale ${q.scale}`);
          return {
            questionSetId: set!.id,
            code: q.code,
            text: q.text,
            shortText: q.shortText,
            kind: q.kind,
            theme: q.theme,
            section: q.section,
            position,
            scaleId,
            comparable: q.comparable ?? null,
          };
        }),
      );
    }
  });
}
