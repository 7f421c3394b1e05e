import { boolean, integer, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { areas } from "../area/area.sql.ts";

export const organisationType = pgEnum("organisation_type", ["COUNCIL", "HEALTH_BODY", "RESEARCH", "ADMINISTRATOR"]);
export const membershipStatus = pgEnum("membership_status", ["MEMBER", "LICENCE_HOLDER", "NONE"]);

/** A council or health body that submits responses for its areas, or a research body. */
export const organisations = pgTable("organisations", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  type: organisationType("type").notNull(),
  membership: membershipStatus("membership").notNull().default("MEMBER"),
  areaCode: text("area_code").references(() => areas.code),
  synthetic: boolean("synthetic").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type OrganisationRow = typeof organisations.$inferSelect;
