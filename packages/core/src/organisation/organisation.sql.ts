import { boolean, index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { areas } from "../area/index.ts";

export const organisationType = pgEnum("organisation_type", ["COUNCIL", "HEALTH_BODY", "RESEARCH", "ADMINISTRATOR"]);
export const membershipStatus = pgEnum("membership_status", ["MEMBER", "LICENCE_HOLDER", "NONE"]);

/** A council or health body that submits responses for its areas, or a research body. */
export const organisations = pgTable("organisations", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  type: organisationType("type").notNull(),
  membership: membershipStatus("membership").notNull().default("MEMBER"),
  synthetic: boolean("synthetic").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The areas an organisation covers: its members send and read responses for these only. */
export const organisationAreas = pgTable(
  "organisation_areas",
  {
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    areaCode: text("area_code")
      .notNull()
      .references(() => areas.code),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.areaCode] }), index("organisation_areas_area_idx").on(t.areaCode)],
);

export type OrganisationRow = typeof organisations.$inferSelect;
