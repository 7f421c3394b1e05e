import { cutRelease as cut, describeReleases } from "../../release/index.ts";
import { financialYearLabel } from "../../util/financial-year.ts";
import type { MutationResolvers, QueryResolvers, ReleaseQuestionSetResolvers, ReleaseResolvers } from "../generated/resolvers.ts";

const releases: NonNullable<QueryResolvers["releases"]> = async (_, __, ctx) => describeReleases(await ctx.db());

const release: NonNullable<QueryResolvers["release"]> = async (_, args, ctx) =>
  (await describeReleases(await ctx.db())).find((r) => r.name === args.name) ?? null;

const cutRelease: NonNullable<MutationResolvers["cutRelease"]> = async (_, args, ctx) => {
  const scope = await ctx.scope();
  const cutOne = await cut(scope, { name: args.name });
  return (await describeReleases(scope.db)).find((r) => r.id === cutOne.id)!;
};

export const releaseQueries = { releases, release };
export const releaseMutations = { cutRelease };

export const Release: ReleaseResolvers = {
  cutAt: (r) => r.cutAt.toISOString(),
  financialYears: (r) => r.years.map(financialYearLabel),
  newFinancialYears: (r) => r.newYears.map(financialYearLabel),
  syntheticData: (r) => r.synthetic,
};

export const ReleaseQuestionSet: ReleaseQuestionSetResolvers = {
  financialYears: (s) => s.years.map(financialYearLabel),
};
