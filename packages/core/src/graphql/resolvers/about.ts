import { hasSyntheticData } from "../../response/index.ts";
import type { QueryResolvers } from "../generated/resolvers.ts";

export const API_VERSION = "0.1.0";

const about: NonNullable<QueryResolvers["about"]> = async (_, __, ctx) => {
  const syntheticData = await hasSyntheticData(await ctx.db());
  return {
    version: API_VERSION,
    syntheticData,
    dataNotice: syntheticData
      ? "SYNTHETIC DEMO DATA: generated to resemble POET's published national results. Not real survey responses; not POET results."
      : "POET survey returns submitted by member councils and health bodies.",
  };
};

export const aboutQueries = { about };
