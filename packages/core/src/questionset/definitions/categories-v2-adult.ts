/**
 * Scales first used by version 2 of the adult instruments (ADULT_PB, PHB, CARER). Like the
 * builders of `categories.ts` and `scales.ts`, each returns a fresh `ScaleDefinition` for a set
 * to include in its own `scales` list.
 *
 * A scale that changed in any way other than gaining an EXCLUDED option takes a new code, and so
 * does the question asked on it (see `comparability.ts`). The `…_NA` scales are the version 1
 * graded scales with "not applicable" added: they keep every earlier option and band, so the
 * questions asked on them stay comparable.
 */
import type { OptionDefinition, ScaleDefinition } from "../types.ts";
import { categorical } from "./categories.ts";
import { NOT_APPLICABLE, opt } from "./scales.ts";

/** `scale` with "not applicable" (EXCLUDED) added last, keeping its code. */
const plusNotApplicable = (scale: ScaleDefinition, code: string, label: string, notApplicable: OptionDefinition = NOT_APPLICABLE()): ScaleDefinition => ({
  ...scale,
  code,
  label,
  options: [...scale.options, notApplicable],
});

/** A "tick all that apply" scale: categories only (band null, or EXCLUDED), never graded. */
const multiTick = (scale: ScaleDefinition): ScaleDefinition => ({ ...scale, multiple: true });

// ---------------------------------------------------------------------------------------------
// Categories.

/**
 * Whether an adult has a personal budget and how it is managed. Version 1's `BUDGET_MANAGEMENT`
 * with "a mixture of these" and "no personal budget" added, so that people whose support is
 * not arranged through a personal budget can answer too.
 */
export const BUDGET_MANAGEMENT_TYPE = (): ScaleDefinition =>
  categorical(
    "BUDGET_MANAGEMENT_TYPE",
    "How the budget is managed, or no personal budget",
    [
      ["direct_payment", "Direct payment, managed by me"],
      ["direct_payment_family", "Direct payment, managed by a friend or family member"],
      ["individual_service_fund", "Individual service fund, held by a provider"],
      ["council_managed", "Managed by the council"],
      ["broker", "Managed by a broker or support organisation"],
      ["mixture", "A mixture of these"],
      ["no_personal_budget", "I do not have a personal budget"],
    ],
    ["dont_know"],
  );

/**
 * How a personal health budget is managed. Version 1's `BUDGET_MANAGEMENT_HEALTH` with the
 * notional budget held by the NHS or by the council (for a joint budget) in place of "notional
 * budget managed by the NHS".
 */
export const BUDGET_MANAGEMENT_HEALTH_TYPE = (): ScaleDefinition =>
  categorical(
    "BUDGET_MANAGEMENT_HEALTH_TYPE",
    "How the personal health budget is managed (NHS or council notional budgets)",
    [
      ["direct_payment", "Direct payment, managed by me"],
      ["direct_payment_family", "Direct payment, managed by a friend or family member"],
      ["individual_service_fund", "Third-party budget held by a provider"],
      ["notional", "Notional budget, managed by the NHS or the council"],
      ["broker", "Managed by a broker or support organisation"],
    ],
    ["dont_know"],
  );

/**
 * What an adult's personal budget is used for, tick all that apply (version 1 asked for the main
 * use). Version 2 is asked of people without a personal budget too: "not applicable" (EXCLUDED)
 * is their answer.
 */
export const BUDGET_USES = (): ScaleDefinition =>
  plusNotApplicable(
    multiTick(
      categorical(
        "BUDGET_USES",
        "What the budget is used for (tick all that apply)",
        [
          ["personal_assistant", "Personal assistant"],
          ["community_activities", "Community and leisure activities"],
          ["home_care", "Home care from an agency"],
          ["residential_care", "Residential care"],
          ["day_services", "Day services"],
          ["equipment", "Equipment or adaptations"],
          ["short_breaks", "Short breaks or respite"],
          ["other", "Something else"],
        ],
        ["dont_know"],
      ),
    ),
    "BUDGET_USES",
    "What the budget is used for (tick all that apply), or no personal budget",
    opt("not_applicable", "Not applicable: I do not have a personal budget", "EXCLUDED"),
  );

/** What a personal health budget is used for, tick all that apply. */
export const BUDGET_USES_HEALTH = (): ScaleDefinition =>
  multiTick(
    categorical(
      "BUDGET_USES_HEALTH",
      "What the personal health budget is used for (tick all that apply)",
      [
        ["personal_assistant", "Personal assistant or care worker employed by me"],
        ["home_care", "Home care or nursing from an agency"],
        ["therapies", "Therapies"],
        ["equipment", "Equipment"],
        ["community_activities", "Community and leisure activities"],
        ["short_breaks", "Short breaks or respite"],
        ["other", "Something else"],
      ],
      ["dont_know"],
    ),
  );

/** How long the budget has been held, + not applicable for those who have no personal budget. */
export const BUDGET_DURATION_NA = (): ScaleDefinition =>
  categorical(
    "BUDGET_DURATION_NA",
    "How long the budget has been held, or no personal budget",
    [
      ["under_1_year", "Less than a year"],
      ["one_to_two_years", "One to two years"],
      ["two_to_five_years", "Two to five years"],
      ["over_five_years", "More than five years"],
    ],
    ["dont_know", "not_applicable"],
  );

/** Everyone who helped plan the support, tick all that apply (version 1 asked who helped most). */
export const WHO_HELPED = (): ScaleDefinition =>
  multiTick(
    categorical(
      "WHO_HELPED",
      "Who helped plan the support (tick all that apply)",
      [
        ["nobody", "Nobody: I planned it myself"],
        ["family_friends", "Family or friends"],
        ["council_staff", "Council or NHS staff"],
        ["support_organisation", "A user-led or support organisation"],
        ["provider", "A support provider"],
        ["broker", "A broker"],
        ["other", "Someone else"],
      ],
      ["dont_know"],
    ),
  );

/**
 * Age bands from under 18 up: the adult bands of `AGE_BAND_ADULT` with "under 18" before them,
 * for young carers and for children who hold a personal health budget.
 */
export const AGE_BAND_WITH_UNDER_18 = (): ScaleDefinition =>
  categorical(
    "AGE_BAND_WITH_UNDER_18",
    "Age band (under 18 and adults)",
    [
      ["under_18", "Under 18"],
      ["age_18_24", "18 to 24"],
      ["age_25_44", "25 to 44"],
      ["age_45_64", "45 to 64"],
      ["age_65_74", "65 to 74"],
      ["age_75_84", "75 to 84"],
      ["age_85_plus", "85 or over"],
    ],
    ["prefer_not_to_say"],
  );

/** A carer's relationship to the person cared for: version 1's list with "other" added. */
export const CARER_RELATIONSHIP_WITH_OTHER = (): ScaleDefinition =>
  categorical(
    "CARER_RELATIONSHIP_WITH_OTHER",
    "Relationship to the person cared for, including other relationships",
    [
      ["partner", "Husband, wife or partner"],
      ["parent", "Parent"],
      ["son_daughter", "Son or daughter"],
      ["other_relative", "Other relative"],
      ["friend_neighbour", "Friend or neighbour"],
      ["other", "Another relationship"],
    ],
    ["prefer_not_to_say"],
  );

/**
 * Whether the respondent has a disability or long-term health condition of their own that limits
 * their day-to-day activities (a circumstance, not a grade).
 */
export const OWN_DISABILITY = (): ScaleDefinition =>
  categorical(
    "OWN_DISABILITY",
    "Own disability or long-term health condition",
    [
      ["yes_limited_a_lot", "Yes, and it limits my day-to-day activities a lot"],
      ["yes_limited_a_little", "Yes, and it limits my day-to-day activities a little"],
      ["yes_not_limited", "Yes, but it does not limit my day-to-day activities"],
      ["no", "No"],
    ],
    ["prefer_not_to_say"],
  );
