import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { areaAncestors, areas, type AreaRow } from "../area/area.sql.ts";
import { assertAreaCode, ENGLAND } from "../area/index.ts";
import type { Db } from "../db/types.ts";
import { badInput, notFound } from "../errors.ts";
import { findQuestion, findQuestionSet } from "../questionset/index.ts";
import { hasSyntheticData } from "../response/index.ts";
import { scaleOptions, type QuestionRow, type QuestionSetRow } from "../questionset/questionset.sql.ts";
import type { Band, QuestionSetCode } from "../questionset/types.ts";
import { answerCounts } from "./figure.sql.ts";
import { buildMeasure, type Measure } from "./measure.ts";

export interface BenchmarkArgs {
  questionSet: QuestionSetCode;
  question: string;
  area: string;
  band: Band;
  version?: number | null;
}

export interface BenchmarkResult {
  questionSet: QuestionSetRow;
  question: QuestionRow;
  band: Band;
  area: AreaRow;
  value: Measure;
  england: Measure;
  syntheticData: boolean;
}

/** Band counts of one question for some areas, each summed over the leaf areas within it. */
async function bandCounts(db: Db, questionId: number, areaCodes: string[]) {
  const rows = await db
    .select({ areaCode: areaAncestors.ancestorCode, band: scaleOptions.band, n: sql<number>`sum(${answerCounts.count})::int` })
    .from(answerCounts)
    .innerJoin(areaAncestors, eq(areaAncestors.areaCode, answerCounts.areaCode))
    .innerJoin(scaleOptions, eq(scaleOptions.id, answerCounts.optionId))
    .where(and(eq(answerCounts.questionId, questionId), inArray(areaAncestors.ancestorCode, areaCodes), isNotNull(scaleOptions.band)))
    .groupBy(areaAncestors.ancestorCode, scaleOptions.band);
  return (areaCode: string, band: Band) => {
    const inArea = rows.filter((r) => r.areaCode === areaCode);
    const numerator = inArea.filter((r) => r.band === band).reduce((s, r) => s + r.n, 0);
    const denominator = inArea.filter((r) => r.band !== "EXCLUDED").reduce((s, r) => s + r.n, 0);
    return { numerator, denominator };
  };
}

export async function benchmark(db: Db, args: BenchmarkArgs): Promise<BenchmarkResult> {
  assertAreaCode(args.area);
  if (args.band === "EXCLUDED") throw badInput("EXCLUDED answers are outside every denominator: choose POSITIVE, NEUTRAL or NEGATIVE", "band");
  const questionSet = await findQuestionSet(db, args.questionSet, args.version);
  if (!questionSet) throw notFound(`No published ${args.questionSet} question set${args.version ? ` version ${args.version}` : ""}`, "version");
  const question = await findQuestion(db, questionSet.id, args.question);
  if (!question) throw notFound(`No question "${args.question}" in ${questionSet.code} version ${questionSet.version}`, "question");
  if (question.kind === "ABOUT_YOU") throw badInput(`"${question.code}" is an ABOUT_YOU question: its answers have no band to benchmark`, "question");
  const [area] = await db.select().from(areas).where(eq(areas.code, args.area));
  if (!area) throw notFound(`No area with code ${args.area}`, "area");

  const [counts, syntheticData] = await Promise.all([bandCounts(db, question.id, [area.code, ENGLAND]), hasSyntheticData(db)]);
  const measure = (code: string, name: string) => {
    const { numerator, denominator } = counts(code, args.band);
    return buildMeasure(numerator, denominator, { exact: code === ENGLAND, areaName: name });
  };
  return { questionSet, question, band: args.band, area, value: measure(area.code, area.name), england: measure(ENGLAND, "England"), syntheticData };
}
