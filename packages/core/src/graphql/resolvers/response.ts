import { findResponse, listResponses, submitResponses, withdrawResponses } from "../../response/index.ts";
import type { AnswerResolvers, MutationResolvers, QueryResolvers, ResponseResolvers } from "../generated/resolvers.ts";

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const Response: ResponseResolvers = {
  questionSet: async (r, _, ctx) => (await ctx.loaders.questionSet.setById.load(r.questionSetId))!,
  area: async (r, _, ctx) => (await ctx.loaders.area.byCode.load(r.areaCode))!,
  answers: (r, _, ctx) => (r.withdrawnAt ? [] : ctx.loaders.response.answersOf.load(r.id)),
  submittedAt: (r) => r.createdAt.toISOString(),
  correctedAt: (r) => iso(r.correctedAt),
  withdrawnAt: (r) => iso(r.withdrawnAt),
};

export const Answer: AnswerResolvers = {
  option: (a) => (a.multiple ? null : a.options[0]!),
};

const responses: NonNullable<QueryResolvers["responses"]> = async (_, args, ctx) => listResponses(await ctx.scope(), args);

const response: NonNullable<QueryResolvers["response"]> = async (_, { externalRef }, ctx) => findResponse(await ctx.scope(), externalRef);

export const responseQueries = { responses, response };

export const responseMutations: MutationResolvers = {
  submitResponses: async (_, { input }, ctx) => submitResponses(await ctx.scope(), input),
  withdrawResponses: async (_, { externalRefs }, ctx) => withdrawResponses(await ctx.scope(), externalRefs),
};
