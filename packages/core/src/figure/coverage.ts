import { sql } from "drizzle-orm";
import { AREA_TYPES, type AreaRow } from "../area/index.ts";
import { queryRows } from "../db/index.ts";
import type { QuestionSetCode, QuestionSetRow } from "../questionset/index.ts";
import type { Scope } from "../scope/index.ts";
import { financialYearLabel } from "../time/index.ts";
import { addCells, type Cell, EMPTY_CELL, publishCount } from "./disclosure.ts";
import { figureSource } from "./source.ts";
import { resolveQuestionSet } from "./target.ts";

export interface CoverageYear {
  financialYear: string;
  responses: number;
  versions: number[];
}

export interface CoverageEntry {
  area: AreaRow;
  questionSet: QuestionSetRow;
  responses: number;
  reportEligible: boolean;
  years: CoverageYear[];
}

interface Row {
  area: string;
  set_id: number;
  year: number;
  n: number;
  k: number;
}

const sum = (cells: Cell[]): Cell => cells.reduce(addCells, EMPTY_CELL);

/**
 * Which areas have responses to which instrument and when. Every count is published like any
 * other (each set of records publishes one value: an area's all-years count here is the count
 * `reportEligibility` gives), and nothing under 10 is listed, not even as a year with "some".
 *
 * Without an area type, each instrument is answered for the areas its responses belong to (where
 * it is collected: ICBs for personal health budgets, councils for the others), read from the
 * responses themselves, so an instrument collected somewhere new needs no change here.
 */
export async function coverage(
  scope: Scope,
  args: { questionSet?: QuestionSetCode | null; areaType?: AreaRow["type"] | null; release?: string | null },
): Promise<CoverageEntry[]> {
  const { db, settings } = scope;
  const source = await figureSource(scope, args.release);
  const { ref } = source;
  const sets = ref.questionSets.filter((s) => !args.questionSet || s.code === args.questionSet);
  if (!sets.length) return [];
  const rows = await queryRows<Row>(
    db,
    sql`select aa.ancestor_code as area, c.question_set_id as set_id, c.financial_year as year, sum(c.count)::int as n, sum(c.key_sum)::int as k
        from ${source.responseCounts} c
        join area_ancestors aa on aa.area_code = c.area_code
        join areas a on a.code = aa.ancestor_code and ${args.areaType ? sql`a.type = ${args.areaType}` : sql`aa.depth = 0`}
        where c.question_set_id in (${sql.join(
          sets.map((s) => sql`${s.id}`),
          sql`, `,
        )})
        group by 1, 2, 3
        order by 1, 3`,
  );
  const versionOf = new Map(sets.map((s) => [s.id, s]));
  const entries: CoverageEntry[] = [];
  const types = args.areaType ? [args.areaType] : AREA_TYPES;
  const areas = types.flatMap((type) => ref.areasByType.get(type) ?? []);
  for (const area of areas.filter((a) => source.covers(a))) {
    const live = source.exact;
    const ofArea = rows.filter((r) => r.area === area.code);
    for (const code of [...new Set(sets.map((s) => s.code))]) {
      const ofSet = ofArea.filter((r) => versionOf.get(r.set_id)!.code === code);
      const cellOf = (r: Row): Cell => ({ count: r.n, keySum: r.k });
      const responses = publishCount(sum(ofSet.map(cellOf)), live);
      if (!responses) continue;
      const years = [...new Set(ofSet.map((r) => r.year))].flatMap((year) => {
        const inYear = ofSet.filter((r) => r.year === year);
        const count = publishCount(sum(inYear.map(cellOf)), live);
        if (!count) return [];
        // Which versions were answered that year anywhere, not here: a version's own count in one
        // area would tell a few (1 to 9) from none, as no figure may.
        const versions = sets.filter((s) => s.code === code && ref.yearsBySet.get(s.id)?.includes(year)).map((s) => s.version);
        return [{ financialYear: financialYearLabel(year), responses: count, versions }];
      });
      entries.push({ area, questionSet: resolveQuestionSet(ref, code), responses, reportEligible: responses > settings.reportThreshold, years });
    }
  }
  return entries;
}
