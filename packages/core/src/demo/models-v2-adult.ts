/**
 * Version 2 of the adult instruments' demo models (collected from 2025-26), built on version 1's:
 * the questions kept are drawn as before, the new ones in line with the seeds. What version 2
 * adds to the data: budgets managed as "a mixture" or not held at all (whose budget questions
 * are then mostly not applicable), budget uses and helpers ticked several at a time, the
 * four-point "views included", and (PHB, CARER) respondents under 18.
 */

import { cat, catBy, type Get, type InstrumentModel, lookup, successor, type TickSpec, tickEach } from "./model.ts";
import { ADULT_PB_MODEL, CARER_MODEL, outcome, PHB_MODEL } from "./models-adult.ts";

const OLD = new Set(["age_65_74", "age_75_84", "age_85_plus"]);
const noBudget = (get: Get) => get("budget_management_type") === "no_personal_budget";
/** Budget questions are not applicable to people without a budget, and now and then to others. */
const budgetNa = (others: number) => (get: Get) => (noBudget(get) ? 0.85 : others);
const better = (get: Get, code: string) => ({ a_lot_better: 1.3, better: 1.15, worse: 0.7, a_lot_worse: 0.6 })[get(code) ?? ""] ?? 1;

/** What the budget pays for, following how life has gone (personal assistants and activities with better, home care with worse). */
const budgetUses = (code: string, chances: (get: Get) => Record<string, number>): TickSpec => ({
  code,
  draw: (rng, get) => {
    if (rng.next() < 0.02) return undefined;
    if (get("budget_management_type") === "no_personal_budget") return rng.next() < 0.7 ? ["not_applicable"] : undefined;
    if (rng.next() < 0.03) return ["dont_know"];
    const qol = better(get, "quality_of_life");
    const c = chances(get);
    for (const o of ["personal_assistant", "community_activities"]) if (c[o]) c[o] = Math.min(0.95, c[o]! * qol);
    if (c.home_care) c.home_care = Math.min(0.95, c.home_care / qol);
    return tickEach(rng, c);
  },
});

export const ADULT_PB_V2_MODEL: InstrumentModel = successor(ADULT_PB_MODEL, {
  count: 1350,
  blank: { completed_by: 0.03 },
  renamed: { budget_management: { code: "budget_management_type", options: { no_personal_budget: "council_managed", mixture: undefined } } },
  replaced: {
    budget_management: {
      code: "budget_management_type",
      draw: (rng, get) =>
        OLD.has(get("age_band") ?? "")
          ? cat({
              direct_payment: 19,
              direct_payment_family: 10,
              individual_service_fund: 9,
              council_managed: 36,
              broker: 4,
              mixture: 6,
              no_personal_budget: 8,
              dont_know: 8,
            })(rng)
          : cat({
              direct_payment: 38,
              direct_payment_family: 11,
              individual_service_fund: 9,
              council_managed: 19,
              broker: 6,
              mixture: 7,
              no_personal_budget: 4,
              dont_know: 6,
            })(rng),
    },
    budget_duration: {
      code: "budget_duration",
      draw: (rng, get) =>
        noBudget(get) ? "not_applicable" : cat({ under_1_year: 18, one_to_two_years: 22, two_to_five_years: 32, over_five_years: 22, dont_know: 6 })(rng),
    },
  },
  dropped: ["support_type", "who_helped_plan", "views_included_in_plan"],
  tuned: {
    knew_budget_amount: { notApplicable: budgetNa(0.005) },
    could_decide_spending: { notApplicable: budgetNa(0.01) },
    ease_getting_budget: { notApplicable: budgetNa(0.01) },
    // "Managing your budget" when the council manages it.
    ease_managing_budget: { notApplicable: (get) => (noBudget(get) ? 0.85 : get("budget_management_type") === "council_managed" ? 0.3 : 0.01) },
  },
  graded: [
    { code: "views_included_extent", latent: "P", positive: 78, negative: 9, top: 0.5, noise: 0.9 },
    outcome("everyday_activities", 63, 6),
    outcome("community", 47, 8, { excluded: 0.1 }),
  ],
  ticks: [
    budgetUses("budget_uses", (get) =>
      OLD.has(get("age_band") ?? "")
        ? {
            personal_assistant: 0.2,
            community_activities: 0.1,
            home_care: 0.55,
            residential_care: 0.1,
            day_services: 0.15,
            equipment: 0.12,
            short_breaks: 0.1,
            other: 0.04,
          }
        : {
            personal_assistant: 0.45,
            community_activities: 0.35,
            home_care: 0.15,
            residential_care: 0.04,
            day_services: 0.25,
            equipment: 0.08,
            short_breaks: 0.2,
            other: 0.06,
          },
    ),
    {
      code: "who_helped",
      draw: (rng, get) => {
        if (rng.next() < 0.02) return undefined;
        const help = get("help_to_plan");
        if (help === "no") return [rng.next() < 0.9 ? "nobody" : "dont_know"];
        if (help !== "yes" && rng.next() < 0.2) return ["dont_know"];
        const broker = get("budget_management_type") === "broker" ? 0.8 : 0.05;
        return tickEach(rng, { family_friends: 0.45, council_staff: 0.5, support_organisation: 0.18, provider: 0.14, broker, other: 0.05 });
      },
    },
  ],
});

export const PHB_V2_MODEL: InstrumentModel = successor(PHB_MODEL, {
  count: 390,
  blank: { completed_by: 0.03 },
  renamed: {
    budget_management: { code: "budget_management_type", options: { notional: "nhs_managed" } },
    age_band: { code: "age_group", options: { under_18: undefined } },
  },
  replaced: {
    age_band: {
      code: "age_group",
      draw: cat({ under_18: 5, age_18_24: 7, age_25_44: 19, age_45_64: 28, age_65_74: 17, age_75_84: 13, age_85_plus: 9, prefer_not_to_say: 2 }),
    },
  },
  dropped: ["support_type"],
  tuned: {
    // A notional budget is managed by the NHS: managing it yourself is often not applicable.
    ease_managing_budget: { notApplicable: (get) => (get("budget_management_type") === "notional" ? 0.4 : 0.01) },
  },
  graded: [
    outcome("general_health", 50, 9),
    outcome("dignity_in_support", 74, 4),
    outcome("relationships_with_paid_supporters", 64, 5, { excluded: 0.08 }),
    outcome("friendships", 50, 7),
    outcome("where_you_live", 48, 6, { excluded: 0.1 }),
    outcome("volunteering", 24, 5, { excluded: 0.5 }),
  ],
  ticks: [
    budgetUses("budget_uses", () => ({
      personal_assistant: 0.45,
      home_care: 0.3,
      therapies: 0.2,
      equipment: 0.15,
      community_activities: 0.15,
      short_breaks: 0.1,
      other: 0.06,
    })),
  ],
});

export const CARER_V2_MODEL: InstrumentModel = successor(CARER_MODEL, {
  count: 690,
  blank: { completed_by: 0.03 },
  renamed: {
    relationship_to_person: { code: "carer_relationship", options: { other: undefined } },
    age_band: { code: "age_group", options: { under_18: undefined } },
  },
  replaced: {
    relationship_to_person: {
      code: "carer_relationship",
      draw: cat({ partner: 29, parent: 33, son_daughter: 25, other_relative: 7, friend_neighbour: 3, other: 2, prefer_not_to_say: 1 }),
    },
    age_band: {
      code: "age_group",
      draw: catBy("carer_relationship", {
        son_daughter: { under_18: 4, age_18_24: 3, age_25_44: 23, age_45_64: 56, age_65_74: 12, age_75_84: 2 },
        partner: { age_25_44: 6, age_45_64: 24, age_65_74: 30, age_75_84: 30, age_85_plus: 10 },
        "*": { under_18: 1, age_18_24: 2, age_25_44: 20, age_45_64: 47, age_65_74: 20, age_75_84: 8, age_85_plus: 1, prefer_not_to_say: 1 },
      }),
    },
  },
  about: [{ code: "carer_disability", draw: cat({ yes_limited_a_lot: 9, yes_limited_a_little: 17, yes_not_limited: 8, no: 62, prefer_not_to_say: 4 }) }],
  // Carers whose own disability limits them a lot fare a little worse.
  outcome: (get) => lookup(get("carer_disability"), { yes_limited_a_lot: -0.2, yes_limited_a_little: -0.08 }),
  tuned: { support_for_carer: { notApplicable: 0.06 } },
});
