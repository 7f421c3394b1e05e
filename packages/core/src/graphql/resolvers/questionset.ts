import { comparableVersions, findQuestionSet, listQuestionSets } from "../../questionset/index.ts";
import type { QueryResolvers, QuestionResolvers, QuestionSetResolvers, ScaleOptionResolvers, ScaleResolvers } from "../generated/resolvers.ts";

const questionSets: NonNullable<QueryResolvers["questionSets"]> = async (_, args, ctx) =>
  listQuestionSets(await ctx.scope(), { allVersions: args.allVersions });

const questionSet: NonNullable<QueryResolvers["questionSet"]> = async (_, { code, version }, ctx) => findQuestionSet(await ctx.scope(), code, version);

export const QuestionSet: QuestionSetResolvers = {
  questions: async (row, { kind, theme }, ctx) =>
    (await ctx.loaders.questionSet.questionsOf.load(row.id)).filter((q) => (!kind || q.kind === kind) && (!theme || q.theme === theme)),
  question: async (row, { code }, ctx) => (await ctx.loaders.questionSet.questionsOf.load(row.id)).find((q) => q.code === code) ?? null,
  scales: (row, _, ctx) => ctx.loaders.questionSet.scalesOf.load(row.id),
};

export const Question: QuestionResolvers = {
  position: (row) => row.position + 1,
  comparableVersions: (row, _, ctx) => comparableVersions(ctx.loaders.questionSet, row),
  scale: async (row, _, ctx) => {
    const scale = await ctx.loaders.questionSet.scaleById.load(row.scaleId);
    if (!scale) throw new Error(`question ${row.id} has no scale ${row.scaleId}`);
    return scale;
  },
};

export const Scale: ScaleResolvers = {
  options: (row, _, ctx) => ctx.loaders.questionSet.optionsOf.load(row.id),
};

export const ScaleOption: ScaleOptionResolvers = {
  position: (row) => row.position + 1,
};

export const questionSetQueries = { questionSets, questionSet };
