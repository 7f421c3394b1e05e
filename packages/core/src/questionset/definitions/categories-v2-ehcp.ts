/**
 * Scales new in version 2 of the EHCP instruments (2025). The v1 builders in `scales.ts` and
 * `categories.ts` are left as they are: a version 2 scale that differs from its v1 counterpart
 * takes a new scale code, and a question on a changed scale takes a new question code.
 *
 * - `*_NA` graded scales are the v1 scales with "not applicable" (EXCLUDED) added, for questions
 *   a respondent can lack the experience of (a family on SEN support has no EHCP to rate, a
 *   three-year-old has no "preparing for the future"). Only an EXCLUDED option is added, so a
 *   question moved onto one keeps its code and stays comparable with version 1.
 * - Categorical scales (band null; "don't know", "prefer not to say", "not applicable" EXCLUDED).
 * - The Department for Education's primary-need codes, with their roll-up to the broad areas of
 *   need of the SEND Code of Practice, for figures that report by broad area.
 */
import type { ScaleDefinition } from "../types.ts";
import { categorical } from "./categories.ts";

// ---------------------------------------------------------------------------------------------
// Type of need: the DfE primary-need codes and the broad areas of need.

/** The DfE primary-need codes (school census, SEN2), lower-cased, in the DfE's order. */
export const PRIMARY_NEED_CODES = ["spld", "mld", "sld", "pmld", "semh", "slcn", "hi", "vi", "msi", "pd", "asd", "oth", "nsa"] as const;
export type PrimaryNeedCode = (typeof PRIMARY_NEED_CODES)[number];

/**
 * The broad areas of need of the SEND Code of Practice, with sensory and physical needs reported
 * apart (they were one area in version 1), and "other" for needs outside the four areas.
 */
export const BROAD_AREAS_OF_NEED = {
  communication_interaction: "Communication and interaction",
  cognition_learning: "Cognition and learning",
  semh: "Social, emotional and mental health",
  sensory: "Sensory",
  physical: "Physical",
  other: "Other",
} as const;
export type BroadAreaOfNeed = keyof typeof BROAD_AREAS_OF_NEED;

/**
 * The broad area each primary-need option rolls up to. "Don't know" is EXCLUDED and has no
 * area. NSA (SEN support with no specialist assessment of type of need) is "other".
 */
export const PRIMARY_NEED_BROAD_AREA: Readonly<Record<PrimaryNeedCode, BroadAreaOfNeed>> = {
  spld: "cognition_learning",
  mld: "cognition_learning",
  sld: "cognition_learning",
  pmld: "cognition_learning",
  semh: "semh",
  slcn: "communication_interaction",
  hi: "sensory",
  vi: "sensory",
  msi: "sensory",
  pd: "physical",
  asd: "communication_interaction",
  oth: "other",
  nsa: "other",
};

/**
 * The version 1 `NEED_SEND` option a broad area corresponds to, for setting v2 figures beside
 * v1 ones by area of need (never for pooling: the questions differ). "other" has none.
 */
export const BROAD_AREA_NEED_SEND: Readonly<Record<BroadAreaOfNeed, "communication_interaction" | "cognition_learning" | "semh" | "sensory_physical" | null>> =
  {
    communication_interaction: "communication_interaction",
    cognition_learning: "cognition_learning",
    semh: "semh",
    sensory: "sensory_physical",
    physical: "sensory_physical",
    other: null,
  };

const PRIMARY_NEED_LABELS: Readonly<Record<PrimaryNeedCode, string>> = {
  spld: "Specific learning difficulty (SpLD), such as dyslexia",
  mld: "Moderate learning difficulty (MLD)",
  sld: "Severe learning difficulty (SLD)",
  pmld: "Profound and multiple learning difficulty (PMLD)",
  semh: "Social, emotional and mental health (SEMH)",
  slcn: "Speech, language and communication needs (SLCN)",
  hi: "Hearing impairment (HI)",
  vi: "Vision impairment (VI)",
  msi: "Multi-sensory impairment (MSI)",
  pd: "Physical disability (PD)",
  asd: "Autistic spectrum disorder (ASD)",
  oth: "Other difficulty or disability (OTH)",
  nsa: "SEN support, with no specialist assessment of the type of need (NSA)",
};

/** The same categories in plain words, for children and young people to read. */
const PRIMARY_NEED_LABELS_CYP: Readonly<Record<PrimaryNeedCode, string>> = {
  spld: "Reading, writing, spelling or maths (such as dyslexia)",
  mld: "Learning (a moderate learning difficulty)",
  sld: "Learning (a severe learning difficulty)",
  pmld: "Learning and other needs together (a profound and multiple learning difficulty)",
  semh: "Feelings, behaviour or mental health",
  slcn: "Speaking, understanding or communicating",
  hi: "Hearing",
  vi: "Seeing",
  msi: "Both hearing and seeing",
  pd: "Moving about, or a physical disability",
  asd: "Autism",
  oth: "Something else",
  nsa: "I get SEN support, but my needs have not been assessed",
};

/** Main (primary) type of need, by the DfE codes, + don't know. */
export const PRIMARY_NEED = (plainWords = false): ScaleDefinition => {
  const labels = plainWords ? PRIMARY_NEED_LABELS_CYP : PRIMARY_NEED_LABELS;
  return categorical(
    "PRIMARY_NEED",
    "Primary type of need (DfE codes)",
    PRIMARY_NEED_CODES.map((code) => [code, labels[code]] as const),
    ["dont_know"],
  );
};

// ---------------------------------------------------------------------------------------------
// Circumstances.

/** Children and young people: alone, with help, or someone answered for them. */
export const COMPLETED_BY_CYP_V2 = (): ScaleDefinition =>
  categorical("COMPLETED_BY_CYP_V2", "Who completed the form (children and young people)", [
    ["self", "By myself"],
    ["with_help", "With help from someone"],
    ["on_behalf", "Someone answered for me"],
  ]);

/** Whether the child has an EHCP or gets SEN support without one. */
export const SEN_PROVISION = (
  labels: { ehcp: string; sen_support: string } = { ehcp: "An EHCP", sen_support: "SEN support, without an EHCP" },
): ScaleDefinition =>
  categorical(
    "SEN_PROVISION",
    "EHCP or SEN support",
    [
      ["ehcp", labels.ehcp],
      ["sen_support", labels.sen_support],
    ],
    ["dont_know"],
  );

/** Whether the child or young person has a personal budget. */
export const PERSONAL_BUDGET_HELD = (): ScaleDefinition =>
  categorical(
    "PERSONAL_BUDGET_HELD",
    "Has a personal budget",
    [
      ["yes", "Yes"],
      ["no", "No"],
    ],
    ["dont_know"],
  );

/**
 * How a personal budget in an EHCP is managed: the arrangements the SEND Code of Practice
 * allows (direct payment, a notional budget held by the council or the setting, a third party),
 * or a mix; "not applicable" when there is no personal budget.
 */
export const BUDGET_MANAGEMENT_SEND = (): ScaleDefinition =>
  categorical(
    "BUDGET_MANAGEMENT_SEND",
    "How the personal budget is managed (SEND)",
    [
      ["direct_payment", "Direct payment, managed by me or my family"],
      ["direct_payment_young_person", "Direct payment, managed by the young person"],
      ["council_managed", "Managed by the council for us"],
      ["setting_managed", "Managed by the school or college for us"],
      ["third_party", "Held by a provider or another organisation for us"],
      ["broker", "Managed by a broker or support organisation"],
      ["combination", "A mix of these"],
    ],
    ["dont_know", "not_applicable"],
  );

/** Whether the answers are about a new plan or a review of an existing one. */
export const PLAN_STAGE = (): ScaleDefinition =>
  categorical(
    "PLAN_STAGE",
    "New plan or review",
    [
      ["new_plan", "A new EHCP"],
      ["annual_review", "The annual review of an EHCP"],
      ["other_review", "Another review, such as an early review"],
    ],
    ["dont_know", "not_applicable"],
  );

/** As `STATEMENT_CONVERTED`, + not applicable (no EHCP). */
export const STATEMENT_CONVERTED_NA = (): ScaleDefinition =>
  categorical(
    "STATEMENT_CONVERTED_NA",
    "Statement converted to an EHCP, or not applicable",
    [
      ["yes", "Yes, the EHCP replaced a statement"],
      ["no", "No, it did not replace a statement"],
    ],
    ["dont_know", "not_applicable"],
  );

/**
 * The child's education setting, version 2: state-funded and independent special schools apart,
 * alternative provision, apprenticeships and training, home education, not in education, other.
 */
export const SETTING_CHILD_V2 = (): ScaleDefinition =>
  categorical(
    "SETTING_CHILD_V2",
    "Education setting",
    [
      ["early_years", "Early years setting"],
      ["mainstream", "Mainstream school"],
      ["special", "State-funded special school"],
      ["independent_special", "Independent or non-maintained special school"],
      ["alternative_provision", "Alternative provision or pupil referral unit"],
      ["further_education", "College or further education"],
      ["apprenticeship_training", "Apprenticeship, traineeship or supported internship"],
      ["home_education", "Educated at home"],
      ["not_in_education", "Not in education or training"],
      ["other", "Other"],
    ],
    ["dont_know"],
  );

/** A practitioner's work setting, version 2: adds the local authority and "other". */
export const SETTING_PRACTITIONER_V2 = (): ScaleDefinition =>
  categorical("SETTING_PRACTITIONER_V2", "Work setting", [
    ["mainstream", "Mainstream school"],
    ["special", "Special school"],
    ["early_years", "Early years setting"],
    ["further_education", "College or further education"],
    ["community", "Health or social care service"],
    ["local_authority", "Local authority (for example the SEN team)"],
    ["other", "Other"],
  ]);

/** A practitioner's role, version 2: the special educational needs roles apart. */
export const PRACTITIONER_ROLE_V2 = (): ScaleDefinition =>
  categorical("PRACTITIONER_ROLE_V2", "Practitioner role", [
    ["education", "Education (teacher, teaching assistant, tutor)"],
    ["senco", "Special educational needs co-ordinator (SENCO)"],
    ["sen_caseworker", "SEN caseworker or officer at the council"],
    ["educational_psychologist", "Educational psychologist"],
    ["other_sen_specialist", "Other special educational needs specialist"],
    ["health", "Health"],
    ["social_care", "Social care"],
    ["other", "Other"],
  ]);
