import type { QuestionSetCode } from "../questionset/types.ts";
import type { Scope } from "../scope.ts";
import { csvField } from "../util/csv.ts";
import { cellsOf, familyMeasure, familyOf } from "./benchmark.ts";
import { COUNTABLE_BANDS, type Measure, notComparableMeasure } from "./measure.ts";
import { type PeriodInput, periodLabel } from "./period.ts";
import { figureSource } from "./source.ts";
import { poolingOf, resolveSetAndPeriod } from "./target.ts";

export type ExportFormat = "CSV" | "JSON";

export interface FigureExport {
  /** The release the figures were read from, or "LIVE". */
  release: string;
  format: ExportFormat;
  filename: string;
  contentType: string;
  rowCount: number;
  content: string;
}

/** The export's columns, in order: a contract researchers' scripts read by name. */
export const EXPORT_COLUMNS = [
  "question_set",
  "version",
  "period",
  "area_code",
  "area_name",
  "area_type",
  "question_code",
  "question_kind",
  "theme",
  "band",
  "numerator",
  "denominator",
  "percentage",
  "lower_ci_95",
  "upper_ci_95",
  "status",
  "symbol",
  "disclosure",
  "synthetic",
  "release",
] as const;
type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | boolean | null>;

// One CSV quoting rule for exports and import templates alike.
export { csvField };

/** A measure as a tidy table's columns, the same in the export and in the downloads. */
export function measureColumns(m: Measure) {
  return {
    numerator: m.numerator,
    denominator: m.denominator,
    percentage: m.percentage,
    lower_ci_95: m.confidenceInterval?.lower ?? null,
    upper_ci_95: m.confidenceInterval?.upper ?? null,
    status: m.status,
    symbol: m.symbol,
    disclosure: m.disclosure,
  };
}

/**
 * Every area × every graded question × each band its scale has, of one question set, as CSV or JSON: the same
 * published measures as `benchmark`, under the same disclosure control, for researchers' own tools.
 */
export async function exportFigures(
  scope: Scope,
  args: { questionSet: QuestionSetCode; version?: number | null; period?: PeriodInput | null; format: ExportFormat; release?: string | null },
): Promise<FigureExport> {
  const source = await figureSource(scope, args.release);
  const { ref } = source;
  const { questionSet: set, period } = resolveSetAndPeriod(ref, args.questionSet, args.version, args.period);
  const questions = ref.questionsBySet.get(set.id)!.filter((q) => ref.gradedQuestionIds.has(q.id));
  // Live, the areas the organisation covers; in a release, every area.
  const areas = [...ref.areas.values()].filter((area) => source.covers(area));
  const rows: ExportRow[] = [];
  const pools = new Map(questions.map((q) => [q.id, poolingOf(ref, set, q, period, args.version != null)]));
  const { own } = await cellsOf(source, [...new Set(questions.flatMap((q) => familyOf(ref, q, pools.get(q.id)!)))]);
  for (const band of COUNTABLE_BANDS) {
    for (const area of areas) {
      for (const q of questions.filter((question) => ref.bandsByQuestion.get(question.id)!.includes(band))) {
        const { notComparable } = pools.get(q.id)!;
        const m = notComparable
          ? notComparableMeasure(notComparable, source.exact ? "EXACT" : "ROUNDED")
          : familyMeasure(own, q, pools.get(q.id)!, period, band, area);
        rows.push({
          question_set: set.code,
          version: set.version,
          period: period ? periodLabel(period) : null,
          area_code: area.code,
          area_name: area.name,
          area_type: area.type,
          question_code: q.code,
          question_kind: q.kind,
          theme: q.theme,
          band,
          ...measureColumns(m),
          synthetic: ref.synthetic,
          release: source.name,
        });
      }
    }
  }
  const base = `poet-${set.code.toLowerCase()}-v${set.version}${period ? `-${periodLabel(period).replace(/ to /, "_to_")}` : ""}-${source.name.toLowerCase()}`;
  if (args.format === "JSON")
    return {
      release: source.name,
      format: "JSON",
      filename: `${base}.json`,
      contentType: "application/json",
      rowCount: rows.length,
      content: JSON.stringify(rows),
    };
  const content = [EXPORT_COLUMNS.join(","), ...rows.map((r) => EXPORT_COLUMNS.map((c) => csvField(r[c])).join(","))].join("\n") + "\n";
  return { release: source.name, format: "CSV", filename: `${base}.csv`, contentType: "text/csv", rowCount: rows.length, content };
}
