import type { Access } from "../actor/index.ts";
import type { AreaRow } from "../area/index.ts";
import { badInput, PoetError } from "../errors/index.ts";
import type { QuestionRow, ScaleOptionRow } from "../questionset/index.ts";
import { sourceSpan } from "./benchmark.ts";
import { EMPTY_BAND_CELLS } from "./cube.ts";
import { type Atom, familyCells } from "./family.ts";
import { twoWayAtoms } from "./joint.ts";
import { type CountableBand, type Measure, notComparableMeasure, publishBand, suppressedMeasure } from "./measure.ts";
import { type Period, yearsIn } from "./period.ts";
import type { FigureSource } from "./source.ts";

export interface CrossCategory {
  option: ScaleOptionRow;
  thenOption: ScaleOptionRow;
  measure: Measure;
}

/** Two-way breakdowns exist for England (anyone) and regions (researchers), never below. */
export function assertCrossBreakdownAllowed(access: Access, area: AreaRow): void {
  if (area.type === "NATION") return;
  if (area.type !== "REGION" && area.type !== "NHS_REGION") throw badInput("Two-way breakdowns are published for England and regions only", "area");
  if (access !== "RESEARCHER") {
    throw new PoetError(
      "FORBIDDEN",
      "Two-way breakdowns for a region need researcher access (an API key of a research organisation); England's are open to all",
      { argument: "area" },
    );
  }
}

/**
 * Secondary suppression in two dimensions: no row and no column of the table may hold exactly one
 * hidden cell beside published ones, or it could be recovered from that row's or column's total.
 * Repeats until stable, hiding the smallest published cell of the offending row or column.
 */
export function secondarySuppression2D<T extends { row: number; column: number; size: number; measure: Measure }>(cells: T[]): T[] {
  let result = cells.map((c) => (c.measure.status === "NO_DATA" ? { ...c, measure: suppressedMeasure() } : c));
  for (let changed = true; changed; ) {
    changed = false;
    for (const axis of ["row", "column"] as const) {
      const lines = new Map<number, T[]>();
      for (const c of result) lines.set(c[axis], [...(lines.get(c[axis]) ?? []), c]);
      for (const line of lines.values()) {
        const shown = line.filter((c) => c.measure.status === "AVAILABLE");
        if (line.length - shown.length === 1 && shown.length > 0) {
          const smallest = shown.reduce((a, b) => (b.size < a.size ? b : a));
          result = result.map((c) => (c === smallest ? { ...c, measure: suppressedMeasure() } : c));
          changed = true;
        }
      }
    }
  }
  return result;
}

/** The cells of a two-way breakdown (England or a region; a covered area, live), from the source's joint counts (`joint.ts`). */
export async function crossCategories(
  source: FigureSource,
  args: {
    /** The measured question in each version of its family (`family.ts`). */
    question: QuestionRow[];
    /** The versions' questions the figure counts. */
    questionIds: number[];
    by: { question: QuestionRow; pool: QuestionRow[] };
    thenBy: { question: QuestionRow; pool: QuestionRow[] };
    area: AreaRow;
    band: CountableBand;
    bands: readonly CountableBand[];
    period: Period | null;
    notComparable: string | null;
  },
  options: { by: ScaleOptionRow[]; thenBy: ScaleOptionRow[] },
): Promise<CrossCategory[]> {
  const { period } = args;
  const span = sourceSpan(source);
  const atoms: Map<string, Atom[]> =
    period && span && !args.notComparable ? await twoWayAtoms(source, args.question, args.by.pool, args.thenBy.pool, args.area, yearsIn(span)) : new Map();
  // Suppress in one canonical orientation (the lower question id as rows), so that asking for
  // `by: A, thenBy: B` or `by: B, thenBy: A` publishes the same cells.
  const swapped = args.by.question.id > args.thenBy.question.id;
  const [lowOptions, highOptions] = swapped ? [options.thenBy, options.by] : [options.by, options.thenBy];
  const table = lowOptions.flatMap((low, row) =>
    highOptions.map((high, column) => {
      const view = period
        ? familyCells(
            atoms.get(swapped ? `${high.code}|${low.code}` : `${low.code}|${high.code}`) ?? [],
            { questionIds: args.questionIds, period },
            args.bands,
            source.exact,
          )
        : null;
      const cells = view?.cells ?? EMPTY_BAND_CELLS;
      return {
        low,
        high,
        row,
        column,
        size: cells.answered.count,
        measure: args.notComparable
          ? notComparableMeasure(args.notComparable)
          : publishBand(cells, args.band, { bands: args.bands, areaName: args.area.name, live: source.exact, blocked: view?.blocked }),
      };
    }),
  );
  const published = new Map((source.exact ? table : secondarySuppression2D(table)).map((c) => [`${c.low.id}|${c.high.id}`, c.measure]));
  return options.by.flatMap((option) =>
    options.thenBy.map((thenOption) => ({
      option,
      thenOption,
      measure: published.get(swapped ? `${thenOption.id}|${option.id}` : `${option.id}|${thenOption.id}`)!,
    })),
  );
}
