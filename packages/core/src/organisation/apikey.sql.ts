import { index, integer, jsonb, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organisations } from "./organisation.sql.ts";

/** What a credential may do; anonymous callers have no role (PUBLIC access). */
export const keyRole = pgEnum("key_role", ["MEMBER", "RESEARCHER", "ADMIN"]);

/**
 * API keys: `poet_<prefix>_<secret>`. Only a SHA-256 hash is stored; the key itself is shown
 * once, when issued. The prefix names the key in listings and audit records.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    prefix: text("prefix").notNull().unique(),
    role: keyRole("role").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_keys_organisation_idx").on(t.organisationId)],
);

/** Who changed or read what: key and organisation changes, row-level reads and exports. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    subject: text("subject").notNull(),
    rows: integer("rows"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_events_at_idx").on(t.at)],
);
