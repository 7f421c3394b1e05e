import { asc, eq, inArray } from "drizzle-orm";
import { assertAdmin } from "../actor/index.ts";
import { areas } from "../area/index.ts";
import { badInput, PoetError } from "../errors/index.ts";
import type { Scope } from "../scope/index.ts";
import { transaction } from "../scope/index.ts";
import { validated } from "../util/validate.ts";
import { recordAudit } from "./audit.ts";
import { type OrganisationRow, organisationAreas, organisations } from "./organisation.sql.ts";
import { newOrganisation } from "./validation.ts";

export { listAuditEvents } from "./audit.ts";
export { authenticate } from "./authenticate.ts";
export { createApiKey, listApiKeys, revokeApiKey } from "./keys.ts";

/** Adds an organisation with the areas it covers: all of it or none. */
export const createOrganisation = validated(newOrganisation, async (scope: Scope, args): Promise<OrganisationRow> => {
  assertAdmin(scope.actor);
  const covered = [...new Set(args.areas)];
  return transaction(scope, async (tx) => {
    const known = new Set((await tx.db.select({ code: areas.code }).from(areas).where(inArray(areas.code, covered))).map((a) => a.code));
    const unknown = covered.filter((c) => !known.has(c));
    if (unknown.length) throw badInput(`Unknown area code(s): ${unknown.join(", ")}`, "areas");
    const [organisation] = await tx.db.insert(organisations).values({ slug: args.slug, name: args.name, type: args.type }).onConflictDoNothing().returning();
    if (!organisation) throw new PoetError("CONFLICT", `An organisation "${args.slug}" already exists`, { argument: "slug" });
    if (covered.length) await tx.db.insert(organisationAreas).values(covered.map((areaCode) => ({ organisationId: organisation.id, areaCode })));
    await recordAudit(tx, { action: "organisation.create", subject: args.slug, detail: { type: args.type, areas: covered } });
    return organisation;
  });
});

export async function listOrganisations(scope: Scope): Promise<OrganisationRow[]> {
  assertAdmin(scope.actor);
  return scope.db.select().from(organisations).where(eq(organisations.synthetic, false)).orderBy(asc(organisations.slug));
}
export type { AuditEventRow } from "./audit.ts";
export { recordAudit } from "./audit.ts";
export type { ApiKeyRow } from "./keys.ts";
export { createOrganisationLoaders } from "./loaders.ts";
export type { OrganisationRow } from "./organisation.sql.ts";
export { organisationAreas, organisations } from "./organisation.sql.ts";
export type { NewOrganisation } from "./validation.ts";
export { slugSchema } from "./validation.ts";
