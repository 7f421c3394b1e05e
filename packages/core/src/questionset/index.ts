import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/index.ts";
import type { Scope } from "../scope/index.ts";
import { groupBy, Loader } from "../util/loader.ts";
import { parseInput } from "../util/validate.ts";
import { poolingChain } from "./comparability.ts";
import { type QuestionRow, type QuestionSetRow, questionSets, questions, type ScaleOptionRow, type ScaleRow, scaleOptions, scales } from "./questionset.sql.ts";
import type { QuestionSetCode } from "./types.ts";
import { versionSchema } from "./validation.ts";

const published = inArray(questionSets.status, ["PUBLISHED", "RETIRED"]);

/** The latest published version of each instrument, or every published version. */
export async function listQuestionSets({ db }: Scope, options: { allVersions?: boolean } = {}): Promise<QuestionSetRow[]> {
  const rows = await db.select().from(questionSets).where(published).orderBy(asc(questionSets.id));
  if (options.allVersions) return rows.sort((a, b) => a.code.localeCompare(b.code) || a.version - b.version);
  const latest = new Map<string, QuestionSetRow>();
  for (const row of rows) if ((latest.get(row.code)?.version ?? 0) < row.version) latest.set(row.code, row);
  return [...latest.values()];
}

/** A version of an instrument, or its latest published version when `version` is omitted. */
export async function findQuestionSet({ db }: Scope, code: QuestionSetCode, version?: number | null): Promise<QuestionSetRow | null> {
  if (version != null) parseInput(versionSchema, version, "version");
  const [row] = await db
    .select()
    .from(questionSets)
    .where(and(eq(questionSets.code, code), published, version == null ? undefined : eq(questionSets.version, version)))
    .orderBy(desc(questionSets.version))
    .limit(1);
  return row ?? null;
}

export function createQuestionSetLoaders(getDb: () => Promise<Db>) {
  return {
    versionsOf: new Loader<QuestionSetCode, QuestionSetRow[]>(
      async (codes) => {
        const rows = await (await getDb())
          .select()
          .from(questionSets)
          .where(and(inArray(questionSets.code, codes), published))
          .orderBy(asc(questionSets.version));
        return groupBy(rows, (r) => r.code);
      },
      () => [],
    ),
    setById: new Loader<number, QuestionSetRow | null>(
      async (ids) => {
        const rows = await (await getDb()).select().from(questionSets).where(inArray(questionSets.id, ids));
        return new Map(rows.map((r) => [r.id, r]));
      },
      () => null,
    ),
    questionsOf: new Loader<number, QuestionRow[]>(
      async (ids) => {
        const rows = await (await getDb()).select().from(questions).where(inArray(questions.questionSetId, ids)).orderBy(asc(questions.position));
        return groupBy(rows, (r) => r.questionSetId);
      },
      () => [],
    ),
    scalesOf: new Loader<number, ScaleRow[]>(
      async (ids) => {
        const rows = await (await getDb()).select().from(scales).where(inArray(scales.questionSetId, ids)).orderBy(asc(scales.id));
        return groupBy(rows, (r) => r.questionSetId);
      },
      () => [],
    ),
    scaleById: new Loader<number, ScaleRow | null>(
      async (ids) => {
        const rows = await (await getDb()).select().from(scales).where(inArray(scales.id, ids));
        return new Map(rows.map((r) => [r.id, r]));
      },
      () => null,
    ),
    optionsOf: new Loader<number, ScaleOptionRow[]>(
      async (ids) => {
        const rows = await (await getDb()).select().from(scaleOptions).where(inArray(scaleOptions.scaleId, ids)).orderBy(asc(scaleOptions.position));
        return groupBy(rows, (r) => r.scaleId);
      },
      () => [],
    ),
  };
}

export type QuestionSetLoaders = ReturnType<typeof createQuestionSetLoaders>;

/** The versions whose answers to `question` figures pool with its own, oldest first. */
export async function comparableVersions(loaders: QuestionSetLoaders, question: QuestionRow): Promise<number[]> {
  const set = await loaders.setById.load(question.questionSetId);
  if (!set) return [];
  const versions = await loaders.versionsOf.load(set.code);
  const questionsOf = new Map(await Promise.all(versions.map(async (v) => [v.version, await loaders.questionsOf.load(v.id)] as const)));
  return poolingChain(question, set.version, (version) => questionsOf.get(version)?.find((q) => q.code === question.code)).map((link) => link.version);
}
export { poolingChain } from "./comparability.ts";
export { PRIMARY_NEED_BROAD_AREA } from "./definitions/categories-v2-ehcp.ts";
export { findDefinition, QUESTION_SET_DEFINITIONS } from "./definitions/index.ts";
export { loadQuestionSets } from "./load.ts";
export type { QuestionRow, QuestionSetRow, ScaleOptionRow, ScaleRow } from "./questionset.sql.ts";
export { band, questionSets, questions, scaleOptions, scales } from "./questionset.sql.ts";
export type { Band, QuestionKind, QuestionSetCode, QuestionSetDefinition } from "./types.ts";
export { collectedIn, QUESTION_SET_CODES } from "./types.ts";
export { questionCode, themeSchema, versionSchema } from "./validation.ts";
