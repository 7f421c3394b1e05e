import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgEnum, pgTable, smallint, text, unique } from "drizzle-orm/pg-core";
import { BANDS, QUESTION_KINDS, QUESTION_SET_CODES } from "./types.ts";

export const questionSetCode = pgEnum("question_set_code", QUESTION_SET_CODES);
export const questionKind = pgEnum("question_kind", QUESTION_KINDS);
export const band = pgEnum("band", BANDS);
export const questionSetStatus = pgEnum("question_set_status", ["DRAFT", "PUBLISHED", "RETIRED"]);

export const questionSets = pgTable(
  "question_sets",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    code: questionSetCode("code").notNull(),
    version: smallint("version").notNull(),
    name: text("name").notNull(),
    respondent: text("respondent").notNull(),
    description: text("description").notNull(),
    status: questionSetStatus("status").notNull().default("PUBLISHED"),
    publishedOn: date("published_on", { mode: "string" }),
  },
  (t) => [unique("question_sets_code_version").on(t.code, t.version)],
);

export const scales = pgTable(
  "scales",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    questionSetId: integer("question_set_id")
      .notNull()
      .references(() => questionSets.id),
    code: text("code").notNull(),
    label: text("label").notNull(),
    /** Multi-tick: several options may be chosen (several bits of a response's choice); never banded. */
    multiple: boolean("multiple").notNull().default(false),
  },
  (t) => [unique("scales_set_code").on(t.questionSetId, t.code)],
);

export const scaleOptions = pgTable(
  "scale_options",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    scaleId: integer("scale_id")
      .notNull()
      .references(() => scales.id),
    code: text("code").notNull(),
    label: text("label").notNull(),
    position: smallint("position").notNull(),
    band: band("band"),
    /** `1 << position`: the option's bit in a response's `choices` (response.sql.ts). */
    bit: integer("bit").generatedAlwaysAs(sql`1 << "position"`),
  },
  (t) => [
    unique("scale_options_scale_code").on(t.scaleId, t.code),
    unique("scale_options_scale_position").on(t.scaleId, t.position),
    // A response holds a question's choices as the bits of one integer.
    check("scale_options_position_bit", sql`${t.position} between 0 and 30`),
  ],
);

export const questions = pgTable(
  "questions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    questionSetId: integer("question_set_id")
      .notNull()
      .references(() => questionSets.id),
    code: text("code").notNull(),
    text: text("text").notNull(),
    /** A short noun phrase naming what the question asks about; presentation only, kept up to date by `loadQuestionSets`. */
    shortText: text("short_text").notNull().default(""),
    kind: questionKind("kind").notNull(),
    theme: text("theme"),
    section: text("section").notNull(),
    position: smallint("position").notNull(),
    scaleId: integer("scale_id")
      .notNull()
      .references(() => scales.id),
    /** Whether figures pool it with the same code in the version before; null in version 1. */
    comparable: boolean("comparable"),
  },
  (t) => [unique("questions_set_code").on(t.questionSetId, t.code), index("questions_theme_idx").on(t.theme)],
);

export type QuestionSetRow = typeof questionSets.$inferSelect;
export type QuestionRow = typeof questions.$inferSelect;
export type ScaleRow = typeof scales.$inferSelect;
export type ScaleOptionRow = typeof scaleOptions.$inferSelect;
