import { sql } from "drizzle-orm";
import type { AreaRow } from "../area/area.sql.ts";
import { ENGLAND } from "../area/index.ts";
import { queryRows } from "../db/types.ts";
import type { QuestionSetRow } from "../questionset/questionset.sql.ts";
import type { Scope } from "../scope.ts";
import { publishCount } from "./disclosure.ts";
import { type Period, type PeriodInput, resolvePeriod } from "./period.ts";
import { referenceData } from "./reference.ts";
import { resolveArea, resolveQuestionSet } from "./target.ts";

export interface InstrumentEligibility {
  questionSet: QuestionSetRow;
  /** Published count of responses (exact for England, cell-key elsewhere); null when fewer than 10. */
  responses: number | null;
  eligible: boolean;
}

export interface EligibilityResult {
  area: AreaRow;
  period: Period | null;
  threshold: number;
  instruments: InstrumentEligibility[];
}

/**
 * Whether an area has more than `threshold` responses of each instrument for a local report,
 * judged on the published count, so that `eligible` says nothing the count does not.
 */
export async function reportEligibility({ db, settings }: Scope, args: { area: string; period?: PeriodInput | null }): Promise<EligibilityResult> {
  const threshold = settings.reportThreshold;
  const ref = await referenceData(db);
  const area = resolveArea(ref, args.area);
  const period = resolvePeriod(args.period, [...new Set([...ref.yearsBySet.values()].flat())]);
  const rows = period
    ? await queryRows<{ code: string; n: number; k: number }>(
        db,
        sql`select s.code, sum(c.count)::int as n, sum(c.key_sum)::int as k
            from response_counts c join question_sets s on s.id = c.question_set_id
            join area_ancestors aa on aa.area_code = c.area_code and aa.ancestor_code = ${area.code}
            where c.financial_year between ${period.from} and ${period.to}
            group by s.code`,
      )
    : // Stryker disable next-line ArrayDeclaration: no row names a question set, so a stray one is never found
      [];
  const latest = [...new Set(ref.questionSets.map((s) => s.code))].map((code) => resolveQuestionSet(ref, code));
  return {
    area,
    period,
    threshold,
    instruments: latest.map((questionSet) => {
      const row = rows.find((r) => r.code === questionSet.code);
      const responses = publishCount({ count: row?.n ?? 0, keySum: row?.k ?? 0 }, area.code === ENGLAND);
      return { questionSet, responses, eligible: (responses ?? 0) > threshold };
    }),
  };
}
