import { and, asc, count, eq, gt, inArray } from "drizzle-orm";
import type { Db } from "../db/index.ts";
import type { Scope } from "../scope/index.ts";
import { groupBy, Loader } from "../util/loader.ts";
import { cursors, MAX_PAGE_SIZE, page } from "../util/page.ts";
import { parseInput, validated } from "../util/validate.ts";
import { type AreaRow, areas, statisticalNeighbours } from "./area.sql.ts";
import type { AreaType } from "./reference.ts";
import { areaCode, areaPageArgs } from "./validation.ts";

export { MAX_PAGE_SIZE };
export const ENGLAND = "E92000001";

export function assertAreaCode(code: string, argument = "area"): void {
  parseInput(areaCode, code, argument);
}

const areaCursors = cursors("area", areaCode);

export interface AreaPageArgs {
  type?: AreaType | null;
  parent?: string | null;
  first: number;
  after?: string | null;
}

export const listAreas = validated(areaPageArgs, async ({ db }: Scope, args: AreaPageArgs) => {
  const filter = and(args.type ? eq(areas.type, args.type) : undefined, args.parent ? eq(areas.parentCode, args.parent) : undefined);
  const after = args.after ? areaCursors.decode(args.after) : null;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(areas)
      .where(and(filter, after ? gt(areas.code, after) : undefined))
      .orderBy(asc(areas.code))
      .limit(args.first + 1),
    db.select({ n: count() }).from(areas).where(filter),
  ]);
  return { ...page(rows, args.first, after !== null, (area) => areaCursors.encode(area.code)), totalCount: total?.n ?? 0 };
});

export function createAreaLoaders(getDb: () => Promise<Db>) {
  return {
    byCode: new Loader<string, AreaRow | null>(
      async (codes) => {
        const rows = await (await getDb()).select().from(areas).where(inArray(areas.code, codes));
        return new Map(rows.map((r) => [r.code, r]));
      },
      () => null,
    ),
    childrenOf: new Loader<string, AreaRow[]>(
      async (codes) => {
        const rows = await (await getDb()).select().from(areas).where(inArray(areas.parentCode, codes)).orderBy(asc(areas.code));
        return groupBy(rows, (r) => r.parentCode!);
      },
      () => [],
    ),
    neighboursOf: new Loader<string, AreaRow[]>(
      async (codes) => {
        const rows = await (await getDb())
          .select({ of: statisticalNeighbours.areaCode, area: areas })
          .from(statisticalNeighbours)
          .innerJoin(areas, eq(areas.code, statisticalNeighbours.neighbourCode))
          .where(inArray(statisticalNeighbours.areaCode, codes))
          .orderBy(asc(statisticalNeighbours.rank));
        return new Map([...groupBy(rows, (r) => r.of)].map(([k, v]) => [k, v.map((r) => r.area)]));
      },
      () => [],
    ),
  };
}
export type { AreaRow } from "./area.sql.ts";
export { areaAncestors, areas, statisticalNeighbours } from "./area.sql.ts";
export { loadReferenceAreas } from "./load.ts";
export type { AreaType } from "./reference.ts";
export { AREA_TYPES, referenceAreas, referenceNeighbours } from "./reference.ts";
export { areaCode } from "./validation.ts";
