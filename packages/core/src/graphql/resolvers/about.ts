import { hasSyntheticData } from "../../response/index.ts";
import { dataNotice } from "../../util/notice.ts";
import type { QueryResolvers } from "../generated/resolvers.ts";

export const API_VERSION = "0.1.0";

const about: NonNullable<QueryResolvers["about"]> = async (_, __, ctx) => {
  const syntheticData = await hasSyntheticData(await ctx.db());
  return {
    version: API_VERSION,
    syntheticData,
    dataNotice: dataNotice(syntheticData),
  };
};

export const aboutQueries = { about };
