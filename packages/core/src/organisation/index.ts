import { asc, eq, inArray } from "drizzle-orm";
import { assertAdmin } from "../actor/index.ts";
import { areas } from "../area/area.sql.ts";
import { badInput, PoetError } from "../errors.ts";
import type { Scope } from "../scope.ts";
import { transaction } from "../util/transaction.ts";
import { parseInput } from "../util/validate.ts";
import { recordAudit } from "./audit.ts";
import { type OrganisationRow, organisationAreas, organisations } from "./organisation.sql.ts";
import { type NewOrganisation, newOrganisation } from "./validation.ts";

export { listAuditEvents } from "./audit.ts";
export { authenticate } from "./authenticate.ts";
export { createApiKey, listApiKeys, revokeApiKey } from "./keys.ts";

/** Adds an organisation with the areas it covers: all of it or none. */
export async function createOrganisation(scope: Scope, input: NewOrganisation): Promise<OrganisationRow> {
  assertAdmin(scope.actor);
  const args = parseInput(newOrganisation, input, "input");
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
}

export async function listOrganisations(scope: Scope): Promise<OrganisationRow[]> {
  assertAdmin(scope.actor);
  return scope.db.select().from(organisations).where(eq(organisations.synthetic, false)).orderBy(asc(organisations.slug));
}
