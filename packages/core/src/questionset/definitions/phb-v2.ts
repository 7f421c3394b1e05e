/**
 * Personal health budget holders, version 2. Against version 1 it
 * - asks the adult outcomes version 1 left out (friendships, relationships with paid supporters,
 *   being treated with dignity, where and with whom you live, volunteering) and general health,
 *   sharing the adult instrument's themes;
 * - asks what the budget is used for as "tick all that apply";
 * - has an under-18 age band, for children with a personal health budget (such as for continuing
 *   care), most of whom will have someone answer for them;
 * - counts a notional budget managed by the council, not only by the NHS, and gives the ease of
 *   managing the budget a "not applicable" for a notional budget managed for the person.
 * Wording is ours.
 */
import type { QuestionSetDefinition } from "../types.ts";
import { BUDGET_DURATION, COMPLETED_BY, ETHNICITY, GENDER, NEED_HEALTH, WHO_HELPED_PLAN } from "./categories.ts";
import { AGE_BAND_WITH_UNDER_18, BUDGET_MANAGEMENT_HEALTH_TYPE, BUDGET_USES_HEALTH } from "./categories-v2-adult.ts";
import { BETTER_WORSE_5, EASE_5, EASE_5_NA, GOOD_POOR_5, q, v2, YES_NO } from "./scales.ts";

const YOU = "You and your personal health budget";
const PLAN = "Planning your care and support";
const QUALITY = "Quality of your care and support";
const OUTCOMES = "What difference the budget has made";
const ABOUT = "About you";

// `shortText` defaults to `what` when that already reads as a short noun phrase.
const quality = (code: string, theme: string | null, what: string, shortText = what) =>
  v2(q(code, `How good or poor is ${what}?`, "PROCESS", theme, "GOOD_POOR_5", QUALITY, shortText), true);
/** Outcomes keep version 1's wording, so those version 1 asked pool with it; the others are new. */
const outcome = (code: string, theme: string | null, what: string, shortText: string, comparable: boolean) =>
  v2(q(code, `What difference has your personal health budget made to ${what}?`, "OUTCOME", theme, "BETTER_WORSE_5", OUTCOMES, shortText), comparable);

export const PHB_V2: QuestionSetDefinition = {
  code: "PHB",
  version: 2,
  name: "POET for personal health budget holders (revised)",
  respondent: "A person of any age who has a personal health budget (or someone answering for them, as a parent does for a child).",
  description:
    "How getting, planning and using a personal health budget went, how good the care and " +
    "support is, and what difference the budget has made, with health outcomes to the fore. " +
    "The revision adds general health and the adult outcomes of friendships, relationships with " +
    "paid supporters, dignity, where you live and volunteering; asks what the budget is used for " +
    "as 'tick all that apply'; and covers children and notional budgets managed by the council.",
  publishedOn: "2025-04-01",
  scales: [
    YES_NO(),
    EASE_5(),
    EASE_5_NA(),
    GOOD_POOR_5(),
    BETTER_WORSE_5(),
    WHO_HELPED_PLAN(),
    BUDGET_MANAGEMENT_HEALTH_TYPE(),
    BUDGET_USES_HEALTH(),
    BUDGET_DURATION(),
    GENDER(),
    AGE_BAND_WITH_UNDER_18(),
    NEED_HEALTH(),
    ETHNICITY(),
    COMPLETED_BY(),
  ],
  questions: [
    // New scale (a notional budget managed by the NHS or the council): a new code in the theme of `budget_management`.
    v2(
      q(
        "budget_management_type",
        "How is your personal health budget managed?",
        "ABOUT_YOU",
        "budget_management",
        "BUDGET_MANAGEMENT_HEALTH_TYPE",
        YOU,
        "how your health budget is managed",
      ),
      false,
    ),
    // Multi-tick, replacing version 1's single-choice `support_type`.
    v2(
      q(
        "budget_uses",
        "What is your personal health budget used for? Tick all that apply.",
        "ABOUT_YOU",
        "support_type",
        "BUDGET_USES_HEALTH",
        YOU,
        "what your health budget is used for",
      ),
      false,
    ),
    v2(
      q(
        "budget_duration",
        "How long have you had a personal health budget?",
        "ABOUT_YOU",
        "budget_duration",
        "BUDGET_DURATION",
        YOU,
        "how long you have had a health budget",
      ),
      true,
    ),

    v2(
      q("help_to_plan", "Did you get help to plan your care and support?", "PROCESS", "help_to_plan", "YES_NO", PLAN, "help to plan your care and support"),
      true,
    ),
    v2(
      q("who_helped_plan", "Who helped you most to plan your care and support?", "PROCESS", "who_helped_plan", "WHO_HELPED_PLAN", PLAN, "who helped you plan"),
      true,
    ),
    v2(
      q(
        "views_included_in_plan",
        "Were your views included when your care and support plan was written?",
        "PROCESS",
        "views_included",
        "YES_NO",
        PLAN,
        "your views included in your care plan",
      ),
      true,
    ),
    v2(
      q(
        "copy_of_care_plan",
        "Were you given a copy of your care and support plan?",
        "PROCESS",
        "copy_of_plan",
        "YES_NO",
        PLAN,
        "a copy of your care and support plan",
      ),
      true,
    ),
    v2(
      q(
        "knew_budget_amount",
        "Do you know how much money is in your personal health budget?",
        "PROCESS",
        "knew_budget_amount",
        "YES_NO",
        PLAN,
        "knowing how much is in your budget",
      ),
      true,
    ),
    v2(
      q(
        "could_decide_spending",
        "Can you decide how the money in your personal health budget is spent?",
        "PROCESS",
        "deciding_spending",
        "YES_NO",
        PLAN,
        "deciding how your budget is spent",
      ),
      true,
    ),
    v2(
      q(
        "ease_getting_budget",
        "How easy or hard was it to get your personal health budget?",
        "PROCESS",
        "ease_of_getting_support",
        "EASE_5",
        PLAN,
        "ease of getting your budget",
      ),
      true,
    ),
    // Only "not applicable" (EXCLUDED) added, for a notional budget the NHS or the council manages.
    v2(
      q(
        "ease_managing_budget",
        "How easy or hard is it to manage your personal health budget?",
        "PROCESS",
        "ease_of_managing_support",
        "EASE_5_NA",
        PLAN,
        "ease of managing your budget",
      ),
      true,
    ),

    quality("amount_of_support", "amount_of_support", "the amount of care and support you get"),
    quality(
      "control_over_support",
      "choice_and_control",
      "the choice and control you have over your care and support",
      "choice and control over your care and support",
    ),
    quality("dignity_of_support", "dignity", "the way your care and support respects your dignity", "your care and support respecting your dignity"),
    quality("quality_of_support", "quality_of_support", "the overall quality of your care and support", "overall quality of your care and support"),
    quality("information_and_advice", "information", "the information and advice available to you", "information and advice"),

    outcome("general_health", null, "your health in general", "general health", false),
    outcome("physical_health", "physical_health", "your physical health", "physical health", true),
    outcome("mental_wellbeing", "mental_wellbeing", "your mental health and wellbeing", "mental health and wellbeing", true),
    outcome("managing_condition", null, "how well you can manage your health condition", "managing your health condition", true),
    outcome("avoiding_hospital", null, "staying out of hospital or avoiding emergency care", "staying out of hospital", true),
    outcome("quality_of_life", "quality_of_life", "your quality of life", "quality of life", true),
    outcome("independence", "independence", "your independence", "independence", true),
    outcome("control_over_life", "control_over_life", "the control you have over your life", "control over your life", true),
    outcome(
      "arranging_support",
      "arranging_support",
      "arranging your care and support the way you want it",
      "arranging your care and support the way you want",
      true,
    ),
    outcome("dignity_in_support", "dignity_in_support", "being treated with dignity in your care and support", "being treated with dignity", false),
    outcome("feeling_safe", "feeling_safe", "feeling safe", "feeling safe", true),
    outcome("relationships_with_family", "relationships_with_family", "your relationships with your family", "relationships with your family", true),
    outcome(
      "relationships_with_paid_supporters",
      "relationships_with_paid_supporters",
      "your relationships with the people paid to support you",
      "relationships with paid supporters",
      false,
    ),
    outcome("friendships", "friendships", "your friendships", "friendships", false),
    outcome("self_esteem", "self_esteem", "how you feel about yourself", "how you feel about yourself", true),
    outcome("where_you_live", "where_you_live", "where you live and who you live with", "where and who you live with", false),
    outcome("paid_work", "paid_work", "getting or keeping paid work", "getting or keeping paid work", true),
    outcome("volunteering", "volunteering", "volunteering or helping others", "volunteering or helping others", false),

    v2(q("gender", "Which best describes your gender?", "ABOUT_YOU", "gender", "GENDER", ABOUT, "gender"), true),
    // An under-18 band added (not EXCLUDED): a new code in the theme of version 1's `age_band`.
    v2(q("age_group", "How old are you?", "ABOUT_YOU", "age_band", "AGE_BAND_WITH_UNDER_18", ABOUT, "age"), false),
    v2(
      q(
        "type_of_need",
        "What is the main reason you have a personal health budget?",
        "ABOUT_YOU",
        "type_of_need",
        "NEED_HEALTH",
        ABOUT,
        "main reason for your health budget",
      ),
      true,
    ),
    v2(q("ethnicity", "What is your ethnic group?", "ABOUT_YOU", "ethnicity", "ETHNICITY", ABOUT, "ethnic group"), true),
    v2(q("completed_by", "Who filled in this form?", "ABOUT_YOU", "completed_by", "COMPLETED_BY", ABOUT, "who filled in the form"), true),
  ],
};
