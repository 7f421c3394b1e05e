import {
  association as associate,
  benchmark as compute,
  reportEligibility as eligibility,
  exportFigures,
  areaProfile as profile,
  breakdown as split,
  triangulation as triangulate,
  trend as yearly,
} from "../../figure/index.ts";
import type { QueryResolvers } from "../generated/resolvers.ts";
import { selects } from "../selection.ts";

type Resolver<K extends keyof QueryResolvers> = NonNullable<QueryResolvers[K]>;

const benchmark: Resolver<"benchmark"> = async (_, args, ctx) => compute(await ctx.scope(), args);

const areaProfile: Resolver<"areaProfile"> = async (_, args, ctx) => profile(await ctx.scope(), args);

const breakdown: Resolver<"breakdown"> = async (_, args, ctx) => split(await ctx.scope(), args);

const trend: Resolver<"trend"> = async (_, args, ctx) => yearly(await ctx.scope(), args);

const association: Resolver<"association"> = async (_, args, ctx) => associate(await ctx.scope(), args);

const triangulation: Resolver<"triangulation"> = async (_, args, ctx) => triangulate(await ctx.scope(), args);

const reportEligibility: Resolver<"reportEligibility"> = async (_, args, ctx) => eligibility(await ctx.scope(), args);

// Asked only for its row count, an export builds no content (and reserves none of the answer).
const figureExport: Resolver<"figureExport"> = async (_, args, ctx, info) => exportFigures(await ctx.scope(), { ...args, content: selects(info, "content") });

export const figureQueries = { benchmark, areaProfile, breakdown, trend, association, triangulation, reportEligibility, figureExport };
