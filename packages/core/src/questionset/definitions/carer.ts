/**
 * Carers of adults with a personal budget, version 1. The outcomes are those the national
 * personal budget surveys report for carers (remaining well, continuing to care, quality of
 * life for the carer and for the person cared for, day-to-day stress, the carer's own choice
 * and control, the relationship with the person cared for). Wording is ours.
 */
import type { QuestionSetDefinition } from "../types.ts";
import { AGE_BAND_ADULT, BUDGET_MANAGEMENT, CARER_RELATIONSHIP, CARING_HOURS, COMPLETED_BY, ETHNICITY, GENDER, NEED_ADULT } from "./categories.ts";
import { BETTER_WORSE_5, GOOD_POOR_5, q, VIEWS_INCLUDED_4, YES_NO } from "./scales.ts";

const CARING = "You and the person you care for";
const PROCESS = "Your views and information";
const OUTCOMES = "What difference the personal budget has made";
const ABOUT = "About you";

// `shortText` defaults to `what` when that already reads as a short noun phrase.
const outcome = (code: string, theme: string | null, what: string, shortText = what) =>
  q(
    code,
    `Since the person you care for has had a personal budget, what difference has it made to ${what}?`,
    "OUTCOME",
    theme,
    "BETTER_WORSE_5",
    OUTCOMES,
    shortText,
  );

export const CARER_V1: QuestionSetDefinition = {
  code: "CARER",
  version: 1,
  name: "POET for carers",
  respondent: "An unpaid carer of an adult who has a personal budget.",
  description:
    "Whether the carer's views were heard and they were well informed, and what difference the " +
    "cared-for person's personal budget has made to the carer's wellbeing, to their ability to " +
    "keep caring and to both people's quality of life.",
  publishedOn: "2022-04-01",
  scales: [
    YES_NO(),
    VIEWS_INCLUDED_4(),
    GOOD_POOR_5(),
    BETTER_WORSE_5(),
    CARER_RELATIONSHIP(),
    CARING_HOURS(),
    NEED_ADULT(),
    BUDGET_MANAGEMENT(),
    GENDER(),
    AGE_BAND_ADULT(),
    ETHNICITY(),
    COMPLETED_BY(),
  ],
  questions: [
    q(
      "relationship_to_person",
      "What is your relationship to the person you care for?",
      "ABOUT_YOU",
      null,
      "CARER_RELATIONSHIP",
      CARING,
      "relationship to the person you care for",
    ),
    q("caring_hours", "About how many hours a week do you spend caring?", "ABOUT_YOU", null, "CARING_HOURS", CARING, "hours a week spent caring"),
    q(
      "type_of_need",
      "What is the main reason the person you care for needs support?",
      "ABOUT_YOU",
      "type_of_need",
      "NEED_ADULT",
      CARING,
      "main reason the person you care for needs support",
    ),
    q(
      "budget_management",
      "How is their personal budget managed?",
      "ABOUT_YOU",
      "budget_management",
      "BUDGET_MANAGEMENT",
      CARING,
      "how their budget is managed",
    ),

    q(
      "carer_views_included",
      "Were your views as a carer included in the support plan of the person you care for?",
      "PROCESS",
      "views_included",
      "VIEWS_INCLUDED_4",
      PROCESS,
      "your views as a carer included in their plan",
    ),
    q(
      "information_and_advice",
      "How good or poor is the information and advice available to you as a carer?",
      "PROCESS",
      "information",
      "GOOD_POOR_5",
      PROCESS,
      "information and advice for carers",
    ),
    q(
      "carer_assessment",
      "Have you had a carer's assessment in the last 12 months?",
      "PROCESS",
      null,
      "YES_NO",
      PROCESS,
      "a carer's assessment in the last 12 months",
    ),
    q(
      "support_for_carer",
      "How good or poor is the support you get for yourself as a carer?",
      "PROCESS",
      null,
      "GOOD_POOR_5",
      PROCESS,
      "support for you as a carer",
    ),

    outcome("physical_health", "physical_health", "your own physical health"),
    outcome("mental_wellbeing", "mental_wellbeing", "your own mental health and wellbeing"),
    outcome("continue_caring", null, "your being able to continue caring", "being able to continue caring"),
    outcome("carer_quality_of_life", "impact_on_carer", "your quality of life"),
    outcome("cared_for_quality_of_life", "quality_of_life", "the quality of life of the person you care for", "quality of life of the person you care for"),
    outcome("day_to_day_stress", null, "coping with day-to-day stress"),
    outcome("control_over_life", "control_over_life", "the choice and control you have over your own life", "choice and control over your own life"),
    outcome(
      "relationship_with_cared_for",
      "relationships_with_family",
      "your relationship with the person you care for",
      "your relationship with the person you care for",
    ),

    q("gender", "Which best describes your gender?", "ABOUT_YOU", "gender", "GENDER", ABOUT, "gender"),
    q("age_band", "How old are you?", "ABOUT_YOU", "age_band", "AGE_BAND_ADULT", ABOUT, "age"),
    q("ethnicity", "What is your ethnic group?", "ABOUT_YOU", "ethnicity", "ETHNICITY", ABOUT, "ethnic group"),
    q("completed_by", "Who filled in this form?", "ABOUT_YOU", "completed_by", "COMPLETED_BY", ABOUT, "who filled in the form"),
  ],
};
