import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, index, integer, pgEnum, pgTable, primaryKey, smallint, text } from "drizzle-orm/pg-core";
import { AREA_TYPES } from "./reference.ts";

export const areaType = pgEnum("area_type", AREA_TYPES);

export const areas = pgTable(
  "areas",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    type: areaType("type").notNull(),
    parentCode: text("parent_code").references((): AnyPgColumn => areas.code),
    population: integer("population"),
  },
  (t) => [index("areas_parent_idx").on(t.parentCode, t.type, t.code), index("areas_type_idx").on(t.type, t.code)],
);

/** Every area paired with itself and each ancestor: a figure for an area sums its descendants. */
export const areaAncestors = pgTable(
  "area_ancestors",
  {
    areaCode: text("area_code")
      .notNull()
      .references(() => areas.code),
    ancestorCode: text("ancestor_code")
      .notNull()
      .references(() => areas.code),
    depth: smallint("depth").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ancestorCode, t.areaCode] }), index("area_ancestors_area_idx").on(t.areaCode)],
);

/** DfE's statistical neighbours: each council's ten most similar councils, ranked. */
export const statisticalNeighbours = pgTable(
  "statistical_neighbours",
  {
    areaCode: text("area_code")
      .notNull()
      .references(() => areas.code),
    neighbourCode: text("neighbour_code")
      .notNull()
      .references(() => areas.code),
    rank: smallint("rank").notNull(),
  },
  (t) => [primaryKey({ columns: [t.areaCode, t.rank] }), check("neighbour_rank_range", sql`${t.rank} between 1 and 10`)],
);

export type AreaRow = typeof areas.$inferSelect;
