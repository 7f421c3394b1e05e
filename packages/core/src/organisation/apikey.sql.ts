import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organisations } from "./organisation.sql.ts";

/** API keys: only a SHA-256 hash is stored; the key itself is shown once, when issued. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    organisationId: integer("organisation_id").notNull().references(() => organisations.id),
    name: text("name").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_keys_organisation_idx").on(t.organisationId)],
);
