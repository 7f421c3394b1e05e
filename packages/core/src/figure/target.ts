import type { AreaRow } from "../area/index.ts";
import { assertAreaCode } from "../area/index.ts";
import { badInput, notFound } from "../errors/index.ts";
import type { Band, QuestionRow, QuestionSetCode, QuestionSetRow } from "../questionset/index.ts";
import { versionSchema } from "../questionset/index.ts";
import { parseInput } from "../util/validate.ts";
import type { CountableBand } from "./measure.ts";
import { type Period, type PeriodInput, parsePeriod, resolvePeriod } from "./period.ts";
import type { ReferenceData } from "./reference.ts";
import type { Polarity } from "./statistics.ts";

function inPeriod(ref: ReferenceData, setId: number, period: Period | null): boolean {
  return period !== null && (ref.yearsBySet.get(setId)?.some((year) => year >= period.from && year <= period.to) ?? false);
}

/** The set asks every one of these question codes. */
function holdsAll(ref: ReferenceData, set: QuestionSetRow, codes: readonly string[]): boolean {
  return codes.every((code) => ref.questionsBySet.get(set.id)!.some((q) => q.code === code));
}

/**
 * The published version asked for; otherwise the latest that holds responses in the period (or
 * at all, without a period), the latest published when none does: publishing a new version
 * does not empty every figure until its first responses arrive, and a period before it was
 * collected reads the version answered then. Without a version, the question codes a figure
 * names (`codes`) come first: the latest version with responses that asks them all, so a code a
 * revision dropped or renamed reads the last version that asked it (as it did before the
 * revision, and as asking for that version does) instead of NOT_FOUND; the figure names the
 * version it read. When no such version has responses, the choice is as above.
 */
export function resolveQuestionSet(
  ref: ReferenceData,
  code: QuestionSetCode,
  version?: number | null,
  period?: Period | null,
  codes: readonly string[] = [],
): QuestionSetRow {
  // Exported through index.ts: the report asks with a version it worked out, and it refuses a bad one itself.
  if (version != null) parseInput(versionSchema, version, "version");
  const candidates = ref.questionSets
    .filter((s) => s.code === code && s.status !== "DRAFT" && (version == null || s.version === version))
    .sort((a, b) => b.version - a.version);
  const answered = (s: QuestionSetRow) => (period ? inPeriod(ref, s.id, period) : (ref.yearsBySet.get(s.id)?.length ?? 0) > 0);
  const set = candidates.find((s) => answered(s) && holdsAll(ref, s, codes)) ?? candidates.find(answered) ?? candidates[0];
  if (!set) throw notFound(`No published ${code} question set${version != null ? ` version ${version}` : ""}`, "version");
  return set;
}

/**
 * The version and period of a figure. Without a period, it covers every year with responses to
 * the version it reads: the one asked for, else the latest with responses (that asks `codes`,
 * the question codes the figure names, when one does).
 */
export function resolveSetAndPeriod(
  ref: ReferenceData,
  code: QuestionSetCode,
  version: number | null | undefined,
  input: PeriodInput | null | undefined,
  codes: readonly string[] = [],
): { questionSet: QuestionSetRow; period: Period | null } {
  const asked = input ? parsePeriod(input) : null;
  const questionSet = resolveQuestionSet(ref, code, version, asked, codes);
  return { questionSet, period: asked ?? resolvePeriod(null, ref.yearsBySet.get(questionSet.id) ?? []) };
}

/** A question of the set whose answers have a direction, so that a band can be counted. */
export function resolveGradedQuestion(ref: ReferenceData, set: QuestionSetRow, code: string, argument = "question"): QuestionRow {
  const question = ref.questionsBySet.get(set.id)!.find((q) => q.code === code);
  if (!question) throw notFound(`No question "${code}" in ${set.code} version ${set.version}`, argument);
  if (question.kind === "ABOUT_YOU" || !ref.gradedQuestionIds.has(question.id)) {
    throw badInput(`"${code}" records a category, not a graded answer: it has no band to measure (break figures down by it instead)`, argument);
  }
  return question;
}

export function resolveArea(ref: ReferenceData, code: string, argument = "area"): AreaRow {
  assertAreaCode(code, argument);
  const area = ref.areas.get(code);
  if (!area) throw notFound(`No area with code ${code}`, argument);
  return area;
}

/** A band a measure can count: EXCLUDED answers are outside every denominator. */
export function assertCountableBand(band: Band): CountableBand {
  if (band === "EXCLUDED") throw badInput("EXCLUDED answers are outside every denominator: choose POSITIVE, NEUTRAL or NEGATIVE", "band");
  return band;
}

/** The band asked for, when the question's scale has it. */
export function assertBandOf(ref: ReferenceData, question: QuestionRow, band: Band): CountableBand {
  const countable = assertCountableBand(band);
  const bands = ref.bandsByQuestion.get(question.id)!;
  if (!bands.includes(countable)) throw badInput(`"${question.code}" has no ${band} answers: its scale's bands are ${bands.join(" and ")}`, "band");
  return countable;
}

/** A POSITIVE share is better high, a NEGATIVE share better low; a NEUTRAL one is neither. */
export function polarityOf(band: Band): Polarity {
  return band === "POSITIVE" ? "HIGHER_IS_BETTER" : band === "NEGATIVE" ? "LOWER_IS_BETTER" : "NO_JUDGEMENT";
}

/** What a figure of one question counts: the same question in each version it pools. */
export interface Pooling {
  /** The questions whose answers it counts, one per version. */
  questionIds: number[];
  /** The same questions' rows: where each version's responses hold their answers. */
  questions: QuestionRow[];
  /** The versions whose responses it counts: those it pools that hold responses in the period. */
  versions: number[];
  /** Why it has no number: a version it may not pool holds responses in the period. */
  notComparable: string | null;
}

/** Every version any of the figures pools, oldest first. */
export function versionsOfAll(lists: readonly (readonly number[])[]): number[] {
  return [...new Set(lists.flat())].sort((a, b) => a - b);
}

/** How a sentence names versions: "version 2", "versions 1 and 2", "versions 1, 2 and 3". */
export function versionList(versions: number[]): string {
  return versions.length > 1 ? `versions ${versions.slice(0, -1).join(", ")} and ${versions.at(-1)}` : `version ${versions[0]}`;
}

/**
 * How a figure of `question` (of `set`) pools versions over `period`. Asked for one version, it
 * counts that version's responses alone. Otherwise it counts every version its question is
 * comparable with, and when another version of the instrument holds responses in the period it
 * has no number: a share of answers to two different questions is not a figure.
 */
export function poolingOf(ref: ReferenceData, set: QuestionSetRow, question: QuestionRow, period: Period | null, oneVersion: boolean): Pooling {
  const chain = oneVersion ? [] : ref.chains.get(question.id)!;
  const links = chain.length ? chain : [{ version: set.version, setId: set.id, questionId: question.id }];
  const pooled = new Set(links.map((l) => l.setId));
  const blocking = oneVersion
    ? []
    : ref.questionSets
        .filter((s) => s.code === set.code && !pooled.has(s.id) && inPeriod(ref, s.id, period))
        .map((s) => s.version)
        .sort((a, b) => a - b);
  return {
    questionIds: links.map((l) => l.questionId),
    questions: links.map((l) => ref.questionsById.get(l.questionId)!),
    versions: links.filter((l) => inPeriod(ref, l.setId, period)).map((l) => l.version),
    notComparable: blocking.length
      ? `"${question.code}" of ${set.code} version ${set.version} is not comparable with ${versionList(blocking)}, whose responses fall in this period: ` +
        `ask for a period without them, or for one version.`
      : null,
  };
}
