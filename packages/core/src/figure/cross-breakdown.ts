import { sql } from "drizzle-orm";
import type { AreaRow } from "../area/area.sql.ts";
import { ENGLAND } from "../area/index.ts";
import { type Db, queryRows } from "../db/types.ts";
import { badInput, PoetError } from "../errors.ts";
import type { QuestionRow, ScaleOptionRow } from "../questionset/questionset.sql.ts";
import { BAND_SUMS, type BandSumsRow, toBandCells } from "./cube.ts";
import type { Access } from "./disclosure.ts";
import { type CountableBand, type Measure, publishCategory, suppressedMeasure } from "./measure.ts";
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
    question: QuestionRow;
    by: QuestionRow;
    thenBy: QuestionRow;
    area: AreaRow;
    band: CountableBand;
    bands: readonly CountableBand[];
    period: Period | null;
  },
  options: { by: ScaleOptionRow[]; thenBy: ScaleOptionRow[] },
): Promise<CrossCategory[]> {
  const swapped = args.by.id > args.thenBy.id;
  const [low, high] = swapped ? [args.thenBy, args.by] : [args.by, args.thenBy];
  const rows = args.period
    ? await queryRows<BandSumsRow & { by_option_id: number; then_option_id: number }>(
        db,
        sql`select by_option_id, then_option_id, ${BAND_SUMS}
            from cross_breakdown_counts c join area_ancestors aa on aa.area_code = c.region_code and aa.ancestor_code = ${args.area.code}
            where c.question_id = ${args.question.id} and c.by_question_id = ${low.id} and c.then_question_id = ${high.id}
              and c.financial_year between ${args.period.from} and ${args.period.to}
            group by 1, 2`,
      )
    : [];
  // Suppress in one canonical orientation (the lower question id as rows), so that asking for
  // `by: A, thenBy: B` or `by: B, thenBy: A` publishes the same cells.
  const [lowOptions, highOptions] = swapped ? [options.thenBy, options.by] : [options.by, options.thenBy];
  const cell = new Map(rows.map((r) => [`${r.by_option_id}|${r.then_option_id}`, toBandCells(r)]));
  const table = lowOptions.flatMap((low, row) =>
    highOptions.map((high, column) => {
      const cells = cell.get(`${low.id}|${high.id}`) ?? toBandCells(undefined);
      return {
        low,
        high,
        row,
        column,
        size: cells.answered.count,
        measure: publishCategory(cells, args.band, { bands: args.bands, areaName: args.area.name, exactTotal: args.area.code === ENGLAND }),
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
