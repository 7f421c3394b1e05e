/**
 * Adults with care and support, version 2: the revised adult POET of 2017, embedded in councils'
 * review tools and asked of everyone with social care support, whether or not they have a
 * personal budget. Against version 1 it
 * - asks how far the person's views were included in the support plan (fully, mostly, partly,
 *   not at all) instead of a yes or no;
 * - asks what difference "your support" has made, not "your personal budget", and adds two
 *   outcomes: everyday activities and taking part in the community;
 * - lets the person say they have no personal budget, or a mixture of ways of managing it, and
 *   gives budget questions a "not applicable" for those who have none;
 * - asks what the budget is used for and who helped plan as "tick all that apply".
 * Wording is ours, written to the public description (see POET_QUESTIONS.md).
 */
import type { QuestionSetDefinition } from "../types.ts";
import { AGE_BAND_ADULT, COMPLETED_BY, ETHNICITY, GENDER, NEED_ADULT } from "./categories.ts";
import { BUDGET_DURATION_NA, BUDGET_MANAGEMENT_TYPE, BUDGET_USES, WHO_HELPED } from "./categories-v2-adult.ts";
import { BETTER_WORSE_5, EASE_5_NA, GOOD_POOR_5, q, VIEWS_INCLUDED_4, v2, YES_NO, YES_NO_NA } from "./scales.ts";

const YOU = "You and the support you get";
const PLAN = "Planning your support";
const QUALITY = "Quality of the support";
const OUTCOMES = "Outcomes of the support";
const ABOUT = "About you";

// `shortText` defaults to `what` when that already reads as a short noun phrase.
const quality = (code: string, theme: string | null, what: string, shortText = what) =>
  v2(q(code, `How good or poor is ${what}?`, "PROCESS", theme, "GOOD_POOR_5", QUALITY, shortText), true);
/**
 * Every outcome asks about "your support" where version 1 asked about "your personal budget": a
 * different question (and a wider population), so none pools with version 1.
 */
const outcome = (code: string, theme: string | null, what: string, shortText = what) =>
  v2(q(code, `What difference has your support made to ${what}?`, "OUTCOME", theme, "BETTER_WORSE_5", OUTCOMES, shortText), false);

export const ADULT_PB_V2: QuestionSetDefinition = {
  code: "ADULT_PB",
  version: 2,
  name: "POET for adults with care and support (revised)",
  respondent: "An adult who gets social care support, with or without a personal budget (or someone answering for them).",
  description:
    "The revised adult POET, asked at a review: how planning the support went, how far the " +
    "person's views were included, how good the support is, and what difference it has made " +
    "across seventeen areas of life, including everyday activities and taking part in the " +
    "community. People without a personal budget can answer: budget questions have a 'not " +
    "applicable', and budget use and who helped plan are 'tick all that apply'.",
  publishedOn: "2025-04-01",
  scales: [
    YES_NO(),
    YES_NO_NA(),
    VIEWS_INCLUDED_4(),
    EASE_5_NA(),
    GOOD_POOR_5(),
    BETTER_WORSE_5(),
    WHO_HELPED(),
    BUDGET_MANAGEMENT_TYPE(),
    BUDGET_USES(),
    BUDGET_DURATION_NA(),
    GENDER(),
    AGE_BAND_ADULT(),
    NEED_ADULT(),
    ETHNICITY(),
    COMPLETED_BY(),
  ],
  questions: [
    // New scale ("a mixture", "no personal budget"): a new code in the theme of version 1's `budget_management`.
    v2(
      q(
        "budget_management_type",
        "Do you have a personal budget, and if so how is it managed?",
        "ABOUT_YOU",
        "budget_management",
        "BUDGET_MANAGEMENT_TYPE",
        YOU,
        "how your budget is managed",
      ),
      false,
    ),
    // Multi-tick, replacing version 1's single-choice `support_type`.
    v2(
      q(
        "budget_uses",
        "What is your personal budget used for? Tick all that apply.",
        "ABOUT_YOU",
        "support_type",
        "BUDGET_USES",
        YOU,
        "what your budget is used for",
      ),
      false,
    ),
    // Only "not applicable" (EXCLUDED) added.
    v2(
      q(
        "budget_duration",
        "How long have you had a personal budget?",
        "ABOUT_YOU",
        "budget_duration",
        "BUDGET_DURATION_NA",
        YOU,
        "how long you have had a budget",
      ),
      true,
    ),

    v2(q("help_to_plan", "Did you get help to plan your support?", "PROCESS", "help_to_plan", "YES_NO", PLAN, "help to plan your support"), true),
    // Multi-tick, replacing version 1's single-choice `who_helped_plan` (who helped most).
    v2(
      q("who_helped", "Who helped you to plan your support? Tick all that apply.", "PROCESS", "who_helped_plan", "WHO_HELPED", PLAN, "who helped you plan"),
      false,
    ),
    // Four points, replacing version 1's yes/no `views_included_in_plan`.
    v2(
      q(
        "views_included_extent",
        "How far were your views included when your support plan was written?",
        "PROCESS",
        "views_included",
        "VIEWS_INCLUDED_4",
        PLAN,
        "your views included in your support plan",
      ),
      false,
    ),
    v2(
      q("copy_of_support_plan", "Were you given a copy of your support plan?", "PROCESS", "copy_of_plan", "YES_NO", PLAN, "a copy of your support plan"),
      true,
    ),
    // The budget questions gain "not applicable" (EXCLUDED) for people without a personal budget.
    v2(
      q(
        "knew_budget_amount",
        "Do you know how much money is in your personal budget?",
        "PROCESS",
        "knew_budget_amount",
        "YES_NO_NA",
        PLAN,
        "knowing how much is in your budget",
      ),
      true,
    ),
    v2(
      q(
        "could_decide_spending",
        "Can you decide how the money in your personal budget is spent?",
        "PROCESS",
        "deciding_spending",
        "YES_NO_NA",
        PLAN,
        "deciding how your budget is spent",
      ),
      true,
    ),
    v2(
      q(
        "ease_getting_budget",
        "How easy or hard was it to get your personal budget?",
        "PROCESS",
        "ease_of_getting_support",
        "EASE_5_NA",
        PLAN,
        "ease of getting your budget",
      ),
      true,
    ),
    // "Not applicable" also covers a budget the council manages.
    v2(
      q(
        "ease_managing_budget",
        "How easy or hard is it to manage your personal budget?",
        "PROCESS",
        "ease_of_managing_support",
        "EASE_5_NA",
        PLAN,
        "ease of managing your budget",
      ),
      true,
    ),

    quality("amount_of_support", "amount_of_support", "the amount of support you get"),
    quality("control_over_support", "choice_and_control", "the choice and control you have over your support", "choice and control over your support"),
    quality("dignity_of_support", "dignity", "the way your support respects your dignity", "your support respecting your dignity"),
    quality("quality_of_support", "quality_of_support", "the overall quality of your support", "overall quality of your support"),
    quality("information_and_advice", "information", "the information and advice available to you", "information and advice"),

    // Four outcomes version 1 asked alone now share a theme with PHB version 2, which asks them too.
    outcome("dignity_in_support", "dignity_in_support", "being treated with dignity by the people who support you", "being treated with dignity"),
    outcome("quality_of_life", "quality_of_life", "your quality of life", "quality of life"),
    outcome("independence", "independence", "your independence", "independence"),
    outcome("arranging_support", "arranging_support", "arranging the help you get the way you want it", "arranging your support the way you want"),
    outcome("everyday_activities", null, "doing your everyday activities", "everyday activities"),
    outcome("physical_health", "physical_health", "your physical health", "physical health"),
    outcome("mental_wellbeing", "mental_wellbeing", "your mental health and wellbeing", "mental health and wellbeing"),
    outcome("control_over_life", "control_over_life", "the control you have over your life", "control over your life"),
    outcome("feeling_safe", "feeling_safe", "feeling safe, inside and outside your home", "feeling safe"),
    outcome("relationships_with_family", "relationships_with_family", "your relationships with your family", "relationships with your family"),
    outcome(
      "relationships_with_paid_supporters",
      "relationships_with_paid_supporters",
      "your relationships with the people paid to support you",
      "relationships with paid supporters",
    ),
    outcome("friendships", "friendships", "your friendships", "friendships"),
    outcome("community", "community", "taking part in your local community", "taking part in the community"),
    outcome("self_esteem", "self_esteem", "how you feel about yourself"),
    outcome("where_you_live", "where_you_live", "where you live and who you live with", "where and who you live with"),
    outcome("paid_work", "paid_work", "getting or keeping paid work"),
    outcome("volunteering", "volunteering", "volunteering or helping others"),

    v2(q("gender", "Which best describes your gender?", "ABOUT_YOU", "gender", "GENDER", ABOUT, "gender"), true),
    v2(q("age_band", "How old are you?", "ABOUT_YOU", "age_band", "AGE_BAND_ADULT", ABOUT, "age"), true),
    v2(q("type_of_need", "What is the main reason you need support?", "ABOUT_YOU", "type_of_need", "NEED_ADULT", ABOUT, "main reason you need support"), true),
    v2(q("ethnicity", "What is your ethnic group?", "ABOUT_YOU", "ethnicity", "ETHNICITY", ABOUT, "ethnic group"), true),
    v2(q("completed_by", "Who filled in this form?", "ABOUT_YOU", "completed_by", "COMPLETED_BY", ABOUT, "who filled in the form"), true),
  ],
};
