/**
 * Practitioners working with children and young people with an EHCP, version 2 (2025).
 * Version 1's questions stay, with their codes and scales. What changed:
 * - A new outcome, being part of the local community (theme `community`), so that the child's,
 *   the parent's and the practitioner's views triangulate on it.
 * - The practitioner's role with the special educational needs roles apart (`practitioner_role`,
 *   replacing `role`), the work setting with the local authority and "other"
 *   (`work_setting`, replacing `setting`), and the main need of the children worked with by the
 *   DfE primary-need codes (`primary_need`, replacing `type_of_need`): their scales changed, so
 *   their codes did.
 * Wording is ours.
 */
import type { QuestionSetDefinition } from "../types.ts";
import { COMPLETED_BY, SCHOOL_PHASE_PRACTITIONER } from "./categories.ts";
import { PRACTITIONER_ROLE_V2, PRIMARY_NEED, SETTING_PRACTITIONER_V2 } from "./categories-v2-ehcp.ts";
import { added, BETTER_WORSE_5, FREQUENCY_5, GOOD_POOR_5, kept, q, VIEWS_INCLUDED_4 } from "./scales.ts";

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

export const PRACTITIONER_EHCP_V2: QuestionSetDefinition = {
  code: "PRACTITIONER_EHCP",
  version: 2,
  name: "POET for practitioners working with children with an EHCP (2025)",
  respondent: "A practitioner in education, health, social care or a local authority who works with a child or young person with an EHCP.",
  description:
    "The revised practitioners' questions: whether the EHCP has helped the practitioner work with " +
    "families and colleagues, understand needs, tailor support and respond in time; how the " +
    "process went; whether children's lives have improved, now including being part of their " +
    "local community; and the practitioner's role (with the SEN roles apart), work setting, the " +
    "phase of the children they work with and their main need by the DfE categories.",
  publishedOn: "2025-04-01",
  scales: [
    FREQUENCY_5(),
    VIEWS_INCLUDED_4(),
    GOOD_POOR_5(),
    BETTER_WORSE_5(),
    PRACTITIONER_ROLE_V2(),
    SETTING_PRACTITIONER_V2(),
    SCHOOL_PHASE_PRACTITIONER(),
    PRIMARY_NEED(),
    COMPLETED_BY({
      self: "I filled it in myself",
      with_help: "I filled it in with colleagues",
      on_behalf: "I filled it in on behalf of a colleague or team",
    }),
  ],
  questions: [
    kept(
      helped(
        "partnership_with_parents",
        "partnership_with_parents",
        "work in partnership with parents and carers",
        "working in partnership with parents and carers",
      ),
    ),
    kept(helped("understand_needs", "understanding_needs", "understand the needs of the child or young person", "understanding the child's needs")),
    kept(helped("individually_tailored_support", null, "provide individually tailored support", "providing individually tailored support")),
    kept(
      helped(
        "child_at_centre_of_planning",
        "child_at_centre",
        "put the child or young person at the centre of planning",
        "putting the child at the centre of planning",
      ),
    ),
    kept(
      helped(
        "partnership_with_colleagues",
        null,
        "work in partnership with colleagues from other professions",
        "working in partnership with other professions",
      ),
    ),
    kept(
      helped(
        "clear_information_for_parents",
        "information",
        "give parents and carers clear information and advice",
        "clear information for parents and carers",
      ),
    ),
    kept(
      helped("timely_response", "timely_support", "respond in a timely way to the needs of the child or young person", "responding to needs in a timely way"),
    ),

    kept(
      q(
        "process_gone_well",
        "Overall, how good or poor has the EHCP process been?",
        "PROCESS",
        "process_overall",
        "GOOD_POOR_5",
        PROCESS,
        "the EHCP process overall",
      ),
    ),
    kept(
      q(
        "child_views_included",
        "Were the child's or young person's own views included in the EHCP?",
        "PROCESS",
        "being_heard",
        "VIEWS_INCLUDED_4",
        PROCESS,
        "the child's own views included in the EHCP",
      ),
    ),

    kept(outcome("school_and_learning", "school_and_learning", "their school and learning", "school and learning")),
    kept(outcome("relationships_with_family", "relationships_with_family", "their relationships with family", "relationships with family")),
    kept(outcome("fit_and_healthy", "physical_health", "their being fit and healthy", "being fit and healthy")),
    kept(outcome("enjoying_friendships", "friendships", "their friendships", "friendships")),
    added(outcome("part_of_local_community", "community", "their being part of their local community", "being part of the local community")),
    kept(outcome("preparing_for_adulthood", "preparing_for_the_future", "preparing them for adulthood", "preparing for adulthood")),
    kept(outcome("quality_of_life", "quality_of_life", "their lives overall", "children's lives overall")),

    added(q("practitioner_role", "What is your role?", "ABOUT_YOU", null, "PRACTITIONER_ROLE_V2", ABOUT, "your role")),
    added(q("work_setting", "Where do you mainly work?", "ABOUT_YOU", "setting", "SETTING_PRACTITIONER_V2", ABOUT, "where you mainly work")),
    kept(
      q(
        "school_phase",
        "Which phase are the children and young people you work with in?",
        "ABOUT_YOU",
        "school_phase",
        "SCHOOL_PHASE_PRACTITIONER",
        ABOUT,
        "phase of the children you work with",
      ),
    ),
    added(
      q(
        "primary_need",
        "What is the main (primary) type of need of the children and young people you work with?",
        "ABOUT_YOU",
        "type_of_need",
        "PRIMARY_NEED",
        ABOUT,
        "main need of the children you work with",
      ),
    ),
    kept(q("completed_by", "Who filled in this form?", "ABOUT_YOU", "completed_by", "COMPLETED_BY", ABOUT, "who filled in the form")),
  ],
};
