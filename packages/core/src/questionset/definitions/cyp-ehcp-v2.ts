/**
 * Children and young people with special educational needs, version 2 (2025). Version 1's
 * questions stay, with their codes, and now reach young people on SEN support as well as those
 * with an EHCP. What changed:
 * - "Not applicable" on the questions a young person can lack the experience of (having a
 *   plan, school and learning, family, friendships, looking forward, the local community):
 *   only an EXCLUDED option is added, so they stay comparable with version 1.
 * - Type of need by the DfE primary-need codes (`primary_need`, replacing `type_of_need`), and
 *   "someone answered for me" among who filled in the form (`who_filled_in`, replacing
 *   `completed_by`): their scales changed, so their codes did.
 * - New: whether the young person has an EHCP or SEN support, a personal budget, ethnic group.
 * Written in plain words for young readers; the wording is ours.
 */
import type { QuestionSetDefinition } from "../types.ts";
import { AGE_BAND_CYP, ETHNICITY, GENDER, SCHOOL_PHASE } from "./categories.ts";
import { COMPLETED_BY_CYP_V2, PERSONAL_BUDGET_HELD, PRIMARY_NEED, SEN_PROVISION } from "./categories-v2-ehcp.ts";
import { added, FREQUENCY_5, GOOD_POOR_5, GOOD_POOR_5_NA, kept, q, YES_NO_NA } from "./scales.ts";

const PLAN = "About your plan";
const SUPPORT = "Your support";
const LIFE = "How things are going";
const ABOUT = "About you";

// `shortText` defaults to `what` when that already reads as a short noun phrase.
const support = (code: string, kind: "PROCESS" | "OUTCOME", theme: string, scale: string, what: string, shortText = what) =>
  kept(q(code, `How good or poor has your support been at ${what}?`, kind, theme, scale, SUPPORT, shortText));
const life = (code: string, theme: string, scale: string, what: string, shortText = what) =>
  kept(q(code, `In the last 12 months, how good or poor has your support been at helping you with ${what}?`, "OUTCOME", theme, scale, LIFE, shortText));

export const CYP_EHCP_V2: QuestionSetDefinition = {
  code: "CYP_EHCP",
  version: 2,
  name: "POET for children and young people with an EHCP or SEN support (2025)",
  respondent: "A child or young person (up to 25) with special educational needs who has an Education, Health and Care Plan or gets SEN support.",
  description:
    "The revised young person's questions: their own view of their plan and support (dignity, " +
    "the level of support, looking forward, being heard, information and choice) and how their " +
    "support has helped with school, family, friends, health, the local community and life in " +
    'general, with "not applicable" where they have no such experience; and, about them, ' +
    "whether they have an EHCP or SEN support, their main need by the DfE categories, a personal " +
    "budget, ethnic group and whether someone answered for them.",
  publishedOn: "2025-04-01",
  scales: [
    YES_NO_NA(),
    FREQUENCY_5(),
    GOOD_POOR_5(),
    GOOD_POOR_5_NA(),
    GENDER(),
    AGE_BAND_CYP(),
    SCHOOL_PHASE(),
    ETHNICITY(),
    SEN_PROVISION({ ehcp: "I have an EHCP", sen_support: "I get SEN support, but I don't have an EHCP" }),
    PRIMARY_NEED(true),
    PERSONAL_BUDGET_HELD(),
    COMPLETED_BY_CYP_V2(),
  ],
  questions: [
    kept(
      q(
        "plan_about_me",
        "Is your plan about you and the things that matter to you?",
        "PROCESS",
        "child_at_centre",
        "YES_NO_NA",
        PLAN,
        "your plan being about you",
      ),
    ),
    kept(q("support_when_needed", "Do you get help when you need it?", "PROCESS", "timely_support", "FREQUENCY_5", PLAN, "getting help when you need it")),

    support("dignity", "PROCESS", "dignity", "GOOD_POOR_5", "treating you with respect and dignity", "being treated with respect and dignity"),
    support("level_of_support", "PROCESS", "amount_of_support", "GOOD_POOR_5", "giving you the right amount of help", "getting the right amount of help"),
    support(
      "looking_forward",
      "OUTCOME",
      "preparing_for_the_future",
      "GOOD_POOR_5_NA",
      "helping you look forward and plan for the future",
      "looking forward and planning for the future",
    ),
    support("being_heard", "PROCESS", "being_heard", "GOOD_POOR_5", "listening to you and taking notice of what you say", "being listened to"),
    support("information", "PROCESS", "information", "GOOD_POOR_5", "giving you information you can understand", "information you can understand"),
    support("choice_about_support", "PROCESS", "choice_and_control", "GOOD_POOR_5", "giving you a choice about your support", "choice about your support"),

    life("school_and_learning", "school_and_learning", "GOOD_POOR_5_NA", "school, college and learning"),
    life("relationships_with_family", "relationships_with_family", "GOOD_POOR_5_NA", "getting on with your family"),
    life("enjoying_friendships", "friendships", "GOOD_POOR_5_NA", "making and enjoying friendships"),
    life("fit_and_healthy", "physical_health", "GOOD_POOR_5", "being fit and healthy"),
    life("part_of_local_community", "community", "GOOD_POOR_5_NA", "doing things in your local community"),
    life("quality_of_life", "quality_of_life", "GOOD_POOR_5", "your life in general"),

    kept(q("gender", "Are you…", "ABOUT_YOU", "gender", "GENDER", ABOUT, "gender")),
    kept(q("age_band", "How old are you?", "ABOUT_YOU", "age_band", "AGE_BAND_CYP", ABOUT, "age")),
    added(q("ethnicity", "What is your ethnic group?", "ABOUT_YOU", "ethnicity", "ETHNICITY", ABOUT, "ethnic group")),
    kept(q("school_phase", "Where are you in education?", "ABOUT_YOU", "school_phase", "SCHOOL_PHASE", ABOUT, "where you are in education")),
    added(
      q(
        "sen_provision",
        "Do you have an EHCP, or do you get SEN support at school or college without one?",
        "ABOUT_YOU",
        "sen_provision",
        "SEN_PROVISION",
        ABOUT,
        "having an EHCP or SEN support",
      ),
    ),
    added(
      q("primary_need", "What is the main thing you get support with?", "ABOUT_YOU", "type_of_need", "PRIMARY_NEED", ABOUT, "main thing you get support with"),
    ),
    added(
      q(
        "personal_budget",
        "Do you have a personal budget? This is money for your support that you and your family help to decide how to spend.",
        "ABOUT_YOU",
        "personal_budget",
        "PERSONAL_BUDGET_HELD",
        ABOUT,
        "whether you have a personal budget",
      ),
    ),
    added(q("who_filled_in", "Who filled in these questions?", "ABOUT_YOU", "completed_by", "COMPLETED_BY_CYP_V2", ABOUT, "who filled in the questions")),
  ],
};
