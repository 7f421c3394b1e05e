/**
 * Version 2 of the EHCP instruments' demo models (collected from 2025-26), built on version 1's.
 * What version 2 adds to the data: the DfE primary-need codes (rolling up to version 1's broad
 * areas, so version 1's effects of need still apply), families on SEN support beside those with
 * a plan, personal budgets, the wider list of settings, the community outcome for
 * practitioners, the SEN roles split, and "not applicable" where a child is too young or not at
 * school.
 */

import { PRIMARY_NEED_BROAD_AREA } from "../questionset/index.ts";
import { cat, catBy, type Get, type InstrumentModel, lookup, successor } from "./model.ts";
import { CYP_EHCP_MODEL, PARENT_EHCP_MODEL, PRACTITIONER_EHCP_MODEL } from "./models-ehcp.ts";

/** DfE primary-need codes → version 1's broad areas of need (which kept sensory and physical together). */
const BROAD_AREA = Object.fromEntries(
  Object.entries(PRIMARY_NEED_BROAD_AREA).map(([code, area]) => [
    code,
    area === "sensory" || area === "physical" ? "sensory_physical" : area === "other" ? undefined : area,
  ]),
);
const primaryNeed = { code: "primary_need", options: BROAD_AREA };
/** Close to the national shares of pupils with an EHCP by primary need. */
const PRIMARY_NEED = cat({ asd: 31, slcn: 21, semh: 15, mld: 8, sld: 8, spld: 4, pmld: 2, pd: 4, hi: 1.5, vi: 1, msi: 0.3, oth: 2.5, nsa: 0.7, dont_know: 1 });
const ETHNICITY = cat({ white: 72, mixed: 6, asian: 11, black: 6, other: 2, prefer_not_to_say: 3 });
const young = (get: Get) => get("age_band") === "age_0_4";
const na = (base: number, ifYoung: number) => (get: Get) => (young(get) ? ifYoung : base);

export const CYP_EHCP_V2_MODEL: InstrumentModel = successor(CYP_EHCP_MODEL, {
  count: 540,
  blank: { completed_by: 0.03 },
  renamed: { type_of_need: primaryNeed, completed_by: { code: "who_filled_in" } },
  replaced: { type_of_need: { code: "primary_need", draw: PRIMARY_NEED } },
  about: [
    { code: "ethnicity", draw: ETHNICITY },
    { code: "sen_provision", draw: cat({ ehcp: 86, sen_support: 11, dont_know: 3 }) },
    { code: "personal_budget", draw: cat({ yes: 7, no: 76, dont_know: 17 }, 0.02) },
  ],
  tuned: {
    // Children on SEN support have no plan to be about them.
    plan_about_me: { notApplicable: (get) => (get("sen_provision") === "sen_support" ? 0.6 : 0.01) },
    looking_forward: { notApplicable: na(0.02, 0.6) },
    school_and_learning: { notApplicable: na(0.02, 0.3) },
    relationships_with_family: { notApplicable: 0.01 },
    enjoying_friendships: { notApplicable: na(0.02, 0.2) },
    part_of_local_community: { notApplicable: na(0.03, 0.3) },
  },
});

export const PARENT_EHCP_V2_MODEL: InstrumentModel = successor(PARENT_EHCP_MODEL, {
  count: 1125,
  blank: { completed_by: 0.03 },
  renamed: {
    type_of_need: primaryNeed,
    setting: {
      code: "education_setting",
      options: {
        independent_special: "special",
        alternative_provision: "other",
        apprenticeship_training: "further_education",
        home_education: "other",
        not_in_education: "other",
      },
    },
  },
  replaced: {
    type_of_need: { code: "primary_need", draw: PRIMARY_NEED },
    setting: {
      code: "education_setting",
      draw: catBy("school_phase", {
        pre_school: { early_years: 78, mainstream: 12, special: 6, home_education: 2, other: 2 },
        primary: { mainstream: 58, special: 30, independent_special: 4, alternative_provision: 2, home_education: 3, other: 2, dont_know: 1 },
        secondary: {
          mainstream: 40,
          special: 40,
          independent_special: 8,
          alternative_provision: 5,
          home_education: 3,
          not_in_education: 2,
          other: 1,
          dont_know: 1,
        },
        post_16: { further_education: 48, special: 28, apprenticeship_training: 5, mainstream: 4, not_in_education: 6, independent_special: 4, other: 5 },
        "*": { mainstream: 42, special: 36, further_education: 5, early_years: 4, independent_special: 4, alternative_provision: 3, other: 5, dont_know: 1 },
      }),
    },
  },
  about: [
    { code: "ethnicity", draw: ETHNICITY },
    { code: "sen_provision", draw: cat({ ehcp: 84, sen_support: 13, dont_know: 3 }) },
    {
      code: "plan_stage",
      draw: (rng, get) =>
        get("sen_provision") === "sen_support"
          ? cat({ not_applicable: 85, dont_know: 15 })(rng)
          : cat({ new_plan: 30, annual_review: 58, other_review: 6, dont_know: 6 })(rng),
    },
    { code: "personal_budget", draw: cat({ yes: 11, no: 72, dont_know: 17 }, 0.02) },
    {
      code: "budget_management",
      draw: (rng, get) =>
        get("personal_budget") === "yes"
          ? cat({
              direct_payment: 42,
              direct_payment_young_person: 4,
              council_managed: 20,
              setting_managed: 12,
              third_party: 6,
              broker: 3,
              combination: 8,
              dont_know: 5,
            })(rng)
          : cat({ not_applicable: 90 }, 0.1)(rng),
    },
  ],
  // A new plan: the process is fresher in memory, and a little harder.
  process: (get) => lookup(get("plan_stage"), { new_plan: -0.1 }),
  tuned: {
    parent_views_included: { notApplicable: 0.01 },
    child_views_included: { notApplicable: na(0.02, 0.3) },
    needs_understood: { notApplicable: 0.01 },
    ease_getting_plan: { notApplicable: (get) => (get("sen_provision") === "sen_support" ? 0.7 : 0.02) },
    copy_of_plan: { notApplicable: (get) => (get("sen_provision") === "sen_support" ? 0.7 : 0.01) },
    process_overall: { notApplicable: 0.01 },
    school_and_learning: { notApplicable: (get) => (get("education_setting") === "not_in_education" ? 0.6 : 0.01) },
    relationships_with_family: { notApplicable: 0.01 },
    enjoying_friendships: { notApplicable: na(0.02, 0.2) },
    preparing_for_the_future: { notApplicable: (get) => lookup(get("age_band"), { age_0_4: 0.6, age_5_10: 0.15 }) + 0.01 },
    part_of_local_community: { notApplicable: na(0.03, 0.3) },
  },
  graded: [
    { code: "dignity_of_support", latent: "P", positive: 68, negative: 9 },
    { code: "quality_of_support", latent: "P", positive: 58, negative: 15 },
  ],
});

export const PRACTITIONER_EHCP_V2_MODEL: InstrumentModel = successor(PRACTITIONER_EHCP_MODEL, {
  count: 1800,
  blank: { completed_by: 0.03 },
  renamed: {
    role: {
      code: "practitioner_role",
      options: {
        senco: "sen_specialist",
        sen_caseworker: "sen_specialist",
        educational_psychologist: "sen_specialist",
        other_sen_specialist: "sen_specialist",
      },
    },
    setting: { code: "work_setting", options: { local_authority: "community", other: undefined } },
    type_of_need: primaryNeed,
  },
  replaced: {
    role: {
      code: "practitioner_role",
      draw: cat(
        { education: 41, senco: 12, sen_caseworker: 5, educational_psychologist: 3, other_sen_specialist: 2, health: 16, social_care: 14, other: 7 },
        0.005,
      ),
    },
    setting: {
      code: "work_setting",
      draw: catBy(
        "practitioner_role",
        {
          education: { mainstream: 60, special: 25, early_years: 8, further_education: 7 },
          senco: { mainstream: 78, special: 12, early_years: 5, further_education: 5 },
          sen_caseworker: { local_authority: 92, other: 8 },
          educational_psychologist: { local_authority: 65, community: 15, mainstream: 10, special: 10 },
          health: { community: 70, special: 15, mainstream: 13, other: 2 },
          social_care: { community: 60, local_authority: 28, special: 6, mainstream: 6 },
          "*": { mainstream: 28, special: 18, early_years: 14, further_education: 10, community: 20, local_authority: 6, other: 4 },
        },
        0.005,
      ),
    },
    type_of_need: { code: "primary_need", draw: PRIMARY_NEED },
  },
  graded: [{ code: "part_of_local_community", latent: "O", positive: 45, negative: 4, top: 0.3, excluded: 0.05 }],
});
