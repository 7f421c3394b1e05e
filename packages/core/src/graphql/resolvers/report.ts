import { PoetError } from "../../errors.ts";
import { coverage as cover } from "../../figure/coverage.ts";
import type { QueryResolvers } from "../generated/resolvers.ts";

type Resolver<K extends keyof QueryResolvers> = NonNullable<QueryResolvers[K]>;

const localReport: Resolver<"localReport"> = async (_, args, ctx) => {
  const scope = await ctx.scope();
  if (!scope.settings.reports) throw new PoetError("NOT_FOUND", "Local reports are not drawn by this deployment");
  return scope.settings.reports.render(scope, args);
};

const coverage: Resolver<"coverage"> = async (_, args, ctx) =>
  cover(await ctx.scope(), { questionSet: args.questionSet, areaType: args.areaType ?? "LOCAL_AUTHORITY", release: args.release });

export const reportQueries = { localReport, coverage };
