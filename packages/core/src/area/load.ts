import { sql } from "drizzle-orm";
import type { Db } from "../db/index.ts";
import { areaAncestors, areas, statisticalNeighbours } from "./area.sql.ts";
import { referenceAreas, referenceNeighbours } from "./reference.ts";

/** Loads (or refreshes) every reference area, the hierarchy closure and statistical neighbours. */
export async function loadReferenceAreas(db: Db): Promise<void> {
  const all = referenceAreas();
  await db.transaction(async (tx) => {
    await tx
      .insert(areas)
      .values(all)
      .onConflictDoUpdate({
        target: areas.code,
        set: { name: sql`excluded.name`, type: sql`excluded.type`, parentCode: sql`excluded.parent_code`, population: sql`excluded.population` },
      });
    const parentOf = new Map(all.map((a) => [a.code, a.parentCode]));
    const closure: { areaCode: string; ancestorCode: string; depth: number }[] = [];
    for (const area of all) {
      let depth = 0;
      for (let code: string | null | undefined = area.code; code; code = parentOf.get(code)) {
        closure.push({ areaCode: area.code, ancestorCode: code, depth: depth++ });
      }
    }
    await tx.delete(areaAncestors);
    await tx.insert(areaAncestors).values(closure);
    await tx.delete(statisticalNeighbours);
    await tx.insert(statisticalNeighbours).values(referenceNeighbours());
  });
}
