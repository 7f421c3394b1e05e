import { sql } from "drizzle-orm";
import { bigint, boolean, check, customType, date, integer, pgTable, primaryKey, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { bandCountColumns, responseCountColumns } from "../figure/index.ts";

/*
 * Releases: what everyone but a response's owner reads (docs/releases.md). A release is a name
 * and the financial years it holds; each year is published once, by the first release cut after
 * it closed, and is final: its aggregates are frozen here when it is published and never change.
 * These tables hold aggregates only (counts and key sums by council or ICB, or by region for
 * two-way breakdowns): no response, no reference, no answer of anyone.
 */

export const releases = pgTable(
  "releases",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** e.g. "2026-11": never reused, never changed. */
    name: text("name").notNull().unique(),
    cutAt: timestamp("cut_at", { withTimezone: true }).notNull().defaultNow(),
    /** The day whose publication rule the cut applied: years closed (and past their lag) by then. */
    asOf: date("as_of", { mode: "string" }).notNull(),
    /** Who cut it (`describeActor`), for the record. */
    cutBy: text("cut_by").notNull(),
  },
  (t) => [check("releases_name_shape", sql`${t.name} ~ '^[0-9]{4}-[0-9]{2}(-[a-z0-9]{1,16})?$'`)],
);

/** Each financial year, once published: the release that first published it. */
export const publishedYears = pgTable("published_years", {
  financialYear: smallint("financial_year").primaryKey(),
  releaseId: integer("release_id")
    .notNull()
    .references(() => releases.id),
  /** Whether any of the year's published responses is synthetic (demo data). */
  synthetic: boolean("synthetic").notNull(),
});

/** Responses per question-set version, council or ICB and year, as published (frozen). */
export const publishedResponseCounts = pgTable("published_response_counts", responseCountColumns(), (t) => [
  primaryKey({ name: "published_response_counts_pk", columns: [t.financialYear, t.questionSetId, t.areaCode] }),
]);

/** Answers to a graded question by band, council or ICB and year, as published (frozen). */
export const publishedBandCounts = pgTable("published_band_counts", bandCountColumns(), (t) => [
  primaryKey({ name: "published_band_counts_pk", columns: [t.questionId, t.financialYear, t.areaCode, t.band] }),
]);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/**
 * Joint counts as published (frozen): one row per year, kind and questions, its cells packed
 * (`figure/joint-cells.ts`). Kind 1: a graded question by a categorical one, by council or ICB;
 * kind 2: a graded question by two categorical ones, by region; kind 3: a PROCESS question's
 * band against an OUTCOME question's, by council or ICB.
 */
export const publishedJoint = pgTable(
  "published_joint",
  {
    financialYear: smallint("financial_year").notNull(),
    kind: smallint("kind").notNull(),
    questionSetId: integer("question_set_id").notNull(),
    first: integer("first").notNull(),
    second: integer("second").notNull(),
    third: integer("third").notNull().default(0),
    cells: bytea("cells").notNull(),
    /** How many cells `cells` packs. */
    size: bigint("size", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ name: "published_joint_pk", columns: [t.financialYear, t.kind, t.first, t.second, t.third] })],
);

export type ReleaseRow = typeof releases.$inferSelect;
