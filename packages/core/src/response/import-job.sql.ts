import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organisations } from "../organisation/index.ts";

export const importState = pgEnum("import_state", ["WAITING_FOR_UPLOAD", "RUNNING", "SUCCEEDED", "REJECTED", "FAILED"]);

/**
 * A large import: created with an upload URL, run by the import function when the file lands in
 * the imports bucket, read back with `importJob`. Only counts and row errors are kept here, never
 * the file's answers.
 */
export const importJobs = pgTable(
  "import_jobs",
  {
    id: text("id").primaryKey(),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** Who asked for it, as the audit trail names callers. */
    requestedBy: text("requested_by").notNull(),
    state: importState("state").notNull().default("WAITING_FOR_UPLOAD"),
    /** { questionSet, dryRun, acceptValid } as asked. */
    options: jsonb("options").notNull(),
    rows: integer("rows"),
    created: integer("created"),
    unchanged: integer("unchanged"),
    replaced: integer("replaced"),
    rejected: integer("rejected"),
    written: boolean("written"),
    /** The rows' errors (the first 1,000), or null. */
    errors: jsonb("errors"),
    /** Why a file could not be read at all. */
    message: text("message"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("import_jobs_org_idx").on(t.organisationId, t.createdAt)],
);

export type ImportJobRow = typeof importJobs.$inferSelect;
