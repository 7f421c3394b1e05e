/**
 * Categorical (ABOUT_YOU) scales: band null, "prefer not to say" / "don't know" EXCLUDED.
 */
import type { OptionDefinition, ScaleDefinition } from "../types.ts";
import { DONT_KNOW, NOT_APPLICABLE, opt, PREFER_NOT } from "./scales.ts";

/** A categorical scale from [code, label] pairs; `excluded` options are appended as EXCLUDED. */
export function categorical(
  code: string,
  label: string,
  categories: ReadonlyArray<readonly [string, string]>,
  excluded: ReadonlyArray<"dont_know" | "prefer_not_to_say" | "not_applicable"> = [],
): ScaleDefinition {
  const extra: Record<string, () => OptionDefinition> = {
    dont_know: DONT_KNOW,
    prefer_not_to_say: PREFER_NOT,
    not_applicable: NOT_APPLICABLE,
  };
  return {
    code,
    label,
    options: [...categories.map(([c, l]) => opt(c, l, null)), ...excluded.map((e) => extra[e]!())],
  };
}

export const GENDER = (): ScaleDefinition =>
  categorical(
    "GENDER",
    "Gender",
    [
      ["female", "Female"],
      ["male", "Male"],
      ["other", "In another way"],
    ],
    ["prefer_not_to_say"],
  );

/** Adults' age bands; 65 and over is reported as "older people". */
export const AGE_BAND_ADULT = (): ScaleDefinition =>
  categorical(
    "AGE_BAND_ADULT",
    "Age band (adults)",
    [
      ["age_18_24", "18 to 24"],
      ["age_25_44", "25 to 44"],
      ["age_45_64", "45 to 64"],
      ["age_65_74", "65 to 74"],
      ["age_75_84", "75 to 84"],
      ["age_85_plus", "85 or over"],
    ],
    ["prefer_not_to_say"],
  );

/** Children's and young people's age bands (EHCPs run from birth to 25). */
export const AGE_BAND_CYP = (): ScaleDefinition =>
  categorical(
    "AGE_BAND_CYP",
    "Age band (children and young people)",
    [
      ["age_0_4", "Under 5"],
      ["age_5_10", "5 to 10"],
      ["age_11_15", "11 to 15"],
      ["age_16_19", "16 to 19"],
      ["age_20_25", "20 to 25"],
    ],
    ["prefer_not_to_say"],
  );

export const ETHNICITY = (): ScaleDefinition =>
  categorical(
    "ETHNICITY",
    "Ethnic group",
    [
      ["white", "White"],
      ["mixed", "Mixed or multiple ethnic groups"],
      ["asian", "Asian or Asian British"],
      ["black", "Black, Black British, Caribbean or African"],
      ["other", "Other ethnic group"],
    ],
    ["prefer_not_to_say"],
  );

/** Who filled in the form: the person, with help, or someone on their behalf. */
export const COMPLETED_BY = (
  labels: { self: string; with_help: string; on_behalf: string } = {
    self: "I filled it in myself",
    with_help: "I filled it in with help",
    on_behalf: "Someone else filled it in on my behalf",
  },
): ScaleDefinition =>
  categorical("COMPLETED_BY", "Who completed the form", [
    ["self", labels.self],
    ["with_help", labels.with_help],
    ["on_behalf", labels.on_behalf],
  ]);

/** Children and young people fill it in alone or with help (never "on behalf"). */
export const COMPLETED_BY_CYP = (): ScaleDefinition =>
  categorical("COMPLETED_BY_CYP", "Who completed the form (children and young people)", [
    ["self", "By myself"],
    ["with_help", "With help from someone"],
  ]);

/** Main type of need of an adult with social care support. */
export const NEED_ADULT = (): ScaleDefinition =>
  categorical(
    "NEED_ADULT",
    "Main type of need (adults)",
    [
      ["physical_disability", "Physical disability"],
      ["learning_disability", "Learning disability"],
      ["mental_health", "Mental health"],
      ["older_person", "Older person (frailty, memory and cognition)"],
      ["sensory_impairment", "Sensory impairment"],
      ["autism", "Autism"],
      ["other", "Other"],
    ],
    ["prefer_not_to_say"],
  );

/** The four broad areas of need of the SEND Code of Practice. */
export const NEED_SEND = (): ScaleDefinition =>
  categorical(
    "NEED_SEND",
    "Main type of need (SEND)",
    [
      ["communication_interaction", "Communication and interaction"],
      ["cognition_learning", "Cognition and learning"],
      ["semh", "Social, emotional and mental health"],
      ["sensory_physical", "Sensory and/or physical"],
    ],
    ["dont_know"],
  );

/** Main health need of a personal health budget holder. */
export const NEED_HEALTH = (): ScaleDefinition =>
  categorical(
    "NEED_HEALTH",
    "Main health need",
    [
      ["continuing_healthcare", "NHS continuing healthcare"],
      ["long_term_condition", "Long-term physical condition"],
      ["mental_health", "Mental health"],
      ["learning_disability_autism", "Learning disability and/or autism"],
      ["neurological", "Neurological condition"],
      ["end_of_life", "End of life care"],
      ["other", "Other"],
    ],
    ["prefer_not_to_say"],
  );

export const SCHOOL_PHASE = (): ScaleDefinition =>
  categorical(
    "SCHOOL_PHASE",
    "School phase",
    [
      ["pre_school", "Pre-school / early years"],
      ["primary", "Primary"],
      ["secondary", "Secondary"],
      ["post_16", "Post-16"],
    ],
    ["dont_know"],
  );

/** Phase of the children a practitioner works with (several phases is a category). */
export const SCHOOL_PHASE_PRACTITIONER = (): ScaleDefinition =>
  categorical("SCHOOL_PHASE_PRACTITIONER", "Phase of the children worked with", [
    ["pre_school", "Pre-school / early years"],
    ["primary", "Primary"],
    ["secondary", "Secondary"],
    ["post_16", "Post-16"],
    ["all_phases", "Several or all phases"],
  ]);

/** The child's education setting. */
export const SETTING_CHILD = (): ScaleDefinition =>
  categorical(
    "SETTING_CHILD",
    "Education setting",
    [
      ["mainstream", "Mainstream school"],
      ["special", "Special school"],
      ["early_years", "Early years setting"],
      ["further_education", "College or further education"],
      ["other", "Other, or not in education"],
    ],
    ["dont_know"],
  );

/** A practitioner's work setting. */
export const SETTING_PRACTITIONER = (): ScaleDefinition =>
  categorical("SETTING_PRACTITIONER", "Work setting", [
    ["mainstream", "Mainstream school"],
    ["special", "Special school"],
    ["early_years", "Early years setting"],
    ["further_education", "College or further education"],
    ["community", "Health or social care service"],
  ]);

export const PRACTITIONER_ROLE = (): ScaleDefinition =>
  categorical("PRACTITIONER_ROLE", "Practitioner role", [
    ["education", "Education (teacher, teaching assistant, tutor)"],
    ["sen_specialist", "Special educational needs specialist (SENCO, SEN caseworker, educational psychologist)"],
    ["health", "Health"],
    ["social_care", "Social care"],
    ["other", "Other"],
  ]);

/** How an adult's personal budget is managed (council instruments). */
export const BUDGET_MANAGEMENT = (): ScaleDefinition =>
  categorical(
    "BUDGET_MANAGEMENT",
    "How the budget is managed",
    [
      ["direct_payment", "Direct payment, managed by me"],
      ["direct_payment_family", "Direct payment, managed by a friend or family member"],
      ["individual_service_fund", "Individual service fund, held by a provider"],
      ["council_managed", "Managed by the council"],
      ["broker", "Managed by a broker or support organisation"],
    ],
    ["dont_know"],
  );

/** How a personal health budget is managed: as above, with the NHS instead of the council. */
export const BUDGET_MANAGEMENT_HEALTH = (): ScaleDefinition =>
  categorical(
    "BUDGET_MANAGEMENT_HEALTH",
    "How the personal health budget is managed",
    [
      ["direct_payment", "Direct payment, managed by me"],
      ["direct_payment_family", "Direct payment, managed by a friend or family member"],
      ["individual_service_fund", "Third-party budget held by a provider"],
      ["nhs_managed", "Notional budget managed by the NHS"],
      ["broker", "Managed by a broker or support organisation"],
    ],
    ["dont_know"],
  );

/** What an adult's budget is mainly used for. */
export const SUPPORT_TYPE = (): ScaleDefinition =>
  categorical(
    "SUPPORT_TYPE",
    "Main kind of support",
    [
      ["personal_assistant", "Personal assistant"],
      ["community_activities", "Community and leisure activities"],
      ["home_care", "Home care from an agency"],
      ["residential_care", "Residential care"],
      ["day_services", "Day services"],
      ["equipment", "Equipment or adaptations"],
      ["other", "Other"],
    ],
    ["dont_know"],
  );

/** What a personal health budget is mainly used for. */
export const SUPPORT_TYPE_HEALTH = (): ScaleDefinition =>
  categorical(
    "SUPPORT_TYPE_HEALTH",
    "Main kind of support (health)",
    [
      ["personal_assistant", "Personal assistant or care worker employed by me"],
      ["home_care", "Home care or nursing from an agency"],
      ["therapies", "Therapies"],
      ["equipment", "Equipment"],
      ["community_activities", "Community and leisure activities"],
      ["other", "Other"],
    ],
    ["dont_know"],
  );

export const BUDGET_DURATION = (): ScaleDefinition =>
  categorical(
    "BUDGET_DURATION",
    "How long the budget has been held",
    [
      ["under_1_year", "Less than a year"],
      ["one_to_two_years", "One to two years"],
      ["two_to_five_years", "Two to five years"],
      ["over_five_years", "More than five years"],
    ],
    ["dont_know"],
  );

/** Who helped plan the support (a process question with no good or bad category). */
export const WHO_HELPED_PLAN = (): ScaleDefinition =>
  categorical(
    "WHO_HELPED_PLAN",
    "Who helped plan the support",
    [
      ["nobody", "Nobody: I planned it myself"],
      ["family_friends", "Family or friends"],
      ["council_staff", "Council or NHS staff"],
      ["support_organisation", "A user-led or support organisation"],
      ["provider", "A support provider"],
      ["broker", "A broker"],
    ],
    ["dont_know"],
  );

/** A carer's relationship to the person cared for. */
export const CARER_RELATIONSHIP = (): ScaleDefinition =>
  categorical(
    "CARER_RELATIONSHIP",
    "Relationship to the person cared for",
    [
      ["partner", "Husband, wife or partner"],
      ["parent", "Parent"],
      ["son_daughter", "Son or daughter"],
      ["other_relative", "Other relative"],
      ["friend_neighbour", "Friend or neighbour"],
    ],
    ["prefer_not_to_say"],
  );

/** Whether a statement of SEN was converted into the EHCP (a circumstance, not a grade). */
export const STATEMENT_CONVERTED = (): ScaleDefinition =>
  categorical(
    "STATEMENT_CONVERTED",
    "Statement converted to an EHCP",
    [
      ["yes", "Yes, the EHCP replaced a statement"],
      ["no", "No, it is a new plan"],
    ],
    ["dont_know"],
  );

export const CARING_HOURS = (): ScaleDefinition =>
  categorical(
    "CARING_HOURS",
    "Hours of care a week",
    [
      ["under_20", "Less than 20 hours"],
      ["hours_20_49", "20 to 49 hours"],
      ["hours_50_plus", "50 hours or more"],
    ],
    ["dont_know"],
  );
