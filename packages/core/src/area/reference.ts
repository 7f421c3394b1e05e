import { parseCsv } from "../util/csv.ts";
import areasCsv from "./data/areas.csv.ts";
import icbsCsv from "./data/icbs.csv.ts";
import neighboursCsv from "./data/statistical_neighbours.csv.ts";

export const AREA_TYPES = ["NATION", "REGION", "LOCAL_AUTHORITY", "NHS_REGION", "ICB"] as const;
export type AreaType = (typeof AREA_TYPES)[number];

export interface ReferenceArea {
  code: string;
  name: string;
  type: AreaType;
  parentCode: string | null;
  population: number | null;
}

export interface ReferenceNeighbour {
  areaCode: string;
  neighbourCode: string;
  rank: number;
}

const readData = (csv: string) => parseCsv(csv);

/** England, its regions and upper-tier councils, then NHS regions and ICBs: parents first. */
export function referenceAreas(): ReferenceArea[] {
  return [...readData(areasCsv), ...readData(icbsCsv)].map((row) => ({
    code: row.code!,
    name: row.name!,
    type: row.type as AreaType,
    parentCode: row.parent_code || null,
    population: row.population ? Number(row.population) : null,
  }));
}

export function referenceNeighbours(): ReferenceNeighbour[] {
  return readData(neighboursCsv).map((row) => ({
    areaCode: row.code!,
    neighbourCode: row.neighbour_code!,
    rank: Number(row.rank),
  }));
}
