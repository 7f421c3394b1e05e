import { sql } from "drizzle-orm";
import { figureAccess } from "../actor/index.ts";
import { badInput } from "../errors.ts";
import type { QuestionRow } from "../questionset/questionset.sql.ts";
import type { QuestionSetCode } from "../questionset/types.ts";
import type { Scope } from "../scope.ts";
import { assertBreakdownAllowed } from "./access.ts";
import type { FigureScope } from "./benchmark.ts";
import { addCells, type Cell, EMPTY_CELL, publishedCount } from "./disclosure.ts";
import { answeredIn, chose, jointRows } from "./joint.ts";
import { SUPPRESSION_REASON } from "./measure.ts";
import type { PeriodInput } from "./period.ts";
import { referenceData } from "./reference.ts";
import { type Estimate, oddsRatio, relativeRisk } from "./statistics.ts";
import { type Pooling, poolingOf, resolveArea, resolveGradedQuestion, resolveSetAndPeriod } from "./target.ts";

/** Who counts as "exposed": a POSITIVE process answer, against NEGATIVE ones or all the others. */
export type Contrast = "POSITIVE_VS_NEGATIVE" | "POSITIVE_VS_REST";

export interface AssociationArgs {
  questionSet: QuestionSetCode;
  process: string;
  outcome: string;
  area: string;
  contrast: Contrast;
  period?: PeriodInput | null;
  version?: number | null;
}

export type AssociationResult = FigureScope & {
  process: QuestionRow;
  outcome: QuestionRow;
  contrast: Contrast;
  /** Published counts: [exposed with good outcome, exposed without, unexposed with, unexposed without]. */
  table: { exposedPositive: number; exposedOther: number; unexposedPositive: number; unexposedOther: number } | null;
  relativeRisk: Estimate | null;
  oddsRatio: Estimate | null;
  status: "AVAILABLE" | "SUPPRESSED" | "NO_DATA" | "NOT_COMPARABLE";
  reason: string | null;
};

interface Row {
  process_band: string;
  outcome_band: string;
  n: number;
  k: number;
}

/**
 * How a PROCESS answer goes with an OUTCOME answer: the 2×2 table of published counts, the
 * relative risk of a POSITIVE outcome (Katz interval) and the odds ratio (Woolf interval).
 */
export async function association(scope: Scope, args: AssociationArgs): Promise<AssociationResult> {
  const { db } = scope;
  const access = figureAccess(scope.actor);
  const ref = await referenceData(db);
  const { questionSet, period } = resolveSetAndPeriod(ref, args.questionSet, args.version, args.period);
  const area = resolveArea(ref, args.area);
  assertBreakdownAllowed(access, area, "Associations");
  const process = resolveGradedQuestion(ref, questionSet, args.process, "process");
  const outcome = resolveGradedQuestion(ref, questionSet, args.outcome, "outcome");
  if (process.kind !== "PROCESS") throw badInput(`"${process.code}" is an ${process.kind} question: \`process\` takes a PROCESS question`, "process");
  if (outcome.kind !== "OUTCOME") throw badInput(`"${outcome.code}" is a ${outcome.kind} question: \`outcome\` takes an OUTCOME question`, "outcome");
  const [processPool, outcomePool] = [process, outcome].map((q) => poolingOf(ref, questionSet, q, period, args.version != null)) as [Pooling, Pooling];
  const notComparable = processPool.notComparable ?? outcomePool.notComparable;
  const graded = sql`in ('POSITIVE', 'NEUTRAL', 'NEGATIVE')`;
  const rows =
    period && !notComparable
      ? await jointRows<Row>(
          db,
          ref.version,
          sql`select o.band as process_band, qo.band as outcome_band, count(*)::int as n, coalesce(sum(r.record_key), 0)::int as k
            from responses r ${chose("o", processPool.questions, sql`o.band ${graded}`)} ${chose("qo", outcomePool.questions, sql`qo.band ${graded}`)}
            ${answeredIn(area.code, period)}
            group by 1, 2`,
        )
      : // Stryker disable next-line ArrayDeclaration: a stray row has no bands, so no cell counts it
        [];
  const cell = (exposed: boolean, positiveOutcome: boolean): Cell =>
    rows
      .filter((r) =>
        exposed ? r.process_band === "POSITIVE" : args.contrast === "POSITIVE_VS_NEGATIVE" ? r.process_band === "NEGATIVE" : r.process_band !== "POSITIVE",
      )
      .filter((r) => (positiveOutcome ? r.outcome_band === "POSITIVE" : r.outcome_band !== "POSITIVE"))
      .reduce((s, r) => addCells(s, { count: r.n, keySum: r.k }), EMPTY_CELL);
  const cells = [cell(true, true), cell(true, false), cell(false, true), cell(false, false)];
  const versions = processPool.versions.filter((v) => outcomePool.versions.includes(v));
  const base = { questionSet, area, period, versions, syntheticData: ref.synthetic, process, outcome, contrast: args.contrast };
  if (notComparable) return { ...base, table: null, relativeRisk: null, oddsRatio: null, status: "NOT_COMPARABLE", reason: notComparable };
  if (cells.every((c) => c.count === 0)) {
    return {
      ...base,
      table: null,
      relativeRisk: null,
      oddsRatio: null,
      status: "NO_DATA",
      reason: `No one in ${area.name} answered both questions in this period.`,
    };
  }
  const published = cells.map(publishedCount);
  if (published.some((p) => p === null)) return { ...base, table: null, relativeRisk: null, oddsRatio: null, status: "SUPPRESSED", reason: SUPPRESSION_REASON };
  const [a, b, c, d] = published as [number, number, number, number];
  return {
    ...base,
    table: { exposedPositive: a, exposedOther: b, unexposedPositive: c, unexposedOther: d },
    relativeRisk: relativeRisk(a, b, c, d),
    oddsRatio: oddsRatio(a, b, c, d),
    status: "AVAILABLE",
    reason: null,
  };
}

/** `"A"`, `"A" or "B"`, `"A", "B" or "C"`: a band's answers (every graded band has at least one). */
function answersIn(options: { label: string; band: string | null }[], band: string): string {
  const parts = options.filter((o) => o.band === band).map((o) => `"${o.label}"`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} or ${parts.at(-1)}` : parts[0]!;
}

/**
 * The relative risk in one sentence, in the questions' short wording and their answers' labels,
 * e.g. `People who answered "Easy" or "Very easy" on ease of getting your budget were 2.8 times
 * as likely (95% CI 2.4 to 3.2) to answer "Better" or "A lot better" on quality of life as people
 * who answered "Difficult" or "Very difficult".` Null without an estimate.
 */
export function associationSummary(
  result: Pick<AssociationResult, "process" | "outcome" | "contrast" | "relativeRisk">,
  options: { process: { label: string; band: string | null }[]; outcome: { label: string; band: string | null }[] },
): string | null {
  if (!result.relativeRisk) return null;
  const { estimate, lower, upper } = result.relativeRisk;
  const others = result.contrast === "POSITIVE_VS_NEGATIVE" ? `people who answered ${answersIn(options.process, "NEGATIVE")}` : "everyone else who answered it";
  return (
    `People who answered ${answersIn(options.process, "POSITIVE")} on ${result.process.shortText} were ${estimate.toFixed(1)} times as likely ` +
    `(95% CI ${lower.toFixed(1)} to ${upper.toFixed(1)}) to answer ${answersIn(options.outcome, "POSITIVE")} on ${result.outcome.shortText} as ${others}.`
  );
}
