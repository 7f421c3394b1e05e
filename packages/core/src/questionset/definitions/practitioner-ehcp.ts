/**
 * Practitioners working with children and young people with an EHCP, version 1. The seven
 * published "has the EHCP helped you …" items (never … always), whether the process has gone
 * well and the child's own views were included, whether children's lives have improved, and
 * the practitioner's role, setting, phase and the main need of the children they work with.
 * Wording is ours.
 */
import type { QuestionSetDefinition } from "../types.ts";
import { COMPLETED_BY, NEED_SEND, PRACTITIONER_ROLE, SCHOOL_PHASE_PRACTITIONER, SETTING_PRACTITIONER } from "./categories.ts";
import { BETTER_WORSE_5, FREQUENCY_5, GOOD_POOR_5, q, VIEWS_INCLUDED_4 } from "./scales.ts";

const HELPED = "How the EHCP has helped your work";
const PROCESS = "The EHCP process";
const OUTCOMES = "Outcomes for children and young people";
const ABOUT = "About you";

// `shortText` defaults to `what` when that already reads as a short noun phrase.
const helped = (code: string, theme: string | null, what: string, shortText = what) =>
  q(code, `Has the EHCP helped you to ${what}?`, "PROCESS", theme, "FREQUENCY_5", HELPED, shortText);
const outcome = (code: string, theme: string, what: string, shortText = what) =>
  q(
    code,
    `For the children and young people you work with, what difference has having an EHCP made to ${what}?`,
    "OUTCOME",
    theme,
    "BETTER_WORSE_5",
    OUTCOMES,
    shortText,
  );

export const PRACTITIONER_EHCP_V1: QuestionSetDefinition = {
  code: "PRACTITIONER_EHCP",
  version: 1,
  name: "POET for practitioners working with children with an EHCP",
  respondent: "A practitioner in education, health or social care who works with a child or young person with an EHCP.",
  description:
    "Whether the EHCP has helped the practitioner work with families and colleagues, understand " +
    "needs, tailor support and respond in time; how the process went; and whether children's " +
    "lives have improved.",
  publishedOn: "2022-04-01",
  scales: [
    FREQUENCY_5(),
    VIEWS_INCLUDED_4(),
    GOOD_POOR_5(),
    BETTER_WORSE_5(),
    PRACTITIONER_ROLE(),
    SETTING_PRACTITIONER(),
    SCHOOL_PHASE_PRACTITIONER(),
    NEED_SEND(),
    COMPLETED_BY({
      self: "I filled it in myself",
      with_help: "I filled it in with colleagues",
      on_behalf: "I filled it in on behalf of a colleague or team",
    }),
  ],
  questions: [
    helped(
      "partnership_with_parents",
      "partnership_with_parents",
      "work in partnership with parents and carers",
      "working in partnership with parents and carers",
    ),
    helped("understand_needs", "understanding_needs", "understand the needs of the child or young person", "understanding the child's needs"),
    helped("individually_tailored_support", null, "provide individually tailored support", "providing individually tailored support"),
    helped(
      "child_at_centre_of_planning",
      "child_at_centre",
      "put the child or young person at the centre of planning",
      "putting the child at the centre of planning",
    ),
    helped("partnership_with_colleagues", null, "work in partnership with colleagues from other professions", "working in partnership with other professions"),
    helped("clear_information_for_parents", "information", "give parents and carers clear information and advice", "clear information for parents and carers"),
    helped("timely_response", "timely_support", "respond in a timely way to the needs of the child or young person", "responding to needs in a timely way"),

    q(
      "process_gone_well",
      "Overall, how good or poor has the EHCP process been?",
      "PROCESS",
      "process_overall",
      "GOOD_POOR_5",
      PROCESS,
      "the EHCP process overall",
    ),
    q(
      "child_views_included",
      "Were the child's or young person's own views included in the EHCP?",
      "PROCESS",
      "being_heard",
      "VIEWS_INCLUDED_4",
      PROCESS,
      "the child's own views included in the EHCP",
    ),

    outcome("school_and_learning", "school_and_learning", "their school and learning", "school and learning"),
    outcome("relationships_with_family", "relationships_with_family", "their relationships with family", "relationships with family"),
    outcome("fit_and_healthy", "physical_health", "their being fit and healthy", "being fit and healthy"),
    outcome("enjoying_friendships", "friendships", "their friendships", "friendships"),
    outcome("preparing_for_adulthood", "preparing_for_the_future", "preparing them for adulthood", "preparing for adulthood"),
    outcome("quality_of_life", "quality_of_life", "their lives overall", "children's lives overall"),

    q("role", "What is your role?", "ABOUT_YOU", null, "PRACTITIONER_ROLE", ABOUT, "your role"),
    q("setting", "Where do you mainly work?", "ABOUT_YOU", "setting", "SETTING_PRACTITIONER", ABOUT, "where you mainly work"),
    q(
      "school_phase",
      "Which phase are the children and young people you work with in?",
      "ABOUT_YOU",
      "school_phase",
      "SCHOOL_PHASE_PRACTITIONER",
      ABOUT,
      "phase of the children you work with",
    ),
    q(
      "type_of_need",
      "What is the main type of need of the children and young people you work with?",
      "ABOUT_YOU",
      "type_of_need",
      "NEED_SEND",
      ABOUT,
      "main need of the children you work with",
    ),
    q("completed_by", "Who filled in this form?", "ABOUT_YOU", "completed_by", "COMPLETED_BY", ABOUT, "who filled in the form"),
  ],
};
