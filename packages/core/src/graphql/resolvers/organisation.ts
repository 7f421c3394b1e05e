import { figureAccess, roleOf } from "../../actor/index.ts";
import { badInput } from "../../errors/index.ts";
import { createApiKey, createOrganisation, listApiKeys, listAuditEvents, listOrganisations, revokeApiKey } from "../../organisation/index.ts";
import type {
  ApiKeyResolvers,
  AuditEventResolvers,
  MutationResolvers,
  OrganisationResolvers,
  QueryResolvers,
  ViewerResolvers,
} from "../generated/resolvers.ts";

const viewer: NonNullable<QueryResolvers["viewer"]> = (_, __, ctx) => ctx.actor;

export const Viewer: ViewerResolvers = {
  role: (actor) => roleOf(actor),
  access: (actor) => figureAccess(actor),
  organisation: (actor, _, ctx) => ("organisation" in actor ? ctx.loaders.organisation.byId.load(actor.organisation.id) : null),
};

export const Organisation: OrganisationResolvers = {
  areas: (o, _, ctx) => ctx.loaders.organisation.areasOf.load(o.id),
  area: async (o, _, ctx) => (await ctx.loaders.organisation.areasOf.load(o.id))[0] ?? null,
};

export const ApiKey: ApiKeyResolvers = {
  organisation: async (k, _, ctx) => (await ctx.loaders.organisation.byId.load(k.organisationId))!,
};

export const AuditEvent: AuditEventResolvers = {
  detail: (e) => (e.detail ? JSON.stringify(e.detail) : null),
};

const organisations: NonNullable<QueryResolvers["organisations"]> = async (_, __, ctx) => listOrganisations(await ctx.scope());

const apiKeys: NonNullable<QueryResolvers["apiKeys"]> = async (_, args, ctx) => (await listApiKeys(await ctx.scope(), args)).map((r) => r.key);

const auditEvents: NonNullable<QueryResolvers["auditEvents"]> = async (_, args, ctx) => listAuditEvents(await ctx.scope(), args);

export const organisationMutations: MutationResolvers = {
  createOrganisation: async (_, { input }, ctx) => createOrganisation(await ctx.scope(), input),
  createApiKey: async (_, { input }, ctx) => {
    if (input.role === "PUBLIC") throw badInput("A key carries MEMBER, RESEARCHER or ADMIN: anyone has PUBLIC without one", "role");
    return createApiKey(await ctx.scope(), { ...input, role: input.role ?? undefined, expiresAt: input.expiresAt ?? undefined });
  },
  revokeApiKey: async (_, { prefix }, ctx) => revokeApiKey(await ctx.scope(), prefix),
};

export const organisationQueries = { viewer, organisations, apiKeys, auditEvents };
