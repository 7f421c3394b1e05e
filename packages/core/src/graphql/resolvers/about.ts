import { releaseList } from "../../figure/index.ts";
import { dataNotice } from "../../util/notice.ts";
import type { QueryResolvers } from "../generated/resolvers.ts";

export const API_VERSION = "0.4.0";

const about: NonNullable<QueryResolvers["about"]> = async (_, __, ctx) => {
  // What the published figures are built on: the latest release's.
  const syntheticData = (await releaseList(await ctx.db()))[0]?.synthetic ?? false;
  return {
    version: API_VERSION,
    syntheticData,
    dataNotice: dataNotice(syntheticData),
  };
};

export const aboutQueries = { about };
