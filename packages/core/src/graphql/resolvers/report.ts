import { PoetError } from "../../errors/index.ts";
import * as figure from "../../figure/index.ts";
import type { QueryResolvers } from "../generated/resolvers.ts";

type Resolver<K extends keyof QueryResolvers> = NonNullable<QueryResolvers[K]>;

const localReport: Resolver<"localReport"> = async (_, args, ctx) => {
  if (!ctx.services.reports) throw new PoetError("NOT_FOUND", "Local reports are not drawn by this deployment");
  return ctx.services.reports.render(await ctx.scope(), args);
};

/** Without `areaType`, each instrument in the areas it is collected in (ICBs for PHB, councils otherwise). */
const coverage: Resolver<"coverage"> = async (_, args, ctx) =>
  figure.coverage(await ctx.scope(), { questionSet: args.questionSet, areaType: args.areaType, release: args.release });

export const reportQueries = { localReport, coverage };
