import type { AreaRow } from "../area/area.sql.ts";
import { ENGLAND } from "../area/index.ts";
import { AREA_TYPES } from "../area/reference.ts";
import type { Db } from "../db/types.ts";
import { notFound } from "../errors.ts";
import { measureAt } from "../figure/benchmark.ts";
import { leafBandCells, poolCells } from "../figure/cube.ts";
import { measureColumns } from "../figure/export.ts";
import { COUNTABLE_BANDS, type CountableBand, type Measure } from "../figure/measure.ts";
import type { ReferenceData } from "../figure/reference.ts";
import { type ComparisonOutcome, compareWithComparator } from "../figure/statistics.ts";
import { polarityOf, poolingOf } from "../figure/target.ts";
import type { QuestionRow, QuestionSetRow } from "../questionset/questionset.sql.ts";
import { financialYearLabel } from "../response/financial-year.ts";

/** One published figure: an area × question × financial year × band of one question-set version. */
export interface DownloadRow {
  question_set: string;
  version: number;
  financial_year: string;
  area_code: string;
  area_name: string;
  area_type: AreaRow["type"];
  parent_area_code: string | null;
  question_code: string;
  question_kind: QuestionRow["kind"];
  theme: string | null;
  band: CountableBand;
  numerator: number | null;
  denominator: number | null;
  percentage: number | null;
  lower_ci_95: number | null;
  upper_ci_95: number | null;
  status: Measure["status"];
  symbol: string | null;
  disclosure: Measure["disclosure"];
  compared_with_england: ComparisonOutcome | null;
  synthetic: boolean;
}

/** What a file describes besides its rows: the version, its years and its graded questions. */
export interface DownloadTable {
  questionSet: QuestionSetRow;
  years: number[];
  questions: QuestionRow[];
  rows: DownloadRow[];
  synthetic: boolean;
  cubeVersion: number;
}

/** The published versions of every question set that hold responses: what can be downloaded. */
export function downloadableSets(ref: ReferenceData): QuestionSetRow[] {
  return ref.questionSets
    .filter((s) => s.status !== "DRAFT" && (ref.yearsBySet.get(s.id)?.length ?? 0) > 0)
    .sort((a, b) => a.code.localeCompare(b.code) || a.version - b.version);
}

const typeOrder = (a: AreaRow) => AREA_TYPES.indexOf(a.type);

/**
 * The figures of one question-set version, year by year, as `benchmark(version:, period: { from: year })`
 * publishes them: the same cube read (`leafBandCells`, by year, as `trend` reads it), the same
 * `measureAt` and so the same cell-key disclosure, and England's comparison as `benchmark` makes it.
 */
export async function downloadTable(db: Db, ref: ReferenceData, code: string, version: number): Promise<DownloadTable> {
  const set = downloadableSets(ref).find((s) => s.code === code && s.version === version);
  if (!set) throw notFound(`No published ${code} version ${version} with responses`);
  const years = ref.yearsBySet.get(set.id)!;
  const questions = ref.questionsBySet.get(set.id)!.filter((q) => ref.gradedQuestionIds.has(q.id));
  // One version asked for: each question counts its own answers, never pooled with another version's.
  const questionIds = questions.flatMap((q) => poolingOf(ref, set, q, null, true).questionIds);
  const cells = await leafBandCells(db, ref.version, questionIds, { from: years[0]!, to: years.at(-1)! }, true);
  const areas = [...ref.areas.values()].sort((a, b) => typeOrder(a) - typeOrder(b) || a.code.localeCompare(b.code));
  const england = ref.areas.get(ENGLAND)!;
  const rows: DownloadRow[] = [];
  for (const year of years) {
    const financialYear = financialYearLabel(year);
    const byQuestion = questions.map((q) => {
      const leaves = cells.get(q.id);
      const bands = COUNTABLE_BANDS.filter((b) => ref.bandsByQuestion.get(q.id)!.includes(b));
      const englandMeasures = new Map(bands.map((b) => [b, measureAt(ref, q, poolCells(leaves, ref, ENGLAND, year), b, england)]));
      return { q, leaves, bands, englandMeasures };
    });
    for (const area of areas) {
      for (const { q, leaves, bands, englandMeasures } of byQuestion) {
        const here = poolCells(leaves, ref, area.code, year);
        for (const band of bands) {
          const inEngland = englandMeasures.get(band)!;
          const m = area.code === ENGLAND ? inEngland : measureAt(ref, q, here, band, area);
          rows.push({
            question_set: set.code,
            version: set.version,
            financial_year: financialYear,
            area_code: area.code,
            area_name: area.name,
            area_type: area.type,
            parent_area_code: area.parentCode,
            question_code: q.code,
            question_kind: q.kind,
            theme: q.theme,
            band,
            ...measureColumns(m),
            compared_with_england: area.code === ENGLAND ? null : compareWithComparator(m.confidenceInterval, inEngland.percentage, polarityOf(band)),
            synthetic: ref.synthetic,
          });
        }
      }
    }
  }
  return { questionSet: set, years, questions, rows, synthetic: ref.synthetic, cubeVersion: ref.version };
}
