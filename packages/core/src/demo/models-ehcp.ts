/**
 * Demo models of the EHCP instruments (CYP_EHCP, PARENT_EHCP, PRACTITIONER_EHCP). Shares marked
 * "published" are the national figures in published_national_figures.csv (seed 004); the
 * others are plausible values in line with the seeds.
 *
 * Patterns carried (seed 004): few differences by gender; children and young people who
 * answered by themselves more positive; sensory/physical needs more positive, communication
 * and interaction slightly and SEMH clearly less positive; parents of pre-school and primary
 * children more positive than of secondary; a converted statement goes with a less positive
 * impact on parents; views fully included go with better outcomes; practitioners in mainstream
 * more positive about the process; education staff more positive about the process but not the
 * outcomes; primary: better process, not outcomes; secondary and post-16 less positive about
 * both; communication and interaction more positive (practitioners); learning or physical needs
 * slightly less positive about the process; school staff and SEN specialists less positive
 * about working with other professions; better process, much better outcomes.
 */
import { cat, catBy, type GradedSpec, type InstrumentModel, lookup } from "./model.ts";

const graded =
  (latent: "P" | "O") =>
  (code: string, positive: number, negative: number, extra: Partial<GradedSpec> = {}): GradedSpec => ({
    code,
    latent,
    positive,
    negative,
    ...extra,
  });
const process = graded("P");
const outcome = graded("O");

const phaseFromAge = (missing: number) =>
  catBy(
    "age_band",
    {
      age_0_4: { pre_school: 88, primary: 10, dont_know: 2 },
      age_5_10: { pre_school: 2, primary: 90, secondary: 6, dont_know: 2 },
      age_11_15: { primary: 4, secondary: 93, post_16: 1, dont_know: 2 },
      age_16_19: { secondary: 22, post_16: 76, dont_know: 2 },
      age_20_25: { post_16: 95, dont_know: 5 },
      "*": { pre_school: 5, primary: 35, secondary: 40, post_16: 18, dont_know: 2 },
    },
    missing,
  );
const NEED = { communication_interaction: 33, cognition_learning: 25, semh: 23, sensory_physical: 16, dont_know: 3 };

export const CYP_EHCP_MODEL: InstrumentModel = {
  code: "CYP_EHCP",
  count: 906,
  about: [
    { code: "age_band", draw: cat({ age_0_4: 1, age_5_10: 21, age_11_15: 42, age_16_19: 28, age_20_25: 7, prefer_not_to_say: 1 }) },
    { code: "school_phase", draw: phaseFromAge(0.01) },
    { code: "type_of_need", draw: cat(NEED) },
    { code: "gender", draw: cat({ male: 62, female: 35, other: 2, prefer_not_to_say: 1 }) },
    {
      code: "completed_by",
      draw: catBy(
        "age_band",
        {
          age_0_4: { self: 5, with_help: 95 },
          age_5_10: { self: 25, with_help: 75 },
          age_11_15: { self: 45, with_help: 55 },
          "*": { self: 58, with_help: 42 },
        },
        0,
      ),
    },
  ],
  process: (get) =>
    (get("completed_by") === "self" ? 0.35 : 0) + lookup(get("type_of_need"), { sensory_physical: 0.35, communication_interaction: -0.12, semh: -0.4 }),
  outcome: (get) => (get("completed_by") === "self" ? 0.1 : 0) + lookup(get("type_of_need"), { sensory_physical: 0.15, semh: -0.15 }),
  rho: 0.9,
  graded: [
    process("plan_about_me", 78, 22, { excluded: 0.08, noise: 0.9 }),
    process("support_when_needed", 60, 14),
    process("dignity", 74, 8, { excluded: 0.04 }), // published
    process("level_of_support", 66, 13, { excluded: 0.04 }), // published
    outcome("looking_forward", 65, 14, { excluded: 0.05 }), // published
    process("being_heard", 64, 14, { excluded: 0.04 }), // published
    process("information", 55, 21, { excluded: 0.05 }), // published (poor or very poor)
    process("choice_about_support", 52, 21, { excluded: 0.05 }), // published (poor or very poor)
    outcome("school_and_learning", 66, 12),
    outcome("relationships_with_family", 68, 9),
    outcome("enjoying_friendships", 52, 17, { effect: (get) => lookup(get("type_of_need"), { communication_interaction: -0.2 }) }),
    outcome("fit_and_healthy", 58, 12),
    outcome("part_of_local_community", 45, 20, { excluded: 0.06 }),
    outcome("quality_of_life", 62, 11),
  ],
  modes: [45, 35, 20],
  comments: {
    good: ["My teaching assistant helps me when lessons get too loud.", "I like that people ask me what I want to do after school."],
    poor: ["Nobody explained what my plan says.", "I have to wait a long time before anyone helps."],
    mixed: ["School is better but I still don't have many friends."],
  },
};

export const PARENT_EHCP_MODEL: InstrumentModel = {
  code: "PARENT_EHCP",
  count: 1879,
  about: [
    { code: "age_band", draw: cat({ age_0_4: 8, age_5_10: 38, age_11_15: 33, age_16_19: 16, age_20_25: 4, prefer_not_to_say: 1 }) },
    { code: "school_phase", draw: phaseFromAge(0.01) },
    {
      code: "setting",
      draw: catBy("school_phase", {
        pre_school: { early_years: 80, mainstream: 12, special: 6, other: 2 },
        primary: { mainstream: 60, special: 36, other: 3, dont_know: 1 },
        secondary: { mainstream: 44, special: 50, other: 5, dont_know: 1 },
        post_16: { further_education: 52, special: 34, mainstream: 4, other: 10 },
        "*": { mainstream: 45, special: 40, further_education: 5, early_years: 4, other: 5, dont_know: 1 },
      }),
    },
    { code: "type_of_need", draw: cat({ communication_interaction: 35, cognition_learning: 24, semh: 22, sensory_physical: 17, dont_know: 2 }) },
    { code: "gender", draw: cat({ male: 68, female: 30, other: 1, prefer_not_to_say: 1 }) },
    {
      code: "statement_converted",
      draw: catBy("age_band", {
        age_0_4: { no: 97, dont_know: 3 },
        age_5_10: { yes: 4, no: 92, dont_know: 4 },
        age_11_15: { yes: 22, no: 72, dont_know: 6 },
        age_16_19: { yes: 48, no: 45, dont_know: 7 },
        age_20_25: { yes: 62, no: 30, dont_know: 8 },
        "*": { yes: 20, no: 74, dont_know: 6 },
      }),
    },
    { code: "completed_by", draw: cat({ self: 82, with_help: 13, on_behalf: 5 }, 0) },
  ],
  process: (get) =>
    lookup(get("school_phase"), { pre_school: 0.2, primary: 0.15, secondary: -0.1, post_16: -0.05 }) +
    lookup(get("type_of_need"), { semh: -0.2, sensory_physical: 0.15 }) +
    (get("statement_converted") === "yes" ? -0.1 : 0),
  outcome: (get) => (get("statement_converted") === "yes" ? -0.15 : 0),
  rho: 0.9,
  graded: [
    process("parent_views_included", 70, 8, { top: 0.5 }),
    process("child_views_included", 62, 11, { top: 0.45 }),
    process("child_at_centre", 62, 14),
    process("needs_understood", 66, 12),
    process("working_together", 64, 13),
    process("information_and_advice", 55, 18),
    process("ease_getting_plan", 36, 42, { excluded: 0.02 }),
    process("copy_of_plan", 93, 7, { noise: 1.2, excluded: 0.02 }),
    process("process_overall", 52, 22),
    process("amount_of_support", 55, 20),
    process("choice_of_support", 45, 24),
    process("timely_support", 48, 24),
    outcome("school_and_learning", 68, 10), // published
    outcome("relationships_with_family", 65, 9), // published
    outcome("quality_of_life", 56, 14), // published
    outcome("fit_and_healthy", 53, 13), // published
    outcome("enjoying_friendships", 44, 20), // published
    outcome("preparing_for_the_future", 43, 22), // published
    outcome("part_of_local_community", 34, 25), // published
    outcome("impact_on_parents", 55, 12, {
      excluded: 0.02,
      effect: (get) => (get("statement_converted") === "yes" ? -0.5 : 0),
    }),
  ],
  modes: [55, 30, 15],
  comments: {
    good: [
      "Since the plan our son has a keyworker and is much calmer at school.",
      "The review listened to us and to our daughter, which had never happened before.",
    ],
    poor: ["We waited over a year and the plan still does not say what support she gets.", "We had to fight for every hour of support written in the plan."],
    mixed: ["School is going better, but there is nothing for him to do in the holidays."],
  },
};

export const PRACTITIONER_EHCP_MODEL: InstrumentModel = {
  code: "PRACTITIONER_EHCP",
  count: 2989,
  about: [
    { code: "role", draw: cat({ education: 42, sen_specialist: 22, health: 16, social_care: 14, other: 6 }, 0.005) },
    {
      code: "setting",
      draw: catBy(
        "role",
        {
          education: { mainstream: 60, special: 25, early_years: 8, further_education: 7 },
          sen_specialist: { mainstream: 45, special: 35, early_years: 5, further_education: 5, community: 10 },
          health: { community: 70, special: 15, mainstream: 15 },
          social_care: { community: 85, special: 8, mainstream: 7 },
          "*": { mainstream: 30, special: 20, early_years: 15, further_education: 10, community: 25 },
        },
        0.005,
      ),
    },
    {
      code: "school_phase",
      draw: catBy(
        "setting",
        {
          early_years: { pre_school: 90, primary: 5, all_phases: 5 },
          mainstream: { primary: 55, secondary: 42, all_phases: 3 },
          special: { all_phases: 40, primary: 20, secondary: 30, post_16: 10 },
          further_education: { post_16: 95, all_phases: 5 },
          "*": { all_phases: 60, pre_school: 8, primary: 12, secondary: 12, post_16: 8 },
        },
        0.005,
      ),
    },
    { code: "type_of_need", draw: cat(NEED) },
    { code: "completed_by", draw: cat({ self: 90, with_help: 8, on_behalf: 2 }, 0) },
  ],
  process: (get) =>
    lookup(get("setting"), { mainstream: 0.25, special: -0.05 }) +
    lookup(get("role"), { education: 0.2 }) +
    lookup(get("school_phase"), { primary: 0.22, secondary: -0.22, post_16: -0.32 }) +
    lookup(get("type_of_need"), { communication_interaction: 0.2, cognition_learning: -0.12, sensory_physical: -0.12 }),
  // Education staff and primary practitioners: better process, but not better outcomes.
  outcome: (get) =>
    lookup(get("role"), { education: -0.2 }) +
    lookup(get("school_phase"), { primary: -0.3, secondary: -0.05, post_16: -0.05 }) +
    lookup(get("type_of_need"), { communication_interaction: -0.1, cognition_learning: 0.1, sensory_physical: 0.1 }),
  rho: 1.0,
  graded: [
    process("partnership_with_parents", 80, 5, { top: 0.45 }), // published
    process("understand_needs", 77, 6, { top: 0.45 }), // published
    process("individually_tailored_support", 73, 7), // published
    process("child_at_centre_of_planning", 75, 6), // published
    process("partnership_with_colleagues", 65, 10, {
      // published; school staff and SEN specialists less positive about other professions
      effect: (get) => lookup(get("setting"), { mainstream: -0.55, special: -0.45 }) + lookup(get("role"), { sen_specialist: -0.35 }),
    }),
    process("clear_information_for_parents", 70, 8), // published
    process("timely_response", 58, 17, { bottom: 0.3 }), // published (both bands)
    process("process_gone_well", 62, 12),
    process("child_views_included", 74, 4, { top: 0.45 }),
    outcome("school_and_learning", 72, 3, { top: 0.35 }),
    outcome("relationships_with_family", 58, 3, { top: 0.35 }),
    outcome("fit_and_healthy", 50, 3, { top: 0.3, excluded: 0.06 }),
    outcome("enjoying_friendships", 48, 4, { top: 0.3 }),
    outcome("preparing_for_adulthood", 55, 4, { top: 0.35 }),
    outcome("quality_of_life", 66, 3, { top: 0.35 }),
  ],
  modes: [80, 5, 15],
  comments: {
    good: ["The plan gave everyone the same picture of the child, so meetings were shorter.", "Outcomes are now written with the family."],
    poor: ["Health advice arrived after the plan was finalised.", "Provision is specified but the funding never follows."],
    mixed: ["The process works better for younger children than for those moving to college."],
  },
};
