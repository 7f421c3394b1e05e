import * as figure from "../../figure/index.ts";
import type { QueryResolvers } from "../generated/resolvers.ts";
import { selects } from "../selection.ts";

export const figureQueries = {
  benchmark: async (_, args, ctx) => figure.benchmark(await ctx.scope(), args),
  areaProfile: async (_, args, ctx) => figure.areaProfile(await ctx.scope(), args),
  breakdown: async (_, args, ctx) => figure.breakdown(await ctx.scope(), args),
  trend: async (_, args, ctx) => figure.trend(await ctx.scope(), args),
  funnel: async (_, args, ctx) => figure.funnel(await ctx.scope(), args),
  association: async (_, args, ctx) => figure.association(await ctx.scope(), args),
  triangulation: async (_, args, ctx) => figure.triangulation(await ctx.scope(), args),
  reportEligibility: async (_, args, ctx) => figure.reportEligibility(await ctx.scope(), args),
  // Asked only for its row count, an export builds no content (and reserves none of the answer).
  figureExport: async (_, args, ctx, info) => figure.exportFigures(await ctx.scope(), { ...args, content: selects(info, "content") }),
} satisfies QueryResolvers;
