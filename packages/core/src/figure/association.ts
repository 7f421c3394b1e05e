import { figureAccess } from "../actor/index.ts";
import { badInput } from "../errors/index.ts";
import type { QuestionRow, QuestionSetCode } from "../questionset/index.ts";
import type { Scope } from "../scope/index.ts";
import { validated } from "../util/validate.ts";
import { assertBreakdownAllowed } from "./access.ts";
import type { FigureScope } from "./benchmark.ts";
import { familyOf, sourceSpan } from "./benchmark.ts";
import { addCells, type Cell, EMPTY_CELL, publishCount } from "./disclosure.ts";
import { genericView } from "./family.ts";
import { associationAtoms, associationSlots } from "./joint.ts";
import { COARSE_REASON, SUPPRESSION_REASON } from "./measure.ts";
import { type PeriodInput, yearsIn } from "./period.ts";
import { figureSource } from "./source.ts";
import { type Estimate, oddsRatio, relativeRisk } from "./statistics.ts";
import { type Pooling, poolingOf, resolveArea, resolveGradedQuestion, resolveSetAndPeriod } from "./target.ts";
import { associationArgs, type Contrast } from "./validation.ts";

/** Who counts as "exposed": a POSITIVE process answer, against NEGATIVE ones or all the others. */
export type { Contrast } from "./validation.ts";

export type AssociationArgs = {
  questionSet: QuestionSetCode;
  process: string;
  outcome: string;
  area: string;
  contrast: Contrast;
  period?: PeriodInput | null;
  version?: number | null;
  /** A release's name, "LIVE", or (omitted) the latest release. */
  release?: string | null;
};

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

/**
 * How a PROCESS answer goes with an OUTCOME answer: the 2×2 table of published counts, the
 * relative risk of a POSITIVE outcome (Katz interval) and the odds ratio (Woolf interval).
 */
export const association = validated(associationArgs, async (scope: Scope, args: AssociationArgs): Promise<AssociationResult> => {
  const access = figureAccess(scope.actor);
  const source = await figureSource(scope, args.release);
  const { ref } = source;
  const { questionSet, period } = resolveSetAndPeriod(ref, args.questionSet, args.version, args.period, [args.process, args.outcome]);
  const area = resolveArea(ref, args.area);
  source.assertArea(area);
  // Live figures are the organisation's own responses, in an area it covers: no wider access is needed.
  if (source.kind !== "LIVE") assertBreakdownAllowed(access, area, "Associations");
  const process = resolveGradedQuestion(ref, questionSet, args.process, "process");
  const outcome = resolveGradedQuestion(ref, questionSet, args.outcome, "outcome");
  if (process.kind !== "PROCESS") throw badInput(`"${process.code}" is an ${process.kind} question: \`process\` takes a PROCESS question`, "process");
  if (outcome.kind !== "OUTCOME") throw badInput(`"${outcome.code}" is a ${outcome.kind} question: \`outcome\` takes an OUTCOME question`, "outcome");
  const [processPool, outcomePool] = [process, outcome].map((q) => poolingOf(ref, questionSet, q, period, args.version != null)) as [Pooling, Pooling];
  const notComparable = processPool.notComparable ?? outcomePool.notComparable;
  // The table's family: every version of both questions, every year the release holds (`family.ts`).
  const chain = (q: QuestionRow, pool: Pooling) => familyOf(ref, q, pool).map((id) => ref.questionsById.get(id)!);
  const span = sourceSpan(source);
  const atoms =
    period && span && !notComparable ? await associationAtoms(source, chain(process, processPool), chain(outcome, outcomePool), area, yearsIn(span)) : [];
  // A block of the table's atoms closes when its table (for this contrast) has 10 in every cell.
  const view = period
    ? genericView(
        atoms,
        { questionIds: processPool.questionIds, period },
        {
          add: (a: Cell[], b: Cell[]) => a.map((c, i) => addCells(c, b[i]!)),
          empty: Array.from({ length: 9 }, () => EMPTY_CELL),
          holds: (cells: Cell[]) => cells.some((c) => c.count > 0),
          passes: (cells: Cell[]) => tableOf(cells, args.contrast).every((x) => x.count >= 10),
        },
        source.exact,
      )
    : null;
  const cells = tableOf(view?.cells ?? Array.from({ length: 9 }, () => EMPTY_CELL), args.contrast);
  const versions = processPool.versions.filter((v) => outcomePool.versions.includes(v));
  const base = { release: source.name, questionSet, area, period, versions, syntheticData: ref.synthetic, process, outcome, contrast: args.contrast };
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
  if (view && !view.allowed) return { ...base, table: null, relativeRisk: null, oddsRatio: null, status: "SUPPRESSED", reason: COARSE_REASON };
  const published = cells.map((c) => publishCount(c, source.exact));
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
});

/**
 * The 2×2 table of nine band cells (PROCESS band × OUTCOME band): [exposed with a POSITIVE
 * outcome, exposed without, unexposed with, unexposed without], exposed a POSITIVE process answer.
 */
function tableOf(nine: Cell[], contrast: Contrast): Cell[] {
  const sum = (exposed: boolean, positiveOutcome: boolean): Cell =>
    nine
      .map((cell, slot) => ({ cell, ...associationSlots(slot) }))
      .filter((r) =>
        exposed ? r.processBand === "POSITIVE" : contrast === "POSITIVE_VS_NEGATIVE" ? r.processBand === "NEGATIVE" : r.processBand !== "POSITIVE",
      )
      .filter((r) => (positiveOutcome ? r.outcomeBand === "POSITIVE" : r.outcomeBand !== "POSITIVE"))
      .reduce((s, r) => addCells(s, r.cell), EMPTY_CELL);
  return [sum(true, true), sum(true, false), sum(false, true), sum(false, false)];
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
