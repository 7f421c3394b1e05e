/**
 * Question sets are data: each instrument version is declared once in `definitions/` and
 * loaded into the database by `loadQuestionSets`. A published version never changes; a change
 * is a new version whose questions keep their codes so results stay comparable.
 */
export const QUESTION_SET_CODES = ["ADULT_PB", "CARER", "PHB", "CYP_EHCP", "PARENT_EHCP", "PRACTITIONER_EHCP"] as const;
export type QuestionSetCode = (typeof QUESTION_SET_CODES)[number];

export const QUESTION_KINDS = ["PROCESS", "OUTCOME", "ABOUT_YOU"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** POSITIVE/NEUTRAL/NEGATIVE for graded answers; EXCLUDED leaves the denominator. */
export const BANDS = ["POSITIVE", "NEUTRAL", "NEGATIVE", "EXCLUDED"] as const;
export type Band = (typeof BANDS)[number];

export interface OptionDefinition {
  /** Stable within its scale, lower_snake_case, e.g. `very_good`. */
  code: string;
  label: string;
  /**
   * The band of a graded answer. Categories of an ABOUT_YOU question (a gender, an age band)
   * have no good or bad direction: they carry `null`, except "prefer not to say" / "don't
   * know", which are EXCLUDED.
   */
  band: Band | null;
}

export interface ScaleDefinition {
  /** Unique within the question set, UPPER_SNAKE_CASE, e.g. `GOOD_POOR_5`. */
  code: string;
  label: string;
  /** In the order the respondent sees them, most negative first for graded scales. */
  options: OptionDefinition[];
  /**
   * Multi-tick ("tick all that apply"): a respondent may choose several options, stored one
   * answer per option. Such a scale is never graded (no POSITIVE or NEGATIVE option), and as a
   * breakdown dimension its categories overlap.
   */
  multiple?: boolean;
}

export interface QuestionDefinition {
  /** Stable across versions, unique within the question set, lower_snake_case. */
  code: string;
  /** The words the respondent reads. */
  text: string;
  /**
   * A short noun phrase naming what the question asks about, for figures and sentences such as
   * `a positive answer on "ease of getting your budget"`: lower case unless a proper noun, no
   * question mark, at most 60 characters, e.g. "ease of getting your budget", "quality of life",
   * "gender", "who helped you plan". Presentation metadata: it is not part of what a published
   * version fixes, so the wording can be improved without a new version.
   */
  shortText: string;
  kind: QuestionKind;
  /**
   * Shared across instruments where they ask about the same thing (what makes triangulation
   * possible), lower_snake_case; `null` when no other instrument asks it.
   */
  theme: string | null;
  /** Code of a scale of the same question set. */
  scale: string;
  /** The section of the form the question sits in, e.g. "Planning your support". */
  section: string;
  /**
   * Versions after the first say, for every question, whether its figures pool with the same
   * code in the version before: the same meaning, and every earlier option still there with the
   * same band (options it adds must be EXCLUDED, such as "not applicable"). A question whose
   * scale changed otherwise takes a new code. Version 1 leaves it out.
   */
  comparable?: boolean;
}

export interface QuestionSetDefinition {
  code: QuestionSetCode;
  version: number;
  name: string;
  /** Who answers it, in a sentence. */
  respondent: string;
  description: string;
  /** ISO date the version was published. */
  publishedOn: string;
  scales: ScaleDefinition[];
  questions: QuestionDefinition[];
}

/** Where an instrument is collected: the kind of area its responses belong to (an ICB for personal health budgets, a council otherwise). */
export const collectedIn = (code: QuestionSetCode): "ICB" | "LOCAL_AUTHORITY" => (code === "PHB" ? "ICB" : "LOCAL_AUTHORITY");
