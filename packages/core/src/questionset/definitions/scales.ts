/**
 * Shared scale builders. Scales belong to a question set in the data model, so every builder
 * returns a fresh `ScaleDefinition` that a set includes in its own `scales` list.
 *
 * Graded scales list their options most negative first. On five-point scales the top two
 * options are POSITIVE, the middle one NEUTRAL and the bottom two NEGATIVE, so that the
 * published measures read straight off the option codes: "good_or_very_good" is the POSITIVE
 * band {good, very_good}, "poor_or_very_poor" the NEGATIVE band {poor, very_poor},
 * "always_or_mostly", "never_or_rarely", "better_or_a_lot_better", "yes".
 * "Don't know" / "not applicable" are EXCLUDED (outside the denominator).
 *
 * Categorical (ABOUT_YOU) scales carry band `null`, except "prefer not to say" / "don't know",
 * which are EXCLUDED.
 */
import type { Band, OptionDefinition, QuestionDefinition, QuestionKind, ScaleDefinition } from "../types.ts";

export const opt = (code: string, label: string, band: Band | null): OptionDefinition => ({ code, label, band });

export const DONT_KNOW = (): OptionDefinition => opt("dont_know", "Don't know", "EXCLUDED");
export const NOT_APPLICABLE = (): OptionDefinition => opt("not_applicable", "Not applicable", "EXCLUDED");
export const PREFER_NOT = (): OptionDefinition => opt("prefer_not_to_say", "Prefer not to say", "EXCLUDED");

/** Very poor … very good, + don't know. */
export const GOOD_POOR_5 = (): ScaleDefinition => ({
  code: "GOOD_POOR_5",
  label: "Very poor to very good",
  options: [
    opt("very_poor", "Very poor", "NEGATIVE"),
    opt("poor", "Poor", "NEGATIVE"),
    opt("neither", "Neither good nor poor", "NEUTRAL"),
    opt("good", "Good", "POSITIVE"),
    opt("very_good", "Very good", "POSITIVE"),
    DONT_KNOW(),
  ],
});

/** A lot worse … a lot better, + not applicable. */
export const BETTER_WORSE_5 = (): ScaleDefinition => ({
  code: "BETTER_WORSE_5",
  label: "A lot worse to a lot better",
  options: [
    opt("a_lot_worse", "A lot worse", "NEGATIVE"),
    opt("worse", "Worse", "NEGATIVE"),
    opt("no_change", "No change", "NEUTRAL"),
    opt("better", "Better", "POSITIVE"),
    opt("a_lot_better", "A lot better", "POSITIVE"),
    NOT_APPLICABLE(),
  ],
});

/** Never … always, + don't know. */
export const FREQUENCY_5 = (): ScaleDefinition => ({
  code: "FREQUENCY_5",
  label: "Never to always",
  options: [
    opt("never", "Never", "NEGATIVE"),
    opt("rarely", "Rarely", "NEGATIVE"),
    opt("sometimes", "Sometimes", "NEUTRAL"),
    opt("mostly", "Mostly", "POSITIVE"),
    opt("always", "Always", "POSITIVE"),
    DONT_KNOW(),
  ],
});

/** No / yes + don't know (no middle point: a yes/no question has none). */
export const YES_NO = (): ScaleDefinition => ({
  code: "YES_NO",
  label: "No or yes",
  options: [opt("no", "No", "NEGATIVE"), opt("yes", "Yes", "POSITIVE"), DONT_KNOW()],
});

/** Very hard … very easy, + don't know. */
export const EASE_5 = (): ScaleDefinition => ({
  code: "EASE_5",
  label: "Very hard to very easy",
  options: [
    opt("very_hard", "Very hard", "NEGATIVE"),
    opt("hard", "Hard", "NEGATIVE"),
    opt("neither", "Neither easy nor hard", "NEUTRAL"),
    opt("easy", "Easy", "POSITIVE"),
    opt("very_easy", "Very easy", "POSITIVE"),
    DONT_KNOW(),
  ],
});

/**
 * Not at all / partly / mostly / fully, + don't know: "fully or mostly" is POSITIVE (the
 * published measure), "partly" NEUTRAL, "not at all" NEGATIVE.
 */
export const VIEWS_INCLUDED_4 = (): ScaleDefinition => ({
  code: "VIEWS_INCLUDED_4",
  label: "Not at all to fully",
  options: [
    opt("not_at_all", "Not at all", "NEGATIVE"),
    opt("partly", "Partly", "NEUTRAL"),
    opt("mostly", "Mostly", "POSITIVE"),
    opt("fully", "Fully", "POSITIVE"),
    DONT_KNOW(),
  ],
});

/**
 * `scale` with "not applicable" (EXCLUDED) added last, as a new scale `<CODE>_NA`: for questions a
 * respondent can lack the experience of (support a carer does not get, a three-year-old's
 * "preparing for the future"). It keeps every earlier option and band, so a question moved onto it
 * stays comparable with the earlier version (see `comparability.ts`).
 */
export const withNotApplicable = (scale: ScaleDefinition): ScaleDefinition => ({
  ...scale,
  code: `${scale.code}_NA`,
  label: `${scale.label}, or not applicable`,
  options: [...scale.options, NOT_APPLICABLE()],
});

export const GOOD_POOR_5_NA = (): ScaleDefinition => withNotApplicable(GOOD_POOR_5());
export const VIEWS_INCLUDED_4_NA = (): ScaleDefinition => withNotApplicable(VIEWS_INCLUDED_4());
export const EASE_5_NA = (): ScaleDefinition => withNotApplicable(EASE_5());
export const YES_NO_NA = (): ScaleDefinition => withNotApplicable(YES_NO());

// ---------------------------------------------------------------------------------------------
// Small helpers for the definitions.

/**
 * A question, in the order of `QuestionDefinition`'s fields, except `shortText`, which comes
 * last: a short noun phrase for figures and sentences, e.g. "ease of getting your budget".
 */
export const q = (
  code: string,
  text: string,
  kind: QuestionKind,
  theme: string | null,
  scale: string,
  section: string,
  shortText: string,
): QuestionDefinition => ({ code, text, shortText, kind, theme, scale, section });

/** A question of a later version, saying whether its figures pool with the same code in the version before. */
export const v2 = (question: QuestionDefinition, comparable: boolean): QuestionDefinition => ({ ...question, comparable });
/** A later version's question that pools with the version before. */
export const kept = (question: QuestionDefinition): QuestionDefinition => v2(question, true);
/** A later version's question that does not pool with the version before (new, or its meaning changed). */
export const added = (question: QuestionDefinition): QuestionDefinition => v2(question, false);
