import { benchmark as computeBenchmark } from "../../figure/index.ts";
import type { QueryResolvers } from "../generated/resolvers.ts";

const benchmark: NonNullable<QueryResolvers["benchmark"]> = async (_, args, ctx) =>
  computeBenchmark(await ctx.db(), { ...args, band: args.band ?? "POSITIVE" });

export const figureQueries = { benchmark };
