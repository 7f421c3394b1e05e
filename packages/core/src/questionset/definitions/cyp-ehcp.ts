/**
 * Children and young people with an EHCP, version 1. The six published areas of support
 * (dignity, level of support, looking forward, being heard, information, choice about support)
 * are rated very poor … very good; the outcome questions mirror the parents' instrument so the
 * child's and the parent's views can be set side by side. Written in plain words for young
 * readers; the wording is ours.
 */
import type { QuestionSetDefinition } from "../types.ts";
import { AGE_BAND_CYP, COMPLETED_BY_CYP, GENDER, NEED_SEND, SCHOOL_PHASE } from "./categories.ts";
import { FREQUENCY_5, GOOD_POOR_5, q, YES_NO } from "./scales.ts";

const PLAN = "About your plan";
const SUPPORT = "Your support";
const LIFE = "How things are going";
const ABOUT = "About you";

// `shortText` defaults to `what` when that already reads as a short noun phrase.
const support = (code: string, kind: "PROCESS" | "OUTCOME", theme: string, what: string, shortText = what) =>
  q(code, `How good or poor has your support been at ${what}?`, kind, theme, "GOOD_POOR_5", SUPPORT, shortText);
const life = (code: string, theme: string, what: string, shortText = what) =>
  q(code, `In the last 12 months, how good or poor has your support been at helping you with ${what}?`, "OUTCOME", theme, "GOOD_POOR_5", LIFE, shortText);

export const CYP_EHCP_V1: QuestionSetDefinition = {
  code: "CYP_EHCP",
  version: 1,
  name: "POET for children and young people with an EHCP",
  respondent: "A child or young person (up to 25) who has an Education, Health and Care Plan.",
  description:
    "The young person's own view of their plan and support: being treated with dignity, the " +
    "level of support, looking forward, being heard, information and choice, and how their " +
    "support has helped with school, family, friends, health and life in general.",
  publishedOn: "2022-04-01",
  scales: [YES_NO(), FREQUENCY_5(), GOOD_POOR_5(), GENDER(), AGE_BAND_CYP(), SCHOOL_PHASE(), NEED_SEND(), COMPLETED_BY_CYP()],
  questions: [
    q("plan_about_me", "Is your plan about you and the things that matter to you?", "PROCESS", "child_at_centre", "YES_NO", PLAN, "your plan being about you"),
    q("support_when_needed", "Do you get help when you need it?", "PROCESS", "timely_support", "FREQUENCY_5", PLAN, "getting help when you need it"),

    support("dignity", "PROCESS", "dignity", "treating you with respect and dignity", "being treated with respect and dignity"),
    support("level_of_support", "PROCESS", "amount_of_support", "giving you the right amount of help", "getting the right amount of help"),
    support(
      "looking_forward",
      "OUTCOME",
      "preparing_for_the_future",
      "helping you look forward and plan for the future",
      "looking forward and planning for the future",
    ),
    support("being_heard", "PROCESS", "being_heard", "listening to you and taking notice of what you say", "being listened to"),
    support("information", "PROCESS", "information", "giving you information you can understand", "information you can understand"),
    support("choice_about_support", "PROCESS", "choice_and_control", "giving you a choice about your support", "choice about your support"),

    life("school_and_learning", "school_and_learning", "school, college and learning"),
    life("relationships_with_family", "relationships_with_family", "getting on with your family"),
    life("enjoying_friendships", "friendships", "making and enjoying friendships"),
    life("fit_and_healthy", "physical_health", "being fit and healthy"),
    life("part_of_local_community", "community", "doing things in your local community"),
    life("quality_of_life", "quality_of_life", "your life in general"),

    q("gender", "Are you…", "ABOUT_YOU", "gender", "GENDER", ABOUT, "gender"),
    q("age_band", "How old are you?", "ABOUT_YOU", "age_band", "AGE_BAND_CYP", ABOUT, "age"),
    q("school_phase", "Where are you in education?", "ABOUT_YOU", "school_phase", "SCHOOL_PHASE", ABOUT, "where you are in education"),
    q("type_of_need", "What is the main thing you get support with?", "ABOUT_YOU", "type_of_need", "NEED_SEND", ABOUT, "main thing you get support with"),
    q(
      "completed_by",
      "Did you fill in these questions by yourself or with help?",
      "ABOUT_YOU",
      "completed_by",
      "COMPLETED_BY_CYP",
      ABOUT,
      "whether you had help to fill in",
    ),
  ],
};
