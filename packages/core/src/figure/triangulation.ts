import type { AreaRow } from "../area/index.ts";
import { notFound } from "../errors/index.ts";
import type { QuestionRow, QuestionSetRow } from "../questionset/index.ts";
import type { Scope } from "../scope/index.ts";
import { validated } from "../util/validate.ts";
import { cellsOf, familyMeasure, familyOf } from "./benchmark.ts";
import { type Measure, notComparableMeasure } from "./measure.ts";
import { type Period, type PeriodInput, parsePeriod, resolvePeriod } from "./period.ts";
import { yearsOf } from "./reference.ts";
import { figureSource } from "./source.ts";
import { poolingOf, resolveArea, resolveQuestionSet } from "./target.ts";
import { triangulationArgs } from "./validation.ts";

export interface TriangulationView {
  questionSet: QuestionSetRow;
  question: QuestionRow;
  /** The versions of its instrument whose responses the measure counts. */
  versions: number[];
  measure: Measure;
}

export type Agreement = "AGREE" | "DISAGREE" | "NOT_COMPARED";

export interface TriangulationPair {
  first: TriangulationView;
  second: TriangulationView;
  /** first − second, in percentage points; null unless both are published. */
  difference: number | null;
  agreement: Agreement;
}

export interface TriangulationResult {
  /** The release the figures were read from, or "LIVE". */
  release: string;
  area: AreaRow;
  theme: string;
  period: Period | null;
  views: TriangulationView[];
  pairs: TriangulationPair[];
  agreement: Agreement;
  syntheticData: boolean;
}

/** Two views disagree when their 95% intervals do not overlap (a conservative test). */
export function compareViews(first: TriangulationView, second: TriangulationView): TriangulationPair {
  const a = first.measure.confidenceInterval;
  const b = second.measure.confidenceInterval;
  if (!a || !b) return { first, second, difference: null, agreement: "NOT_COMPARED" };
  const overlap = a.lower <= b.upper && b.lower <= a.upper;
  return { first, second, difference: first.measure.percentage! - second.measure.percentage!, agreement: overlap ? "AGREE" : "DISAGREE" };
}

/**
 * The share answering POSITIVE on one theme, from each instrument that asks about it (the
 * child's, the parent's and the practitioner's views of an EHCP, say), side by side for an area.
 */
export const triangulation = validated(
  triangulationArgs,
  async (scope: Scope, args: { area: string; theme: string; period?: PeriodInput | null; release?: string | null }): Promise<TriangulationResult> => {
    const source = await figureSource(scope, args.release);
    const { ref } = source;
    const area = resolveArea(ref, args.area);
    source.assertArea(area);
    const asked = args.period ? parsePeriod(args.period) : null;
    const latestSets = [...new Set(ref.questionSets.map((s) => s.code))].map((code) => resolveQuestionSet(ref, code, null, asked));
    const questions = latestSets.flatMap((set) =>
      ref.questionsBySet
        .get(set.id)!
        .filter((q) => q.theme === args.theme && ref.gradedQuestionIds.has(q.id))
        .map((q) => ({ set, q })),
    );
    if (questions.length === 0) throw notFound(`No graded question has the theme "${args.theme}"`, "theme");
    const period =
      asked ??
      resolvePeriod(
        null,
        yearsOf(
          ref,
          questions.map(({ set }) => set.id),
        ),
      );
    const pools = questions.map(({ set, q }) => poolingOf(ref, set, q, period, false));
    const { own } = await cellsOf(source, [...new Set(questions.flatMap(({ q }, i) => familyOf(ref, q, pools[i]!)))]);
    const views = questions.map(({ set, q }, i) => {
      const pool = pools[i]!;
      return {
        questionSet: set,
        question: q,
        versions: pool.versions,
        measure: pool.notComparable ? notComparableMeasure(pool.notComparable) : familyMeasure(own, q, pool, period, "POSITIVE", area),
      };
    });
    const pairs = views.flatMap((first, i) => views.slice(i + 1).map((second) => compareViews(first, second)));
    return { release: source.name, area, theme: args.theme, period, views, pairs, agreement: overallAgreement(pairs), syntheticData: ref.synthetic };
  },
);

/** DISAGREE when any compared pair does, AGREE when all compared pairs do, NOT_COMPARED when none could be. */
export function overallAgreement(pairs: Pick<TriangulationPair, "agreement">[]): Agreement {
  const compared = pairs.filter((p) => p.agreement !== "NOT_COMPARED");
  return compared.length === 0 ? "NOT_COMPARED" : compared.some((p) => p.agreement === "DISAGREE") ? "DISAGREE" : "AGREE";
}
