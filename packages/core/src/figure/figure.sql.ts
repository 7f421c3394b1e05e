import { bigint, integer, pgTable, primaryKey, smallint, text } from "drizzle-orm/pg-core";
import { band } from "../questionset/questionset.sql.ts";

/*
 * The figure cubes. Each row counts the live (not withdrawn) responses of one leaf area and
 * financial year in one cell, with `keySum`, the sum of those responses' record keys, from which
 * the cell-key method derives a cell's key (docs/disclosure-control.md). Cells add up: a region's
 * or a run of years' count and key sum are sums of leaf cells. Writes keep the cubes, so a figure
 * costs the same whether the database holds ten thousand responses or ten million.
 *
 * They are derived from rows that the foreign keys of `answers` and `responses` already check,
 * so they carry none of their own: a rebuild writes millions of rows without a trigger each.
 */

/** Responses per question set, area and year: for report eligibility and discovery. */
export const responseCounts = pgTable(
  "response_counts",
  {
    questionSetId: integer("question_set_id").notNull(),
    areaCode: text("area_code").notNull(),
    financialYear: smallint("financial_year").notNull(),
    count: integer("count").notNull(),
    keySum: integer("key_sum").notNull(),
  },
  (t) => [primaryKey({ name: "response_counts_pk", columns: [t.questionSetId, t.areaCode, t.financialYear] })],
);

/** Answers to a graded question by band: every measure, benchmark, rank and trend. */
export const bandCounts = pgTable(
  "band_counts",
  {
    questionId: integer("question_id").notNull(),
    areaCode: text("area_code").notNull(),
    financialYear: smallint("financial_year").notNull(),
    band: band("band").notNull(),
    count: integer("count").notNull(),
    keySum: integer("key_sum").notNull(),
  },
  (t) => [primaryKey({ name: "band_counts_pk", columns: [t.questionId, t.areaCode, t.financialYear, t.band] })],
);

/** A graded question's bands split by the answer to a categorical question (band-less options): breakdowns. */
export const breakdownCounts = pgTable(
  "breakdown_counts",
  {
    questionId: integer("question_id").notNull(),
    byQuestionId: integer("by_question_id").notNull(),
    byOptionId: integer("by_option_id").notNull(),
    areaCode: text("area_code").notNull(),
    financialYear: smallint("financial_year").notNull(),
    band: band("band").notNull(),
    count: integer("count").notNull(),
    keySum: integer("key_sum").notNull(),
  },
  (t) => [primaryKey({ name: "breakdown_counts_pk", columns: [t.questionId, t.byQuestionId, t.areaCode, t.financialYear, t.byOptionId, t.band] })],
);

/**
 * A graded question's bands split by the answers to two categorical questions (`byQuestionId` <
 * `thenQuestionId`), at region grain: two-way breakdowns for England and regions only.
 */
export const crossBreakdownCounts = pgTable(
  "cross_breakdown_counts",
  {
    questionId: integer("question_id").notNull(),
    byQuestionId: integer("by_question_id").notNull(),
    byOptionId: integer("by_option_id").notNull(),
    thenQuestionId: integer("then_question_id").notNull(),
    thenOptionId: integer("then_option_id").notNull(),
    regionCode: text("region_code").notNull(),
    financialYear: smallint("financial_year").notNull(),
    band: band("band").notNull(),
    count: integer("count").notNull(),
    keySum: integer("key_sum").notNull(),
  },
  (t) => [
    primaryKey({
      name: "cross_breakdown_counts_pk",
      columns: [t.questionId, t.byQuestionId, t.thenQuestionId, t.regionCode, t.financialYear, t.byOptionId, t.thenOptionId, t.band],
    }),
  ],
);

/** A PROCESS question's band against an OUTCOME question's band: associations. */
export const pairCounts = pgTable(
  "pair_counts",
  {
    processQuestionId: integer("process_question_id").notNull(),
    outcomeQuestionId: integer("outcome_question_id").notNull(),
    areaCode: text("area_code").notNull(),
    financialYear: smallint("financial_year").notNull(),
    processBand: band("process_band").notNull(),
    outcomeBand: band("outcome_band").notNull(),
    count: integer("count").notNull(),
    keySum: integer("key_sum").notNull(),
  },
  (t) => [
    primaryKey({ name: "pair_counts_pk", columns: [t.processQuestionId, t.outcomeQuestionId, t.areaCode, t.financialYear, t.processBand, t.outcomeBand] }),
  ],
);

/**
 * One row: bumped by every write to the cubes, so a cached read of the cubes is checked with one
 * tiny query and is never stale, in any process or Lambda container.
 */
export const cubeVersion = pgTable("cube_version", {
  id: smallint("id").primaryKey().default(1),
  version: bigint("version", { mode: "number" }).notNull(),
});
