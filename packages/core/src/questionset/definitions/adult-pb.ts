/**
 * Adults with a personal budget, version 1. Sections follow the revised, embedded adult POET
 * (2017): "You and the support you get", "Planning your support", "Quality of the support",
 * "Outcomes of the support", plus "About you". No full questionnaire is public: the wording is
 * ours, written to the public description (see POET_QUESTIONS.md).
 */
import type { QuestionSetDefinition } from "../types.ts";
import {
  AGE_BAND_ADULT,
  BUDGET_DURATION,
  BUDGET_MANAGEMENT,
  COMPLETED_BY,
  ETHNICITY,
  GENDER,
  NEED_ADULT,
  SUPPORT_TYPE,
  WHO_HELPED_PLAN,
} from "./categories.ts";
import { BETTER_WORSE_5, EASE_5, GOOD_POOR_5, q, YES_NO } from "./scales.ts";

const YOU = "You and the support you get";
const PLAN = "Planning your support";
const QUALITY = "Quality of the support";
const OUTCOMES = "Outcomes of the support";
const ABOUT = "About you";

// `shortText` defaults to `what` when that already reads as a short noun phrase.
const quality = (code: string, theme: string | null, what: string, shortText = what) =>
  q(code, `How good or poor is ${what}?`, "PROCESS", theme, "GOOD_POOR_5", QUALITY, shortText);
const outcome = (code: string, theme: string | null, what: string, shortText = what) =>
  q(code, `What difference has your personal budget made to ${what}?`, "OUTCOME", theme, "BETTER_WORSE_5", OUTCOMES, shortText);

export const ADULT_PB_V1: QuestionSetDefinition = {
  code: "ADULT_PB",
  version: 1,
  name: "POET for adults with a personal budget",
  respondent: "An adult who has a personal budget for their social care support (or someone answering for them).",
  description:
    "How getting, planning and using a personal budget went, how good the support is, and what " +
    "difference the budget has made across fourteen areas of life. Designed to be asked at a review.",
  publishedOn: "2022-04-01",
  scales: [
    YES_NO(),
    EASE_5(),
    GOOD_POOR_5(),
    BETTER_WORSE_5(),
    WHO_HELPED_PLAN(),
    BUDGET_MANAGEMENT(),
    SUPPORT_TYPE(),
    BUDGET_DURATION(),
    GENDER(),
    AGE_BAND_ADULT(),
    NEED_ADULT(),
    ETHNICITY(),
    COMPLETED_BY(),
  ],
  questions: [
    q("budget_management", "How is your personal budget managed?", "ABOUT_YOU", "budget_management", "BUDGET_MANAGEMENT", YOU, "how your budget is managed"),
    q("support_type", "What is your personal budget mainly used for?", "ABOUT_YOU", "support_type", "SUPPORT_TYPE", YOU, "what your budget is mainly used for"),
    q("budget_duration", "How long have you had a personal budget?", "ABOUT_YOU", "budget_duration", "BUDGET_DURATION", YOU, "how long you have had a budget"),

    q("help_to_plan", "Did you get help to plan your support?", "PROCESS", "help_to_plan", "YES_NO", PLAN, "help to plan your support"),
    q("who_helped_plan", "Who helped you most to plan your support?", "PROCESS", "who_helped_plan", "WHO_HELPED_PLAN", PLAN, "who helped you plan"),
    q(
      "views_included_in_plan",
      "Were your views included when your support plan was written?",
      "PROCESS",
      "views_included",
      "YES_NO",
      PLAN,
      "your views included in your support plan",
    ),
    q("copy_of_support_plan", "Were you given a copy of your support plan?", "PROCESS", "copy_of_plan", "YES_NO", PLAN, "a copy of your support plan"),
    q(
      "knew_budget_amount",
      "Do you know how much money is in your personal budget?",
      "PROCESS",
      "knew_budget_amount",
      "YES_NO",
      PLAN,
      "knowing how much is in your budget",
    ),
    q(
      "could_decide_spending",
      "Can you decide how the money in your personal budget is spent?",
      "PROCESS",
      "deciding_spending",
      "YES_NO",
      PLAN,
      "deciding how your budget is spent",
    ),
    q(
      "ease_getting_budget",
      "How easy or hard was it to get your personal budget?",
      "PROCESS",
      "ease_of_getting_support",
      "EASE_5",
      PLAN,
      "ease of getting your budget",
    ),
    q(
      "ease_managing_budget",
      "How easy or hard is it to manage your personal budget?",
      "PROCESS",
      "ease_of_managing_support",
      "EASE_5",
      PLAN,
      "ease of managing your budget",
    ),

    quality("amount_of_support", "amount_of_support", "the amount of support you get"),
    quality("control_over_support", "choice_and_control", "the choice and control you have over your support", "choice and control over your support"),
    quality("dignity_of_support", "dignity", "the way your support respects your dignity", "your support respecting your dignity"),
    quality("quality_of_support", "quality_of_support", "the overall quality of your support", "overall quality of your support"),
    quality("information_and_advice", "information", "the information and advice available to you", "information and advice"),

    outcome("dignity_in_support", null, "being treated with dignity in your support", "being treated with dignity"),
    outcome("quality_of_life", "quality_of_life", "your quality of life", "quality of life"),
    outcome("independence", "independence", "your independence", "independence"),
    outcome("arranging_support", "arranging_support", "arranging your support the way you want it", "arranging your support the way you want"),
    outcome("physical_health", "physical_health", "your physical health", "physical health"),
    outcome("mental_wellbeing", "mental_wellbeing", "your mental health and wellbeing", "mental health and wellbeing"),
    outcome("control_over_life", "control_over_life", "the control you have over your life", "control over your life"),
    outcome("feeling_safe", "feeling_safe", "feeling safe, inside and outside your home", "feeling safe"),
    outcome("relationships_with_family", "relationships_with_family", "your relationships with your family", "relationships with your family"),
    outcome("relationships_with_paid_supporters", null, "your relationships with the people paid to support you", "relationships with paid supporters"),
    outcome("friendships", "friendships", "your friendships", "friendships"),
    outcome("self_esteem", "self_esteem", "how you feel about yourself"),
    outcome("where_you_live", null, "where you live and who you live with", "where and who you live with"),
    outcome("paid_work", "paid_work", "getting or keeping paid work"),
    outcome("volunteering", null, "volunteering or helping others"),

    q("gender", "Which best describes your gender?", "ABOUT_YOU", "gender", "GENDER", ABOUT, "gender"),
    q("age_band", "How old are you?", "ABOUT_YOU", "age_band", "AGE_BAND_ADULT", ABOUT, "age"),
    q("type_of_need", "What is the main reason you need support?", "ABOUT_YOU", "type_of_need", "NEED_ADULT", ABOUT, "main reason you need support"),
    q("ethnicity", "What is your ethnic group?", "ABOUT_YOU", "ethnicity", "ETHNICITY", ABOUT, "ethnic group"),
    q("completed_by", "Who filled in this form?", "ABOUT_YOU", "completed_by", "COMPLETED_BY", ABOUT, "who filled in the form"),
  ],
};
