import type { QuestionSetCode } from "../questionset/types.ts";
import type { Scope } from "../scope.ts";
import { measureAt } from "./benchmark.ts";
import { leafBandCells, poolCells } from "./cube.ts";
import { COUNTABLE_BANDS } from "./measure.ts";
import { type PeriodInput, periodLabel, resolvePeriod } from "./period.ts";
import { referenceData } from "./reference.ts";
import { resolveQuestionSet } from "./target.ts";

export type ExportFormat = "CSV" | "JSON";

export interface FigureExport {
  format: ExportFormat;
  filename: string;
  contentType: string;
  rowCount: number;
  content: string;
}

const COLUMNS = [
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
] as const;
type ExportRow = Record<(typeof COLUMNS)[number], string | number | boolean | null>;

const csvField = (value: ExportRow[keyof ExportRow]) => {
  const text = value === null ? "" : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * Every area × every graded question × each band its scale has, of one question set, as CSV or JSON: the same
 * published measures as `benchmark`, under the same disclosure control, for researchers' own tools.
 */
export async function exportFigures(
  { db }: Scope,
  args: { questionSet: QuestionSetCode; version?: number | null; period?: PeriodInput | null; format: ExportFormat },
): Promise<FigureExport> {
  const ref = await referenceData(db);
  const set = resolveQuestionSet(ref, args.questionSet, args.version);
  const period = resolvePeriod(args.period, ref.yearsBySet.get(set.id) ?? []);
  const questions = (ref.questionsBySet.get(set.id) ?? []).filter((q) => q.kind !== "ABOUT_YOU" && ref.gradedQuestionIds.has(q.id));
  const areas = [...ref.areas.values()].sort((a, b) => a.code.localeCompare(b.code));
  const rows: ExportRow[] = [];
  const cells = period
    ? await leafBandCells(
        db,
        ref.version,
        questions.map((q) => q.id),
        period,
      )
    : new Map();
  for (const band of COUNTABLE_BANDS) {
    for (const area of areas) {
      for (const q of questions.filter((question) => ref.bandsByQuestion.get(question.id)?.includes(band))) {
        const m = measureAt(ref, q, poolCells(cells.get(q.id), ref, area.code), band, area);
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
          numerator: m.numerator,
          denominator: m.denominator,
          percentage: m.percentage,
          lower_ci_95: m.confidenceInterval?.lower ?? null,
          upper_ci_95: m.confidenceInterval?.upper ?? null,
          status: m.status,
          symbol: m.symbol,
          disclosure: m.disclosure,
          synthetic: ref.synthetic,
        });
      }
    }
  }
  const base = `poet-${set.code.toLowerCase()}-v${set.version}${period ? `-${periodLabel(period).replace(/ to /, "_to_")}` : ""}`;
  if (args.format === "JSON")
    return { format: "JSON", filename: `${base}.json`, contentType: "application/json", rowCount: rows.length, content: JSON.stringify(rows) };
  const content = [COLUMNS.join(","), ...rows.map((r) => COLUMNS.map((c) => csvField(r[c])).join(","))].join("\n") + "\n";
  return { format: "CSV", filename: `${base}.csv`, contentType: "text/csv", rowCount: rows.length, content };
}
