import { integer, pgTable, primaryKey, smallint, text } from "drizzle-orm/pg-core";
import { band } from "../questionset/index.ts";

/*
 * The figure cubes. Each row counts the live (not withdrawn) responses of one leaf area and
 * financial year in one cell, with `keySum`, the sum of those responses' record keys, from which
 * the cell-key method derives a cell's key (docs/disclosure-control.md). Cells add up: a region's
 * or a run of years' count and key sum are sums of leaf cells. Writes keep the cubes, so a headline
 * figure, rank, benchmark or trend costs the same whether the database holds ten thousand
 * responses or ten million. They hold one-dimensional counts only: joint counts (breakdowns,
 * associations) are counted from the answers when read (`joint.ts`).
 *
 * They are derived from rows whose references are already checked, so they carry no foreign
 * keys of their own: a rebuild writes its rows without a check each.
 */

/** A count and its records' key sum (disclosure control's input), for a cube's key columns. */
const counted = () => ({ count: integer("count").notNull(), keySum: integer("key_sum").notNull() });

/** The columns of responses counted by question-set version, area and year: live, and as a release freezes them. */
export const responseCountColumns = () => ({
  questionSetId: integer("question_set_id").notNull(),
  areaCode: text("area_code").notNull(),
  financialYear: smallint("financial_year").notNull(),
  ...counted(),
});

/** The columns of answers counted by question, area, year and band: live, and as a release freezes them. */
export const bandCountColumns = () => ({
  questionId: integer("question_id").notNull(),
  areaCode: text("area_code").notNull(),
  financialYear: smallint("financial_year").notNull(),
  band: band("band").notNull(),
  ...counted(),
});

/** Responses per question set, area and year: for report eligibility and discovery. */
export const responseCounts = pgTable("response_counts", responseCountColumns(), (t) => [
  primaryKey({ name: "response_counts_pk", columns: [t.questionSetId, t.areaCode, t.financialYear] }),
]);

/** Answers to a graded question by band: every measure, benchmark, rank and trend. */
export const bandCounts = pgTable("band_counts", bandCountColumns(), (t) => [
  primaryKey({ name: "band_counts_pk", columns: [t.questionId, t.areaCode, t.financialYear, t.band] }),
]);
