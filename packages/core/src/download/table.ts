import type { AreaRow } from "../area/index.ts";
import { AREA_TYPES, ENGLAND } from "../area/index.ts";
import { notFound } from "../errors/index.ts";
import type { FigureSource, ReferenceData } from "../figure/index.ts";
import { COUNTABLE_BANDS, cellsOf, type FigureRow, familyMeasure, familyOf, figureRow, poolingOf } from "../figure/index.ts";
import type { QuestionRow, QuestionSetRow } from "../questionset/index.ts";

/** One published figure: an area × question × financial year × band of one question-set version (`figureExport`'s row). */
export type DownloadRow = FigureRow;

/** What a file describes besides its rows: the version, its years and its graded questions. */
export interface DownloadTable {
  questionSet: QuestionSetRow;
  years: number[];
  questions: QuestionRow[];
  rows: DownloadRow[];
  synthetic: boolean;
  /** The release the figures are read from. */
  release: { id: number; name: string };
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
 * publishes them: the same cells (`cellsOf`, by year, as `trend` reads them), the same
 * `familyMeasure` and so the same disclosure control, and England's comparison as `benchmark` makes it.
 */
export async function downloadTable(source: FigureSource, code: string, version: number): Promise<DownloadTable> {
  const { ref } = source;
  const set = downloadableSets(ref).find((s) => s.code === code && s.version === version);
  if (!set) throw notFound(`No published ${code} version ${version} with responses`);
  const years = ref.yearsBySet.get(set.id)!;
  const questions = ref.questionsBySet.get(set.id)!.filter((q) => ref.gradedQuestionIds.has(q.id));
  // One version asked for: each question counts its own answers, never pooled with another version's.
  const pools = new Map(questions.map((q) => [q.id, poolingOf(ref, set, q, null, true)]));
  const { own } = await cellsOf(source, [...new Set(questions.flatMap((q) => familyOf(ref, q, pools.get(q.id)!)))]);
  const areas = [...ref.areas.values()].sort((a, b) => typeOrder(a) - typeOrder(b) || a.code.localeCompare(b.code));
  const england = ref.areas.get(ENGLAND)!;
  const rows: DownloadRow[] = [];
  for (const year of years) {
    const period = { from: year, to: year };
    const byQuestion = questions.map((q) => {
      const pool = pools.get(q.id)!;
      const bands = COUNTABLE_BANDS.filter((b) => ref.bandsByQuestion.get(q.id)!.includes(b));
      const englandMeasures = new Map(bands.map((b) => [b, familyMeasure(own, q, pool, period, b, england)]));
      return { q, pool, bands, englandMeasures };
    });
    for (const area of areas) {
      for (const { q, pool, bands, englandMeasures } of byQuestion) {
        for (const band of bands) {
          const inEngland = englandMeasures.get(band)!;
          const measure = area.code === ENGLAND ? inEngland : familyMeasure(own, q, pool, period, band, area);
          rows.push(
            figureRow({ questionSet: set, period, area, question: q, band, measure, england: inEngland, synthetic: ref.synthetic, release: source.name }),
          );
        }
      }
    }
  }
  return { questionSet: set, years, questions, rows, synthetic: ref.synthetic, release: { id: source.release!.id, name: source.name } };
}
