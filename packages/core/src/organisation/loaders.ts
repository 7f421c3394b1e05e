import { asc, eq, inArray } from "drizzle-orm";
import { type AreaRow, areas } from "../area/index.ts";
import type { Db } from "../db/index.ts";
import { groupBy, Loader } from "../util/loader.ts";
import { type OrganisationRow, organisationAreas, organisations } from "./organisation.sql.ts";

export function createOrganisationLoaders(getDb: () => Promise<Db>) {
  return {
    byId: new Loader<number, OrganisationRow | null>(
      async (ids) => {
        const rows = await (await getDb()).select().from(organisations).where(inArray(organisations.id, ids));
        return new Map(rows.map((r) => [r.id, r]));
      },
      () => null,
    ),
    areasOf: new Loader<number, AreaRow[]>(
      async (ids) => {
        const rows = await (await getDb())
          .select({ of: organisationAreas.organisationId, area: areas })
          .from(organisationAreas)
          .innerJoin(areas, eq(areas.code, organisationAreas.areaCode))
          .where(inArray(organisationAreas.organisationId, ids))
          .orderBy(asc(areas.code));
        return new Map([...groupBy(rows, (r) => r.of)].map(([id, list]) => [id, list.map((r) => r.area)]));
      },
      () => [],
    ),
  };
}
