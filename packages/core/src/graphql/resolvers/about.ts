import { sql } from "drizzle-orm";
import { queryRows } from "../../db/types.ts";
import type { QueryResolvers } from "../generated/resolvers.ts";

export const API_VERSION = "0.1.0";

const about: NonNullable<QueryResolvers["about"]> = async (_, __, ctx) => {
  const db = await ctx.db();
  const [row] = await queryRows<{ synthetic: boolean }>(db, sql`select exists (select 1 from responses where synthetic) as synthetic`);
  const syntheticData = Boolean(row?.synthetic);
  return {
    version: API_VERSION,
    syntheticData,
    dataNotice: syntheticData
      ? "SYNTHETIC DEMO DATA: generated to resemble POET's published national results. Not real survey responses; not POET results."
      : "POET survey returns submitted by member councils and health bodies.",
  };
};

export const aboutQueries = { about };
