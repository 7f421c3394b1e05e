/**
 * Personal health budget holders, version 1: the adult instrument with health outcomes to the
 * fore (physical health, mental wellbeing, managing the condition, staying out of hospital),
 * and budget management categories with the NHS instead of the council. Wording is ours.
 */
import type { QuestionSetDefinition } from "../types.ts";
import {
  AGE_BAND_ADULT,
  BUDGET_DURATION,
  BUDGET_MANAGEMENT_HEALTH,
  COMPLETED_BY,
  ETHNICITY,
  GENDER,
  NEED_HEALTH,
  SUPPORT_TYPE_HEALTH,
  WHO_HELPED_PLAN,
} from "./categories.ts";
import { BETTER_WORSE_5, EASE_5, GOOD_POOR_5, q, YES_NO } from "./scales.ts";

const YOU = "You and your personal health budget";
const PLAN = "Planning your care and support";
const QUALITY = "Quality of your care and support";
const OUTCOMES = "What difference the budget has made";
const ABOUT = "About you";

// `shortText` defaults to `what` when that already reads as a short noun phrase.
const quality = (code: string, theme: string | null, what: string, shortText = what) =>
  q(code, `How good or poor is ${what}?`, "PROCESS", theme, "GOOD_POOR_5", QUALITY, shortText);
const outcome = (code: string, theme: string | null, what: string, shortText = what) =>
  q(code, `What difference has your personal health budget made to ${what}?`, "OUTCOME", theme, "BETTER_WORSE_5", OUTCOMES, shortText);

export const PHB_V1: QuestionSetDefinition = {
  code: "PHB",
  version: 1,
  name: "POET for personal health budget holders",
  respondent: "A person who has a personal health budget from the NHS (or someone answering for them).",
  description:
    "How getting, planning and using a personal health budget went, how good the care and " +
    "support is, and what difference the budget has made, with health outcomes to the fore.",
  publishedOn: "2022-04-01",
  scales: [
    YES_NO(),
    EASE_5(),
    GOOD_POOR_5(),
    BETTER_WORSE_5(),
    WHO_HELPED_PLAN(),
    BUDGET_MANAGEMENT_HEALTH(),
    SUPPORT_TYPE_HEALTH(),
    BUDGET_DURATION(),
    GENDER(),
    AGE_BAND_ADULT(),
    NEED_HEALTH(),
    ETHNICITY(),
    COMPLETED_BY(),
  ],
  questions: [
    q(
      "budget_management",
      "How is your personal health budget managed?",
      "ABOUT_YOU",
      "budget_management",
      "BUDGET_MANAGEMENT_HEALTH",
      YOU,
      "how your health budget is managed",
    ),
    q(
      "support_type",
      "What is your personal health budget mainly used for?",
      "ABOUT_YOU",
      "support_type",
      "SUPPORT_TYPE_HEALTH",
      YOU,
      "what your health budget is mainly used for",
    ),
    q(
      "budget_duration",
      "How long have you had a personal health budget?",
      "ABOUT_YOU",
      "budget_duration",
      "BUDGET_DURATION",
      YOU,
      "how long you have had a health budget",
    ),

    q("help_to_plan", "Did you get help to plan your care and support?", "PROCESS", "help_to_plan", "YES_NO", PLAN, "help to plan your care and support"),
    q("who_helped_plan", "Who helped you most to plan your care and support?", "PROCESS", "who_helped_plan", "WHO_HELPED_PLAN", PLAN, "who helped you plan"),
    q(
      "views_included_in_plan",
      "Were your views included when your care and support plan was written?",
      "PROCESS",
      "views_included",
      "YES_NO",
      PLAN,
      "your views included in your care plan",
    ),
    q(
      "copy_of_care_plan",
      "Were you given a copy of your care and support plan?",
      "PROCESS",
      "copy_of_plan",
      "YES_NO",
      PLAN,
      "a copy of your care and support plan",
    ),
    q(
      "knew_budget_amount",
      "Do you know how much money is in your personal health budget?",
      "PROCESS",
      "knew_budget_amount",
      "YES_NO",
      PLAN,
      "knowing how much is in your budget",
    ),
    q(
      "could_decide_spending",
      "Can you decide how the money in your personal health budget is spent?",
      "PROCESS",
      "deciding_spending",
      "YES_NO",
      PLAN,
      "deciding how your budget is spent",
    ),
    q(
      "ease_getting_budget",
      "How easy or hard was it to get your personal health budget?",
      "PROCESS",
      "ease_of_getting_support",
      "EASE_5",
      PLAN,
      "ease of getting your budget",
    ),
    q(
      "ease_managing_budget",
      "How easy or hard is it to manage your personal health budget?",
      "PROCESS",
      "ease_of_managing_support",
      "EASE_5",
      PLAN,
      "ease of managing your budget",
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

    outcome("physical_health", "physical_health", "your physical health", "physical health"),
    outcome("mental_wellbeing", "mental_wellbeing", "your mental health and wellbeing", "mental health and wellbeing"),
    outcome("managing_condition", null, "how well you can manage your health condition", "managing your health condition"),
    outcome("avoiding_hospital", null, "staying out of hospital or avoiding emergency care", "staying out of hospital"),
    outcome("quality_of_life", "quality_of_life", "your quality of life", "quality of life"),
    outcome("independence", "independence", "your independence", "independence"),
    outcome("control_over_life", "control_over_life", "the control you have over your life", "control over your life"),
    outcome(
      "arranging_support",
      "arranging_support",
      "arranging your care and support the way you want it",
      "arranging your care and support the way you want",
    ),
    outcome("feeling_safe", "feeling_safe", "feeling safe"),
    outcome("relationships_with_family", "relationships_with_family", "your relationships with your family", "relationships with your family"),
    outcome("self_esteem", "self_esteem", "how you feel about yourself"),
    outcome("paid_work", "paid_work", "getting or keeping paid work"),

    q("gender", "Which best describes your gender?", "ABOUT_YOU", "gender", "GENDER", ABOUT, "gender"),
    q("age_band", "How old are you?", "ABOUT_YOU", "age_band", "AGE_BAND_ADULT", ABOUT, "age"),
    q(
      "type_of_need",
      "What is the main reason you have a personal health budget?",
      "ABOUT_YOU",
      "type_of_need",
      "NEED_HEALTH",
      ABOUT,
      "main reason for your health budget",
    ),
    q("ethnicity", "What is your ethnic group?", "ABOUT_YOU", "ethnicity", "ETHNICITY", ABOUT, "ethnic group"),
    q("completed_by", "Who filled in this form?", "ABOUT_YOU", "completed_by", "COMPLETED_BY", ABOUT, "who filled in the form"),
  ],
};
