import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgEnum, pgTable, pgView, smallint, text, timestamp, unique } from "drizzle-orm/pg-core";

/** How a response was collected, and who completed the form: the enums' values, which validation checks input against. */
export const COLLECTION_MODES = ["ONLINE", "PAPER", "REVIEW", "TELEPHONE"] as const;
export const COMPLETED_BY = ["SELF", "WITH_HELP", "ON_BEHALF", "UNKNOWN"] as const;

export const collectionMode = pgEnum("collection_mode", COLLECTION_MODES);
export const completedBy = pgEnum("completed_by", COMPLETED_BY);

/**
 * One completed survey, identified to its organisation by `externalRef`. A withdrawn response
 * (the right to erasure) keeps only what audit needs: its reference, organisation, instrument,
 * area and when it was submitted and withdrawn; its answers, comment and details are deleted.
 *
 * Its question set, area and organisation (migration 0008_reference_checks_by_key), and its
 * choices (0009_answers_in_the_response), are checked once per statement, not per row:
 * row-by-row foreign keys cost three times the insert itself.
 */
export const responses = pgTable(
  "responses",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    questionSetId: integer("question_set_id").notNull(),
    areaCode: text("area_code").notNull(),
    organisationId: integer("organisation_id").notNull(),
    externalRef: text("external_ref").notNull(),
    /** Null once withdrawn, like every detail below. */
    collectedOn: date("collected_on", { mode: "string" }),
    /** Start year of the April–March financial year of `collected_on` (2024 = 2024-25). */
    financialYear: smallint("financial_year"),
    collectionMode: collectionMode("collection_mode"),
    completedBy: completedBy("completed_by"),
    comment: text("comment"),
    /**
     * The answers: one integer per question of the version, in form order (`questions.position`
     * + 1), whose bits are the options chosen (`scale_options.bit`); 0 for a question skipped.
     * One value per response, not one row per answer: an import writes a tenth of the rows, and
     * a joint count reads two or three elements of the rows it selects (figure/joint.ts).
     * Checked once per statement against the version's questions and scales (migration
     * 0009_answers_in_the_response). Null once withdrawn.
     */
    choices: integer("choices").array(),
    /** A digest of what was submitted: the same content again is UNCHANGED, different content a CONFLICT. */
    contentHash: text("content_hash"),
    /** Random 0–255, fixed at ingestion, never shown: the record key of disclosure control. */
    recordKey: smallint("record_key").notNull(),
    synthetic: boolean("synthetic").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    correctedAt: timestamp("corrected_at", { withTimezone: true }),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
  },
  (t) => [
    unique("responses_org_ref").on(t.organisationId, t.externalRef),
    // A member reads its organisation's responses newest first.
    index("responses_org_idx").on(t.organisationId, t.id),
    index("responses_set_area_idx").on(t.questionSetId, t.areaCode, t.financialYear),
    check("record_key_range", sql`${t.recordKey} between 0 and 255`),
    check(
      "responses_live_complete",
      sql`${t.withdrawnAt} is not null or (${t.collectedOn} is not null and ${t.financialYear} is not null and ${t.collectionMode} is not null and ${t.completedBy} is not null and ${t.choices} is not null)`,
    ),
    // `choices[n]` is the n-th question's: one dimension, counted from 1.
    check("responses_choices_shape", sql`${t.choices} is null or (array_ndims(${t.choices}) = 1 and array_lower(${t.choices}, 1) = 1)`),
  ],
);

/**
 * One row per option chosen, read from `responses.choices` (a view, migration
 * 0009_answers_in_the_response): for reading a few responses back, and for tests' own counts.
 * Figures never count through it: the cubes and the joint counts read `choices` directly.
 */
export const answers = pgView("answers", {
  responseId: integer("response_id").notNull(),
  questionId: integer("question_id").notNull(),
  optionId: integer("option_id").notNull(),
}).existing();

export type ResponseRow = typeof responses.$inferSelect;
