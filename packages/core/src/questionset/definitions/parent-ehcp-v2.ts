/**
 * Parents and carers of children and young people with special educational needs, version 2
 * (2025). Version 1's questions stay, with their codes, and now reach families on SEN support as
 * well as those with an EHCP. What changed:
 * - "Not applicable" on the questions a family can lack the experience of (the EHCP itself for
 *   a family on SEN support; school, family, friendships, the future and the community for a
 *   very young child or a young person out of education): only an EXCLUDED option is added, so
 *   they stay comparable with version 1.
 * - The quality of support, rated as in the adults' instrument and sharing its themes: dignity
 *   and overall quality join the amount of support, choice and information of version 1.
 * - The setting (`education_setting`, replacing `setting`: alternative provision, independent
 *   special schools, home education, not in education) and the type of need by the DfE
 *   primary-need codes (`primary_need`, replacing `type_of_need`): their scales changed, so their
 *   codes did.
 * - New: EHCP or SEN support, a new plan or a review, a personal budget and how it is managed,
 *   the child's ethnic group.
 * Wording is ours.
 */
import type { QuestionSetDefinition } from "../types.ts";
import { AGE_BAND_CYP, COMPLETED_BY, ETHNICITY, GENDER, SCHOOL_PHASE } from "./categories.ts";
import {
  BUDGET_MANAGEMENT_SEND,
  PERSONAL_BUDGET_HELD,
  PLAN_STAGE,
  PRIMARY_NEED,
  SEN_PROVISION,
  SETTING_CHILD_V2,
  STATEMENT_CONVERTED_NA,
} from "./categories-v2-ehcp.ts";
import { added, BETTER_WORSE_5, EASE_5_NA, FREQUENCY_5, GOOD_POOR_5, GOOD_POOR_5_NA, kept, q, VIEWS_INCLUDED_4_NA, YES_NO_NA } from "./scales.ts";

const CIRCUMSTANCES = "Your child's plan and budget";
const PLAN = "Getting the plan";
const SUPPORT = "Your child's support";
const OUTCOMES = "What difference the support has made";
const PARENT = "You as a parent or carer";
const ABOUT = "About your child";

// `shortText` defaults to `what` when that already reads as a short noun phrase.
const outcome = (code: string, theme: string, scale: string, what: string, shortText = what) =>
  kept(
    q(
      code,
      `Over the last 12 months, how good or poor has the support your child received been in helping them with ${what}?`,
      "OUTCOME",
      theme,
      scale,
      OUTCOMES,
      shortText,
    ),
  );

export const PARENT_EHCP_V2: QuestionSetDefinition = {
  code: "PARENT_EHCP",
  version: 2,
  name: "POET for parents and carers of children with an EHCP or SEN support (2025)",
  respondent: "A parent or carer of a child or young person with special educational needs who has an Education, Health and Care Plan or gets SEN support.",
  description:
    "The revised parents' and carers' questions: how getting and reviewing the EHCP went for the " +
    "family, the quality of the child's support, how good it has been in seven areas of their " +
    'life over the last 12 months ("not applicable" where the child has no such experience) and ' +
    "what difference it made to the parent or carer; and, about the child, whether they have an " +
    "EHCP or SEN support, a new plan or a review, a personal budget and how it is managed, their " +
    "setting, their main need by the DfE categories and their ethnic group.",
  publishedOn: "2025-04-01",
  scales: [
    SEN_PROVISION(),
    PLAN_STAGE(),
    PERSONAL_BUDGET_HELD(),
    BUDGET_MANAGEMENT_SEND(),
    VIEWS_INCLUDED_4_NA(),
    YES_NO_NA(),
    EASE_5_NA(),
    FREQUENCY_5(),
    GOOD_POOR_5(),
    GOOD_POOR_5_NA(),
    BETTER_WORSE_5(),
    GENDER(),
    AGE_BAND_CYP(),
    ETHNICITY(),
    SCHOOL_PHASE(),
    SETTING_CHILD_V2(),
    PRIMARY_NEED(),
    STATEMENT_CONVERTED_NA(),
    COMPLETED_BY({
      self: "I filled it in myself",
      with_help: "I filled it in with help",
      on_behalf: "Someone else filled it in on our behalf",
    }),
  ],
  questions: [
    added(
      q(
        "sen_provision",
        "Does your child have an EHCP, or do they get SEN support without one?",
        "ABOUT_YOU",
        "sen_provision",
        "SEN_PROVISION",
        CIRCUMSTANCES,
        "having an EHCP or SEN support",
      ),
    ),
    added(
      q(
        "plan_stage",
        "Are your answers about a new EHCP or a review of your child's EHCP?",
        "ABOUT_YOU",
        null,
        "PLAN_STAGE",
        CIRCUMSTANCES,
        "a new plan or a review",
      ),
    ),
    added(
      q(
        "personal_budget",
        "Does your child have a personal budget as part of their EHCP?",
        "ABOUT_YOU",
        "personal_budget",
        "PERSONAL_BUDGET_HELD",
        CIRCUMSTANCES,
        "whether your child has a personal budget",
      ),
    ),
    added(
      q(
        "budget_management",
        "How is your child's personal budget managed?",
        "ABOUT_YOU",
        "budget_management",
        "BUDGET_MANAGEMENT_SEND",
        CIRCUMSTANCES,
        "how the personal budget is managed",
      ),
    ),

    kept(
      q(
        "parent_views_included",
        "Were your views fully included in your child's EHCP?",
        "PROCESS",
        "views_included",
        "VIEWS_INCLUDED_4_NA",
        PLAN,
        "your views included in the EHCP",
      ),
    ),
    kept(
      q(
        "child_views_included",
        "Were your child's own views fully included in their EHCP?",
        "PROCESS",
        "being_heard",
        "VIEWS_INCLUDED_4_NA",
        PLAN,
        "your child's views included in the EHCP",
      ),
    ),
    kept(
      q(
        "child_at_centre",
        "Did the people planning your child's support put your child at the centre of the planning?",
        "PROCESS",
        "child_at_centre",
        "FREQUENCY_5",
        PLAN,
        "your child at the centre of planning",
      ),
    ),
    kept(
      q(
        "needs_understood",
        "How well does the EHCP describe your child's needs?",
        "PROCESS",
        "understanding_needs",
        "GOOD_POOR_5_NA",
        PLAN,
        "how well the EHCP describes your child's needs",
      ),
    ),
    kept(
      q(
        "working_together",
        "Did the professionals involved work in partnership with you?",
        "PROCESS",
        "partnership_with_parents",
        "FREQUENCY_5",
        PLAN,
        "professionals working in partnership with you",
      ),
    ),
    kept(
      q(
        "information_and_advice",
        "How good or poor was the information and advice you were given?",
        "PROCESS",
        "information",
        "GOOD_POOR_5",
        PLAN,
        "information and advice",
      ),
    ),
    kept(
      q("ease_getting_plan", "How easy or hard was it to get the EHCP?", "PROCESS", "ease_of_getting_support", "EASE_5_NA", PLAN, "ease of getting the EHCP"),
    ),
    kept(q("copy_of_plan", "Were you given a copy of the final EHCP?", "PROCESS", "copy_of_plan", "YES_NO_NA", PLAN, "a copy of the final EHCP")),
    kept(
      q(
        "process_overall",
        "Overall, how good or poor was the process of getting the EHCP?",
        "PROCESS",
        "process_overall",
        "GOOD_POOR_5_NA",
        PLAN,
        "the EHCP process overall",
      ),
    ),

    kept(
      q(
        "amount_of_support",
        "How good or poor is the amount of support your child gets?",
        "PROCESS",
        "amount_of_support",
        "GOOD_POOR_5",
        SUPPORT,
        "the amount of support your child gets",
      ),
    ),
    kept(
      q(
        "choice_of_support",
        "How good or poor is the choice you and your child have about the support?",
        "PROCESS",
        "choice_and_control",
        "GOOD_POOR_5",
        SUPPORT,
        "choice about your child's support",
      ),
    ),
    added(
      q(
        "dignity_of_support",
        "How good or poor is the way your child's support respects their dignity?",
        "PROCESS",
        "dignity",
        "GOOD_POOR_5",
        SUPPORT,
        "your child's support respecting their dignity",
      ),
    ),
    added(
      q(
        "quality_of_support",
        "How good or poor is the overall quality of your child's support?",
        "PROCESS",
        "quality_of_support",
        "GOOD_POOR_5",
        SUPPORT,
        "overall quality of your child's support",
      ),
    ),
    kept(
      q(
        "timely_support",
        "Does support arrive when your child needs it?",
        "PROCESS",
        "timely_support",
        "FREQUENCY_5",
        SUPPORT,
        "support arriving when your child needs it",
      ),
    ),

    outcome("school_and_learning", "school_and_learning", "GOOD_POOR_5_NA", "school and learning"),
    outcome("relationships_with_family", "relationships_with_family", "GOOD_POOR_5_NA", "relationships with family"),
    outcome("quality_of_life", "quality_of_life", "GOOD_POOR_5", "their quality of life", "your child's quality of life"),
    outcome("fit_and_healthy", "physical_health", "GOOD_POOR_5", "being fit and healthy"),
    outcome("enjoying_friendships", "friendships", "GOOD_POOR_5_NA", "enjoying friendships"),
    outcome("preparing_for_the_future", "preparing_for_the_future", "GOOD_POOR_5_NA", "preparing for the future"),
    outcome("part_of_local_community", "community", "GOOD_POOR_5_NA", "being part of their local community", "being part of the local community"),

    kept(
      q(
        "impact_on_parents",
        "What difference has the EHCP made to you as a parent or carer?",
        "OUTCOME",
        "impact_on_carer",
        "BETTER_WORSE_5",
        PARENT,
        "difference to you as a parent or carer",
      ),
    ),

    kept(q("gender", "Is your child…", "ABOUT_YOU", "gender", "GENDER", ABOUT, "your child's gender")),
    kept(q("age_band", "How old is your child?", "ABOUT_YOU", "age_band", "AGE_BAND_CYP", ABOUT, "your child's age")),
    added(q("ethnicity", "What is your child's ethnic group?", "ABOUT_YOU", "ethnicity", "ETHNICITY", ABOUT, "your child's ethnic group")),
    kept(q("school_phase", "What stage of education is your child at?", "ABOUT_YOU", "school_phase", "SCHOOL_PHASE", ABOUT, "your child's stage of education")),
    added(
      q(
        "education_setting",
        "Which best describes where your child is educated now?",
        "ABOUT_YOU",
        "setting",
        "SETTING_CHILD_V2",
        ABOUT,
        "where your child is educated",
      ),
    ),
    added(
      q("primary_need", "What is your child's main (primary) type of need?", "ABOUT_YOU", "type_of_need", "PRIMARY_NEED", ABOUT, "your child's primary need"),
    ),
    kept(
      q(
        "statement_converted",
        "Did your child's EHCP replace a statement of special educational needs?",
        "ABOUT_YOU",
        null,
        "STATEMENT_CONVERTED_NA",
        ABOUT,
        "whether the EHCP replaced a statement",
      ),
    ),
    kept(q("completed_by", "Who filled in this form?", "ABOUT_YOU", "completed_by", "COMPLETED_BY", ABOUT, "who filled in the form")),
  ],
};
