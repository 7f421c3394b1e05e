import { integer, pgTable, primaryKey, smallint, text } from "drizzle-orm/pg-core";
import { areas } from "../area/area.sql.ts";
import { questions, scaleOptions } from "../questionset/questionset.sql.ts";

/**
 * How many live (not withdrawn) responses in a leaf area and financial year chose an option:
 * the cube that every figure reads, kept by writes so reads do not grow with the data.
 * `keySum` is the sum of the records' keys, for the cell-key method of disclosure control.
 */
export const answerCounts = pgTable(
  "answer_counts",
  {
    questionId: integer("question_id").notNull().references(() => questions.id),
    areaCode: text("area_code").notNull().references(() => areas.code),
    financialYear: smallint("financial_year").notNull(),
    optionId: integer("option_id").notNull().references(() => scaleOptions.id),
    count: integer("count").notNull(),
    keySum: integer("key_sum").notNull(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.areaCode, t.financialYear, t.optionId] })],
);
