import { sql } from "drizzle-orm";
import type { AreaRow } from "../area/area.sql.ts";
import { ENGLAND } from "../area/index.ts";
import { type Db, queryRows } from "../db/types.ts";
import { badInput, PoetError } from "../errors.ts";
import type { QuestionRow, ScaleOptionRow } from "../questionset/questionset.sql.ts";
import { addBandCells, type BandCells, type BandSumsRow, bandSums, EMPTY_BAND_CELLS, idList, toBandCells } from "./cube.ts";
import type { Access } from "./disclosure.ts";
import { type CountableBand, type Measure, notComparableMeasure, publishCategory, suppressedMeasure } from "./measure.ts";
import type { Period } from "./period.ts";

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

/** The cells of a two-way breakdown, read from the region-grain cube. */
export async function crossCategories(
  db: Db,
  args: {
    /** The measured question in each version the figure pools. */
    question: number[];
    by: { question: QuestionRow; ids: number[] };
    thenBy: { question: QuestionRow; ids: number[] };
    area: AreaRow;
    band: CountableBand;
    bands: readonly CountableBand[];
    period: Period | null;
    notComparable: string | null;
  },
  options: { by: ScaleOptionRow[]; thenBy: ScaleOptionRow[] },
): Promise<CrossCategory[]> {
  // The cube keeps each pair of questions once, the lower id first, in every version.
  const pairs = sql`(c.by_question_id in ${idList(args.by.ids)} and c.then_question_id in ${idList(args.thenBy.ids)})
    or (c.by_question_id in ${idList(args.thenBy.ids)} and c.then_question_id in ${idList(args.by.ids)})`;
  const rows =
    args.period && !args.notComparable
      ? await queryRows<BandSumsRow & { by_question_id: number; by_code: string; then_code: string }>(
          db,
          sql`select bo.code as by_code, tho.code as then_code, s.* from (
              select by_question_id, by_option_id, then_option_id, ${bandSums()}
              from cross_breakdown_counts c join area_ancestors aa on aa.area_code = c.region_code and aa.ancestor_code = ${args.area.code}
              where c.question_id in ${idList(args.question)} and (${pairs})
                and c.financial_year between ${args.period.from} and ${args.period.to}
              group by 1, 2, 3) s
            join scale_options bo on bo.id = s.by_option_id join scale_options tho on tho.id = s.then_option_id`,
        )
      : // Stryker disable next-line ArrayDeclaration: a stray row here keys a cell no option pair reads
        [];
  // Cells keyed by the option codes of `by`, then `thenBy`, whichever way the cube holds them.
  const byIds = new Set(args.by.ids);
  const cell = new Map<string, BandCells>();
  for (const r of rows) {
    const key = byIds.has(r.by_question_id) ? `${r.by_code}|${r.then_code}` : `${r.then_code}|${r.by_code}`;
    cell.set(key, addBandCells(cell.get(key) ?? EMPTY_BAND_CELLS, toBandCells(r)));
  }
  // Suppress in one canonical orientation (the lower question id as rows), so that asking for
  // `by: A, thenBy: B` or `by: B, thenBy: A` publishes the same cells.
  // Stryker disable next-line EqualityOperator: which orientation is canonical is a convention (either is consistent), and by and thenBy are never one question
  const swapped = args.by.question.id > args.thenBy.question.id;
  const [lowOptions, highOptions] = swapped ? [options.thenBy, options.by] : [options.by, options.thenBy];
  const table = lowOptions.flatMap((low, row) =>
    highOptions.map((high, column) => {
      const cells = cell.get(swapped ? `${high.code}|${low.code}` : `${low.code}|${high.code}`) ?? EMPTY_BAND_CELLS;
      return {
        low,
        high,
        row,
        column,
        size: cells.answered.count,
        measure: args.notComparable
          ? notComparableMeasure(args.notComparable)
          : publishCategory(cells, args.band, { bands: args.bands, areaName: args.area.name, exactTotal: args.area.code === ENGLAND }),
      };
    }),
  );
  const published = new Map(secondarySuppression2D(table).map((c) => [`${c.low.id}|${c.high.id}`, c.measure]));
  return options.by.flatMap((option) =>
    options.thenBy.map((thenOption) => ({
      option,
      thenOption,
      measure: published.get(swapped ? `${thenOption.id}|${option.id}` : `${option.id}|${thenOption.id}`)!,
    })),
  );
}
