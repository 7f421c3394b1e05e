import { assertAreaCode, listAreas } from "../../area/index.ts";
import type { AreaResolvers, QueryResolvers } from "../generated/resolvers.ts";

const areas: NonNullable<QueryResolvers["areas"]> = async (_, args, ctx) => listAreas(await ctx.scope(), args);

const area: NonNullable<QueryResolvers["area"]> = (_, { code }, ctx) => {
  assertAreaCode(code, "code");
  return ctx.loaders.area.byCode.load(code);
};

export const Area: AreaResolvers = {
  parent: (row, _, ctx) => (row.parentCode ? ctx.loaders.area.byCode.load(row.parentCode) : null),
  children: async (row, { type }, ctx) => {
    const children = await ctx.loaders.area.childrenOf.load(row.code);
    return type ? children.filter((c) => c.type === type) : children;
  },
  statisticalNeighbours: (row, _, ctx) => ctx.loaders.area.neighboursOf.load(row.code),
};

export const areaQueries = { areas, area };
