import type { OrganisationResolvers, QueryResolvers } from "../generated/resolvers.ts";

const viewer: NonNullable<QueryResolvers["viewer"]> = (_, __, ctx) => ctx.viewer();

export const Organisation: OrganisationResolvers = {
  area: (o, _, ctx) => (o.areaCode ? ctx.loaders.area.byCode.load(o.areaCode) : null),
};

export const organisationQueries = { viewer };
