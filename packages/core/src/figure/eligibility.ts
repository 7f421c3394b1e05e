import { sql } from "drizzle-orm";
import type { AreaRow } from "../area/index.ts";
import { queryRows } from "../db/index.ts";
import type { QuestionSetRow } from "../questionset/index.ts";
import type { Scope } from "../scope/index.ts";
import { addCells, type Cell, EMPTY_CELL, publishCount } from "./disclosure.ts";
import { type Period, type PeriodInput, resolvePeriod } from "./period.ts";
import type { ReferenceData } from "./reference.ts";
import { type FigureSource, figureSource } from "./source.ts";
import { resolveArea, resolveQuestionSet } from "./target.ts";

export interface InstrumentEligibility {
  questionSet: QuestionSetRow;
  /** Published count of responses (exact for England, cell-key elsewhere); null when fewer than 10. */
  responses: number | null;
  eligible: boolean;
}

export interface EligibilityResult {
  /** The release the counts were read from, or "LIVE". */
  release: string;
  area: AreaRow;
  period: Period | null;
  threshold: number;
  instruments: InstrumentEligibility[];
}

/** Each area's responses to each question set version (counted with its descendants'), as cells. */
async function responseCells(source: FigureSource, areaCodes: string[], period: Period | null): Promise<Map<string, Map<number, Cell>>> {
  const rows = period
    ? await queryRows<{ area: string; set_id: number; n: number; k: number }>(
        source.db,
        sql`select aa.ancestor_code as area, c.question_set_id as set_id, sum(c.count)::int as n, sum(c.key_sum)::int as k
            from ${source.responseCounts} c
            join area_ancestors aa on aa.area_code = c.area_code and aa.ancestor_code in (${sql.join(
              areaCodes.map((code) => sql`${code}`),
              sql`, `,
            )})
            where c.financial_year between ${period.from} and ${period.to}
            group by 1, 2`,
      )
    : [];
  const byArea = new Map<string, Map<number, Cell>>();
  for (const row of rows) {
    if (!byArea.has(row.area)) byArea.set(row.area, new Map());
    byArea.get(row.area)!.set(row.set_id, { count: row.n, keySum: row.k });
  }
  return byArea;
}

function instrumentsOf(ref: ReferenceData, live: boolean, cells: Map<number, Cell> | undefined, threshold: number): InstrumentEligibility[] {
  const latest = [...new Set(ref.questionSets.map((s) => s.code))].map((code) => resolveQuestionSet(ref, code));
  return latest.map((questionSet) => {
    const versions = ref.questionSets.filter((s) => s.code === questionSet.code);
    const cell = versions.reduce((sum, s) => addCells(sum, cells?.get(s.id) ?? EMPTY_CELL), EMPTY_CELL);
    const responses = publishCount(cell, live);
    return { questionSet, responses, eligible: (responses ?? 0) > threshold };
  });
}

/**
 * Whether an area has more than `threshold` responses of each instrument for a local report,
 * judged on the published count, so that `eligible` says nothing the count does not.
 */
export async function reportEligibility(
  scope: Scope,
  args: { area: string; period?: PeriodInput | null; release?: string | null },
  given?: FigureSource,
): Promise<EligibilityResult> {
  const source = given ?? (await figureSource(scope, args.release));
  const area = resolveArea(source.ref, args.area);
  source.assertArea(area);
  const [result] = await reportEligibilityOf(scope, { areas: [area], period: args.period }, source);
  return result!;
}

/** The same judgement for many areas at once, in one query. */
export async function reportEligibilityOf(
  scope: Scope,
  args: { areas: AreaRow[]; period?: PeriodInput | null; release?: string | null },
  given?: FigureSource,
): Promise<EligibilityResult[]> {
  const threshold = scope.settings.reportThreshold;
  const source = given ?? (await figureSource(scope, args.release));
  const { ref } = source;
  const period = resolvePeriod(args.period, [...new Set([...ref.yearsBySet.values()].flat())]);
  const cells = args.areas.length
    ? await responseCells(
        source,
        args.areas.map((a) => a.code),
        period,
      )
    : new Map<string, Map<number, Cell>>();
  return args.areas.map((area) => ({
    release: source.name,
    area,
    period,
    threshold,
    instruments: instrumentsOf(ref, source.exact, cells.get(area.code), threshold),
  }));
}

/** One version's published responses in an area: a local report covers one version, over the years it was answered. */
export interface VersionEligibility {
  questionSet: QuestionSetRow;
  period: Period;
  responses: number | null;
  eligible: boolean;
}

/**
 * For each of the areas, each instrument's versions with responses, newest first, judged like
 * `reportEligibility` but each over its own years (one query for all the areas).
 */
export async function versionEligibility({ settings }: Scope, areas: AreaRow[], source: FigureSource): Promise<Map<string, VersionEligibility[]>> {
  const { ref } = source;
  const years = [...new Set([...ref.yearsBySet.values()].flat())];
  const all = resolvePeriod(null, years);
  const cells = areas.length
    ? await responseCells(
        source,
        areas.map((a) => a.code),
        all,
      )
    : new Map<string, Map<number, Cell>>();
  const sets = [...ref.questionSets].sort((a, b) => b.version - a.version);
  return new Map(
    areas.map((area) => [
      area.code,
      sets.flatMap((questionSet) => {
        const setYears = ref.yearsBySet.get(questionSet.id) ?? [];
        const cell = cells.get(area.code)?.get(questionSet.id);
        if (!cell || !setYears.length) return [];
        const responses = publishCount(cell, source.exact);
        const period = { from: Math.min(...setYears), to: Math.max(...setYears) };
        return [{ questionSet, period, responses, eligible: (responses ?? 0) > settings.reportThreshold }];
      }),
    ]),
  );
}
