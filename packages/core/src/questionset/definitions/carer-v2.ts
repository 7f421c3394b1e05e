/**
 * Carers of adults with a personal budget, version 2. Against version 1 it
 * - lets a carer describe a relationship to the person cared for that the list leaves out;
 * - asks whether the carer has a disability or long-term health condition of their own;
 * - has an under-18 age band, for young carers;
 * - gives the support a carer gets for themselves a "not applicable", for carers who get none.
 * The outcomes and the other questions are version 1's. Wording is ours.
 */
import type { QuestionSetDefinition } from "../types.ts";
import { BUDGET_MANAGEMENT, CARING_HOURS, COMPLETED_BY, ETHNICITY, GENDER, NEED_ADULT } from "./categories.ts";
import { AGE_BAND_WITH_UNDER_18, CARER_RELATIONSHIP_WITH_OTHER, OWN_DISABILITY } from "./categories-v2-adult.ts";
import { BETTER_WORSE_5, GOOD_POOR_5, GOOD_POOR_5_NA, q, VIEWS_INCLUDED_4, v2, YES_NO } from "./scales.ts";

const CARING = "You and the person you care for";
const PROCESS = "Your views and information";
const OUTCOMES = "What difference the personal budget has made";
const ABOUT = "About you";

// `shortText` defaults to `what` when that already reads as a short noun phrase. Every outcome
// keeps version 1's wording and scale, so all pool with version 1.
const outcome = (code: string, theme: string | null, what: string, shortText = what) =>
  v2(
    q(
      code,
      `Since the person you care for has had a personal budget, what difference has it made to ${what}?`,
      "OUTCOME",
      theme,
      "BETTER_WORSE_5",
      OUTCOMES,
      shortText,
    ),
    true,
  );

export const CARER_V2: QuestionSetDefinition = {
  code: "CARER",
  version: 2,
  name: "POET for carers (revised)",
  respondent: "An unpaid carer, of any age (young carers under 18 included), of an adult who has a personal budget.",
  description:
    "Whether the carer's views were heard and they were well informed, and what difference the " +
    "cared-for person's personal budget has made to the carer's wellbeing, to their ability to " +
    "keep caring and to both people's quality of life. The revision covers young carers under " +
    "18, any relationship to the person cared for, and the carer's own disability or health condition.",
  publishedOn: "2025-04-01",
  scales: [
    YES_NO(),
    VIEWS_INCLUDED_4(),
    GOOD_POOR_5(),
    GOOD_POOR_5_NA(),
    BETTER_WORSE_5(),
    CARER_RELATIONSHIP_WITH_OTHER(),
    CARING_HOURS(),
    NEED_ADULT(),
    BUDGET_MANAGEMENT(),
    OWN_DISABILITY(),
    GENDER(),
    AGE_BAND_WITH_UNDER_18(),
    ETHNICITY(),
    COMPLETED_BY(),
  ],
  questions: [
    // "Another relationship" added (not EXCLUDED): a new code for version 1's `relationship_to_person`.
    v2(
      q(
        "carer_relationship",
        "What is your relationship to the person you care for?",
        "ABOUT_YOU",
        null,
        "CARER_RELATIONSHIP_WITH_OTHER",
        CARING,
        "relationship to the person you care for",
      ),
      false,
    ),
    v2(q("caring_hours", "About how many hours a week do you spend caring?", "ABOUT_YOU", null, "CARING_HOURS", CARING, "hours a week spent caring"), true),
    v2(
      q(
        "type_of_need",
        "What is the main reason the person you care for needs support?",
        "ABOUT_YOU",
        "type_of_need",
        "NEED_ADULT",
        CARING,
        "main reason the person you care for needs support",
      ),
      true,
    ),
    v2(
      q(
        "budget_management",
        "How is their personal budget managed?",
        "ABOUT_YOU",
        "budget_management",
        "BUDGET_MANAGEMENT",
        CARING,
        "how their budget is managed",
      ),
      true,
    ),

    v2(
      q(
        "carer_views_included",
        "Were your views as a carer included in the support plan of the person you care for?",
        "PROCESS",
        "views_included",
        "VIEWS_INCLUDED_4",
        PROCESS,
        "your views as a carer included in their plan",
      ),
      true,
    ),
    v2(
      q(
        "information_and_advice",
        "How good or poor is the information and advice available to you as a carer?",
        "PROCESS",
        "information",
        "GOOD_POOR_5",
        PROCESS,
        "information and advice for carers",
      ),
      true,
    ),
    v2(
      q(
        "carer_assessment",
        "Have you had a carer's assessment in the last 12 months?",
        "PROCESS",
        null,
        "YES_NO",
        PROCESS,
        "a carer's assessment in the last 12 months",
      ),
      true,
    ),
    // Only "not applicable" (EXCLUDED) added, for carers who get no support for themselves.
    v2(
      q(
        "support_for_carer",
        "How good or poor is the support you get for yourself as a carer?",
        "PROCESS",
        null,
        "GOOD_POOR_5_NA",
        PROCESS,
        "support for you as a carer",
      ),
      true,
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

    // New in version 2.
    v2(
      q(
        "carer_disability",
        "Do you have a disability or long-term health condition of your own?",
        "ABOUT_YOU",
        null,
        "OWN_DISABILITY",
        ABOUT,
        "your own disability or health condition",
      ),
      false,
    ),
    v2(q("gender", "Which best describes your gender?", "ABOUT_YOU", "gender", "GENDER", ABOUT, "gender"), true),
    // An under-18 band added (not EXCLUDED): a new code in the theme of version 1's `age_band`.
    v2(q("age_group", "How old are you?", "ABOUT_YOU", "age_band", "AGE_BAND_WITH_UNDER_18", ABOUT, "age"), false),
    v2(q("ethnicity", "What is your ethnic group?", "ABOUT_YOU", "ethnicity", "ETHNICITY", ABOUT, "ethnic group"), true),
    v2(q("completed_by", "Who filled in this form?", "ABOUT_YOU", "completed_by", "COMPLETED_BY", ABOUT, "who filled in the form"), true),
  ],
};
