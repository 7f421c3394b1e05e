/**
 * Parents and carers of children and young people with an EHCP, version 1. The seven outcome
 * areas ("has the support in the last 12 months been good for your child in …") are the
 * published ones; the process questions cover the parent's and the child's views being
 * included, information, partnership, timeliness, amount of support and choice; the impact on
 * them as parents; and the circumstances results are broken down by (phase, setting, need,
 * whether a statement was converted). Wording is ours.
 */
import type { QuestionSetDefinition } from "../types.ts";
import { AGE_BAND_CYP, COMPLETED_BY, GENDER, NEED_SEND, SCHOOL_PHASE, SETTING_CHILD, STATEMENT_CONVERTED } from "./categories.ts";
import { BETTER_WORSE_5, EASE_5, FREQUENCY_5, GOOD_POOR_5, q, VIEWS_INCLUDED_4, YES_NO } from "./scales.ts";

const PLAN = "Getting the plan";
const SUPPORT = "Your child's support";
const OUTCOMES = "What difference the support has made";
const PARENT = "You as a parent or carer";
const ABOUT = "About your child";

// `shortText` defaults to `what` when that already reads as a short noun phrase.
const outcome = (code: string, theme: string, what: string, shortText = what) =>
  q(
    code,
    `Over the last 12 months, how good or poor has the support your child received been in helping them with ${what}?`,
    "OUTCOME",
    theme,
    "GOOD_POOR_5",
    OUTCOMES,
    shortText,
  );

export const PARENT_EHCP_V1: QuestionSetDefinition = {
  code: "PARENT_EHCP",
  version: 1,
  name: "POET for parents and carers of children with an EHCP",
  respondent: "A parent or carer of a child or young person who has an Education, Health and Care Plan.",
  description:
    "How getting and using the EHCP went for the family, how good the child's support has been " +
    "in seven areas of their life over the last 12 months, and what difference it made to the " +
    "parent or carer.",
  publishedOn: "2022-04-01",
  scales: [
    VIEWS_INCLUDED_4(),
    YES_NO(),
    EASE_5(),
    FREQUENCY_5(),
    GOOD_POOR_5(),
    BETTER_WORSE_5(),
    GENDER(),
    AGE_BAND_CYP(),
    SCHOOL_PHASE(),
    SETTING_CHILD(),
    NEED_SEND(),
    STATEMENT_CONVERTED(),
    COMPLETED_BY({
      self: "I filled it in myself",
      with_help: "I filled it in with help",
      on_behalf: "Someone else filled it in on our behalf",
    }),
  ],
  questions: [
    q(
      "parent_views_included",
      "Were your views fully included in your child's EHCP?",
      "PROCESS",
      "views_included",
      "VIEWS_INCLUDED_4",
      PLAN,
      "your views included in the EHCP",
    ),
    q(
      "child_views_included",
      "Were your child's own views fully included in their EHCP?",
      "PROCESS",
      "being_heard",
      "VIEWS_INCLUDED_4",
      PLAN,
      "your child's views included in the EHCP",
    ),
    q(
      "child_at_centre",
      "Did the people planning your child's support put your child at the centre of the planning?",
      "PROCESS",
      "child_at_centre",
      "FREQUENCY_5",
      PLAN,
      "your child at the centre of planning",
    ),
    q(
      "needs_understood",
      "How well does the EHCP describe your child's needs?",
      "PROCESS",
      "understanding_needs",
      "GOOD_POOR_5",
      PLAN,
      "how well the EHCP describes your child's needs",
    ),
    q(
      "working_together",
      "Did the professionals involved work in partnership with you?",
      "PROCESS",
      "partnership_with_parents",
      "FREQUENCY_5",
      PLAN,
      "professionals working in partnership with you",
    ),
    q(
      "information_and_advice",
      "How good or poor was the information and advice you were given?",
      "PROCESS",
      "information",
      "GOOD_POOR_5",
      PLAN,
      "information and advice",
    ),
    q("ease_getting_plan", "How easy or hard was it to get the EHCP?", "PROCESS", "ease_of_getting_support", "EASE_5", PLAN, "ease of getting the EHCP"),
    q("copy_of_plan", "Were you given a copy of the final EHCP?", "PROCESS", "copy_of_plan", "YES_NO", PLAN, "a copy of the final EHCP"),
    q(
      "process_overall",
      "Overall, how good or poor was the process of getting the EHCP?",
      "PROCESS",
      "process_overall",
      "GOOD_POOR_5",
      PLAN,
      "the EHCP process overall",
    ),

    q(
      "amount_of_support",
      "How good or poor is the amount of support your child gets?",
      "PROCESS",
      "amount_of_support",
      "GOOD_POOR_5",
      SUPPORT,
      "the amount of support your child gets",
    ),
    q(
      "choice_of_support",
      "How good or poor is the choice you and your child have about the support?",
      "PROCESS",
      "choice_and_control",
      "GOOD_POOR_5",
      SUPPORT,
      "choice about your child's support",
    ),
    q(
      "timely_support",
      "Does support arrive when your child needs it?",
      "PROCESS",
      "timely_support",
      "FREQUENCY_5",
      SUPPORT,
      "support arriving when your child needs it",
    ),

    outcome("school_and_learning", "school_and_learning", "school and learning"),
    outcome("relationships_with_family", "relationships_with_family", "relationships with family"),
    outcome("quality_of_life", "quality_of_life", "their quality of life", "your child's quality of life"),
    outcome("fit_and_healthy", "physical_health", "being fit and healthy"),
    outcome("enjoying_friendships", "friendships", "enjoying friendships"),
    outcome("preparing_for_the_future", "preparing_for_the_future", "preparing for the future"),
    outcome("part_of_local_community", "community", "being part of their local community", "being part of the local community"),

    q(
      "impact_on_parents",
      "What difference has the EHCP made to you as a parent or carer?",
      "OUTCOME",
      "impact_on_carer",
      "BETTER_WORSE_5",
      PARENT,
      "difference to you as a parent or carer",
    ),

    q("gender", "Is your child…", "ABOUT_YOU", "gender", "GENDER", ABOUT, "your child's gender"),
    q("age_band", "How old is your child?", "ABOUT_YOU", "age_band", "AGE_BAND_CYP", ABOUT, "your child's age"),
    q("school_phase", "What stage of education is your child at?", "ABOUT_YOU", "school_phase", "SCHOOL_PHASE", ABOUT, "your child's stage of education"),
    q("setting", "What kind of setting does your child attend?", "ABOUT_YOU", "setting", "SETTING_CHILD", ABOUT, "the setting your child attends"),
    q("type_of_need", "What is your child's main type of need?", "ABOUT_YOU", "type_of_need", "NEED_SEND", ABOUT, "your child's main type of need"),
    q(
      "statement_converted",
      "Did your child's EHCP replace a statement of special educational needs?",
      "ABOUT_YOU",
      null,
      "STATEMENT_CONVERTED",
      ABOUT,
      "whether the EHCP replaced a statement",
    ),
    q("completed_by", "Who filled in this form?", "ABOUT_YOU", "completed_by", "COMPLETED_BY", ABOUT, "who filled in the form"),
  ],
};
