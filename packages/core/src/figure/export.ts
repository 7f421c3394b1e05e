import type { AreaRow, AreaType } from "../area/index.ts";
import { assertAreaCode, ENGLAND } from "../area/index.ts";
import { notFound, PoetError } from "../errors/index.ts";
import type { Band, QuestionRow, QuestionSetCode, QuestionSetRow } from "../questionset/index.ts";
import { MAX_ANSWER_BYTES, type Scope } from "../scope/index.ts";
import { csvField } from "../util/csv.ts";
import { validated } from "../util/validate.ts";
import { yieldToLoop } from "../util/yield.ts";
import { cellsOf, familyMeasure, familyOf } from "./benchmark.ts";
import { FIGURE_COLUMNS, type FigureRow, figureRow } from "./columns.ts";
import { COUNTABLE_BANDS, notComparableMeasure } from "./measure.ts";
import { type PeriodInput, periodLabel } from "./period.ts";
import type { ReferenceData } from "./reference.ts";
import { type FigureSource, figureSource } from "./source.ts";
import { poolingOf, resolveSetAndPeriod } from "./target.ts";
import { type ExportFormat, exportArgs } from "./validation.ts";

export type { ExportFormat } from "./validation.ts";

export interface FigureExport {
  /** The release the figures were read from, or "LIVE". */
  release: string;
  format: ExportFormat;
  filename: string;
  contentType: string;
  rowCount: number;
  content: string;
}

/** The export's columns, in order: the downloads' (`FIGURE_FIELDS`), a contract researchers' scripts read by name. */
export const EXPORT_COLUMNS = FIGURE_COLUMNS;

// One CSV quoting rule for exports and import templates alike.
export { csvField };

export type ExportArgs = {
  questionSet: QuestionSetCode;
  version?: number | null;
  period?: PeriodInput | null;
  format: ExportFormat;
  release?: string | null;
  /** Only areas of this kind. */
  areaType?: AreaType | null;
  /** Only these areas (GSS codes). */
  areas?: readonly string[] | null;
  /** Only these questions (codes of the version read). */
  questions?: readonly string[] | null;
  /** Only this band. */
  band?: Band | null;
  /** False builds only the row count (the caller did not ask for the content). */
  content?: boolean;
};

// What a row takes, measured on the demo data's exports with the downloads' columns (CARER: CSV 137
// to 240 bytes, 171 on average; JSON 479 to 578, 510 on average): the longest row, so that an
// export never outgrows what it reserved, enough to refuse before the work.
const ROW_BYTES: Record<ExportFormat, number> = { CSV: 240, JSON: 580 };
const ROWS_PER_TURN = 500;

function exportAreas(ref: ReferenceData, source: FigureSource, args: ExportArgs): AreaRow[] {
  const named = args.areas ? new Set(args.areas) : null;
  for (const code of named ?? []) {
    assertAreaCode(code, "areas");
    if (!ref.areas.has(code)) throw notFound(`No area has the code "${code}"`, "areas");
  }
  // Live, the areas the organisation covers; in a release, every area.
  return [...ref.areas.values()].filter((area) => source.covers(area) && (!named || named.has(area.code)) && (!args.areaType || area.type === args.areaType));
}

function exportQuestions(ref: ReferenceData, set: QuestionSetRow, args: ExportArgs): QuestionRow[] {
  const graded = ref.questionsBySet.get(set.id)!.filter((q) => ref.gradedQuestionIds.has(q.id));
  if (!args.questions) return graded;
  const named = new Set(args.questions);
  for (const code of named)
    if (!graded.some((q) => q.code === code)) throw notFound(`Version ${set.version} of ${set.code} has no graded question "${code}"`, "questions");
  return graded.filter((q) => named.has(q.code));
}

/** Reserves an export's size from the request's answer before it is built, or refuses it. */
function reserve(scope: Scope, rows: number, format: ExportFormat): void {
  if (!scope.answer) return;
  const bytes = rows * ROW_BYTES[format];
  if (bytes > scope.answer.bytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    throw new PoetError(
      "RESPONSE_TOO_LARGE",
      `This export would be about ${mb(bytes)} MB (${rows} rows) and the answer has ${mb(scope.answer.bytes)} MB left of ${mb(MAX_ANSWER_BYTES)}: ask for less with \`areaType\`, \`areas\`, \`questions\` or \`band\`, or read the open-data downloads (/downloads/)`,
      { rows, estimatedBytes: bytes },
    );
  }
  scope.answer.bytes -= bytes;
}

/**
 * Every area × every graded question × each band its scale has, of one question set, as CSV or
 * JSON (or the areas, questions and band asked for): the same published measures as `benchmark`,
 * under the same disclosure control, for researchers' own tools. Its size is reckoned and
 * reserved from the answer before any figure is read, and it is built a few thousand rows at a
 * time, letting other requests go between.
 */
export const exportFigures = validated(exportArgs, async (scope: Scope, args: ExportArgs): Promise<FigureExport> => {
  const source = await figureSource(scope, args.release);
  const { ref } = source;
  const { questionSet: set, period } = resolveSetAndPeriod(ref, args.questionSet, args.version, args.period);
  const questions = exportQuestions(ref, set, args);
  const areas = exportAreas(ref, source, args);
  const bands = COUNTABLE_BANDS.filter((band) => !args.band || band === args.band);
  const banded = bands.map((band) => [band, questions.filter((q) => ref.bandsByQuestion.get(q.id)!.includes(band))] as const);
  const rowCount = areas.length * banded.reduce((n, [, qs]) => n + qs.length, 0);
  const base = `poet-${set.code.toLowerCase()}-v${set.version}${period ? `-${periodLabel(period).replace(/ to /, "_to_")}` : ""}-${source.name.toLowerCase()}`;
  const file = args.format === "JSON" ? { filename: `${base}.json`, contentType: "application/json" } : { filename: `${base}.csv`, contentType: "text/csv" };
  const result = { release: source.name, format: args.format, ...file, rowCount };
  if (args.content === false) return { ...result, content: "" };
  reserve(scope, rowCount, args.format);
  const rows: FigureRow[] = [];
  const pools = new Map(questions.map((q) => [q.id, poolingOf(ref, set, q, period, args.version != null)]));
  const { own, comparators } = await cellsOf(source, [...new Set(questions.flatMap((q) => familyOf(ref, q, pools.get(q.id)!)))]);
  const england = ref.areas.get(ENGLAND)!;
  const exactness = source.exact ? "EXACT" : "ROUNDED";
  for (const [band, bandQuestions] of banded) {
    // England's measure of each question, which every area is compared with as `benchmark` compares it
    // (live, the latest release's; none before a release is cut, nor for versions that may not be pooled).
    const englandMeasures = new Map(
      bandQuestions.map((q) => {
        const pool = pools.get(q.id)!;
        return [q.id, comparators && !pool.notComparable ? familyMeasure(comparators, q, pool, period, band, england) : null] as const;
      }),
    );
    for (const area of areas) {
      if (rows.length % ROWS_PER_TURN < bandQuestions.length) await yieldToLoop();
      for (const q of bandQuestions) {
        const pool = pools.get(q.id)!;
        const measure = pool.notComparable ? notComparableMeasure(pool.notComparable, exactness) : familyMeasure(own, q, pool, period, band, area);
        rows.push(
          figureRow({
            questionSet: set,
            period,
            area,
            question: q,
            band,
            measure,
            england: englandMeasures.get(q.id) ?? null,
            synthetic: ref.synthetic,
            release: source.name,
          }),
        );
      }
    }
  }
  if (args.format === "JSON") return { ...result, content: JSON.stringify(rows) };
  const lines = [EXPORT_COLUMNS.join(",")];
  for (const [i, r] of rows.entries()) {
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await yieldToLoop();
    lines.push(EXPORT_COLUMNS.map((c) => csvField(r[c])).join(","));
  }
  return { ...result, content: `${lines.join("\n")}\n` };
});
