import { figureAccess } from "../../actor/index.ts";
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

type Resolver<K extends keyof QueryResolvers> = NonNullable<QueryResolvers[K]>;

const benchmark: Resolver<"benchmark"> = async (_, args, ctx) => compute(await ctx.db(), args);

const areaProfile: Resolver<"areaProfile"> = async (_, args, ctx) => profile(await ctx.db(), args);

const breakdown: Resolver<"breakdown"> = async (_, args, ctx) => split(await ctx.db(), args, figureAccess(ctx.actor));

const trend: Resolver<"trend"> = async (_, args, ctx) => yearly(await ctx.db(), args);

const association: Resolver<"association"> = async (_, args, ctx) => associate(await ctx.db(), args, figureAccess(ctx.actor));

const triangulation: Resolver<"triangulation"> = async (_, args, ctx) => triangulate(await ctx.db(), args);

const reportEligibility: Resolver<"reportEligibility"> = async (_, args, ctx) => eligibility(await ctx.db(), args, ctx.settings.reportThreshold);

const figureExport: Resolver<"figureExport"> = async (_, args, ctx) => exportFigures(await ctx.db(), args);

export const figureQueries = { benchmark, areaProfile, breakdown, trend, association, triangulation, reportEligibility, figureExport };
