import { eq } from "drizzle-orm";
import { roleOf } from "../actor/index.ts";
import { forbidden, notFound, PoetError } from "../errors/index.ts";
import { organisationAreas, organisations, slugSchema } from "../organisation/index.ts";
import type { Scope } from "../scope/index.ts";
import { parseInput } from "../util/validate.ts";

/** The organisation a write or a row-level read acts for, and the areas it covers. */
export interface Writer {
  organisationId: number;
  slug: string;
  areas: ReadonlySet<string>;
}

async function coveredAreas(scope: Scope, organisationId: number): Promise<Set<string>> {
  const rows = await scope.db.select({ code: organisationAreas.areaCode }).from(organisationAreas).where(eq(organisationAreas.organisationId, organisationId));
  return new Set(rows.map((r) => r.code));
}

/**
 * Who responses are written and read for: a member's or administrator's own organisation, or,
 * for the system (the CLI, import jobs), the organisation it names. Nobody else touches a row.
 */
export async function writerOf(scope: Scope, organisation?: string | null): Promise<Writer> {
  const { actor } = scope;
  switch (actor.type) {
    case "anonymous":
      throw new PoetError("UNAUTHENTICATED", "Responses are sent and read with a member's credential");
    case "researcher":
      throw forbidden("A research key reads aggregates, never a response");
    case "member":
      return { organisationId: actor.organisation.id, slug: actor.organisation.slug, areas: new Set(actor.areas) };
    case "admin":
      return { organisationId: actor.organisation.id, slug: actor.organisation.slug, areas: await coveredAreas(scope, actor.organisation.id) };
    case "system": {
      if (!organisation) throw new PoetError("BAD_USER_INPUT", "Name the organisation the responses belong to", { argument: "organisation" });
      const wanted = parseInput(slugSchema, organisation, "organisation");
      const [row] = await scope.db.select().from(organisations).where(eq(organisations.slug, wanted));
      if (!row) throw notFound(`No organisation "${wanted}"`, "organisation");
      return { organisationId: row.id, slug: row.slug, areas: await coveredAreas(scope, row.id) };
    }
  }
  // Unreachable while Actor has these five kinds; a new kind gets no rows until it is added here.
  throw forbidden(`${roleOf(actor)} cannot touch responses`);
}
