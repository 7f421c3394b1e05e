import * as release from "../../release/index.ts";
import { financialYearLabel } from "../../time/index.ts";
import type { MutationResolvers, QueryResolvers, ReleaseQuestionSetResolvers, ReleaseResolvers } from "../generated/resolvers.ts";

export const releaseQueries = {
  releases: async (_, __, ctx) => release.describeReleases(await ctx.db()),
  release: async (_, args, ctx) => (await release.describeReleases(await ctx.db())).find((r) => r.name === args.name) ?? null,
} satisfies QueryResolvers;

export const releaseMutations = {
  cutRelease: async (_, args, ctx) => {
    const scope = await ctx.scope();
    const cut = await release.cutRelease(scope, { name: args.name });
    return (await release.describeReleases(scope.db)).find((r) => r.id === cut.id)!;
  },
} satisfies MutationResolvers;

export const Release: ReleaseResolvers = {
  financialYears: (r) => r.years.map(financialYearLabel),
  newFinancialYears: (r) => r.newYears.map(financialYearLabel),
  syntheticData: (r) => r.synthetic,
};

export const ReleaseQuestionSet: ReleaseQuestionSetResolvers = {
  financialYears: (s) => s.years.map(financialYearLabel),
};
