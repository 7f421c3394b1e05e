/**
 * Demo models of the adult instruments (ADULT_PB, CARER, PHB). The ADULT_PB shares marked
 * "published" are the national figures in published_national_figures.csv; the others are
 * plausible values in line with the seed documents.
 *
 * Patterns carried (seed 004, seed 001): a better process goes with better outcomes (easy to
 * get/manage ≈ 3× as likely to report a better quality of life than hard; views included ≈ 2×);
 * direct payments more positive, council-managed and "don't know" less, brokers mixed; knowing
 * the amount and deciding the spending more positive; learning disabilities more positive,
 * mental health less positive about support, physical disability slightly less about impact,
 * older people less about impact; personal assistants and community activities more positive,
 * home care less; little difference by gender or by who completed the form.
 */
import { cat, catBy, type DerivedSpec, type Get, type GradedSpec, type InstrumentModel, lookup } from "./model.ts";

const OLD = new Set(["age_65_74", "age_75_84", "age_85_plus"]);
const isOld = (get: Get) => OLD.has(get("age_band") ?? "");

const GENDER = cat({ female: 54, male: 44, other: 1, prefer_not_to_say: 1 });
const ETHNICITY = cat({ white: 84, mixed: 2, asian: 7, black: 4, other: 1, prefer_not_to_say: 2 });
const DURATION = cat({ under_1_year: 18, one_to_two_years: 22, two_to_five_years: 32, over_five_years: 22, dont_know: 6 });

const budgetEffect = {
  direct_payment: 0.3,
  direct_payment_family: 0.2,
  individual_service_fund: 0.05,
  council_managed: -0.22,
  nhs_managed: -0.15,
  broker: 0,
  dont_know: -0.4,
};
const supportEffect = { personal_assistant: 0.2, community_activities: 0.2, therapies: 0.1, home_care: -0.25, residential_care: -0.05 };
/** Knowing the amount and deciding the spending follow how the budget is held. */
const heldEffect = (get: Get) =>
  lookup(get("budget_management"), {
    direct_payment: 0.9,
    direct_payment_family: 0.6,
    individual_service_fund: -0.1,
    council_managed: -0.6,
    nhs_managed: -0.5,
    broker: 0,
    dont_know: -1.2,
  });

const whoHelped: DerivedSpec = {
  code: "who_helped_plan",
  draw: (rng, get) => {
    const help = get("help_to_plan");
    if (rng.next() < 0.02) return undefined;
    if (help === "no") return cat({ nobody: 88, family_friends: 6, dont_know: 6 }, 0)(rng);
    const weights =
      help === "yes"
        ? { family_friends: 30, council_staff: 36, support_organisation: 12, provider: 10, broker: 5, nobody: 1, dont_know: 6 }
        : { nobody: 20, family_friends: 25, council_staff: 25, support_organisation: 5, provider: 5, broker: 2, dont_know: 18 };
    if (get("budget_management") === "broker") return cat({ ...weights, broker: 40 }, 0)(rng);
    return cat(weights, 0)(rng);
  },
};

/** An OUTCOME question's spec, with the adult instruments' defaults. */
export const outcome = (code: string, positive: number, negative: number, extra: Partial<GradedSpec> = {}): GradedSpec => ({
  code,
  latent: "O",
  positive,
  negative,
  excluded: 0.04,
  top: 0.45,
  ...extra,
});
const process = (code: string, positive: number, negative: number, extra: Partial<GradedSpec> = {}): GradedSpec => ({
  code,
  latent: "P",
  positive,
  negative,
  ...extra,
});

export const ADULT_PB_MODEL: InstrumentModel = {
  code: "ADULT_PB",
  count: 2254,
  about: [
    { code: "age_band", draw: cat({ age_18_24: 8, age_25_44: 21, age_45_64: 25, age_65_74: 15, age_75_84: 17, age_85_plus: 12, prefer_not_to_say: 2 }) },
    {
      code: "type_of_need",
      draw: (rng, get) =>
        isOld(get)
          ? cat({ older_person: 55, physical_disability: 25, sensory_impairment: 6, mental_health: 5, learning_disability: 3, other: 4, prefer_not_to_say: 2 })(
              rng,
            )
          : cat({ physical_disability: 27, learning_disability: 30, mental_health: 18, autism: 8, sensory_impairment: 5, other: 10, prefer_not_to_say: 2 })(
              rng,
            ),
    },
    { code: "gender", draw: GENDER },
    { code: "ethnicity", draw: ETHNICITY },
    {
      code: "budget_management",
      draw: (rng, get) =>
        isOld(get)
          ? cat({ direct_payment: 22, direct_payment_family: 12, individual_service_fund: 10, council_managed: 42, broker: 5, dont_know: 9 })(rng)
          : cat({ direct_payment: 42, direct_payment_family: 12, individual_service_fund: 10, council_managed: 22, broker: 7, dont_know: 7 })(rng),
    },
    {
      code: "support_type",
      draw: (rng, get) =>
        isOld(get)
          ? cat({
              personal_assistant: 18,
              community_activities: 6,
              home_care: 48,
              residential_care: 10,
              day_services: 8,
              equipment: 6,
              other: 2,
              dont_know: 2,
            })(rng)
          : cat({
              personal_assistant: 36,
              community_activities: 20,
              home_care: 12,
              residential_care: 4,
              day_services: 18,
              equipment: 4,
              other: 4,
              dont_know: 2,
            })(rng),
    },
    { code: "budget_duration", draw: DURATION },
    {
      code: "completed_by",
      draw: catBy(
        "type_of_need",
        {
          learning_disability: { self: 25, with_help: 50, on_behalf: 25 },
          older_person: { self: 35, with_help: 30, on_behalf: 35 },
          "*": { self: 50, with_help: 32, on_behalf: 18 },
        },
        0,
      ),
    },
  ],
  process: (get, rng) =>
    lookup(get("budget_management"), budgetEffect) +
    lookup(get("support_type"), supportEffect) +
    lookup(get("type_of_need"), { learning_disability: 0.1, mental_health: -0.3 }) +
    // A broker: a mixed experience, wider spread either way.
    (get("budget_management") === "broker" ? 0.5 * rng.normal() : 0),
  outcome: (get) =>
    lookup(get("budget_management"), { direct_payment: 0.1, council_managed: -0.1, dont_know: -0.15 }) +
    lookup(get("support_type"), { personal_assistant: 0.12, community_activities: 0.12, home_care: -0.12 }) +
    lookup(get("type_of_need"), { physical_disability: -0.2, mental_health: 0.15 }) +
    (isOld(get) ? -0.3 : 0),
  rho: 1.0,
  graded: [
    process("help_to_plan", 75, 25, { excluded: 0.04, noise: 0.9 }),
    process("views_included_in_plan", 91, 9, { noise: 1.2 }), // published
    process("copy_of_support_plan", 77, 23, { noise: 1.1 }), // published
    process("knew_budget_amount", 59, 41, { noise: 0.9, effect: heldEffect }), // published
    process("could_decide_spending", 62, 38, { noise: 0.8, effect: heldEffect }), // published
    process("ease_getting_budget", 58, 20, { excluded: 0.04, noise: 0.55 }),
    process("ease_managing_budget", 62, 17, { excluded: 0.04, noise: 0.6 }),
    process("amount_of_support", 66, 12),
    process("control_over_support", 71, 10, { effect: (get) => 0.5 * heldEffect(get) }), // published
    process("dignity_of_support", 80, 5),
    process("quality_of_support", 74, 8),
    process("information_and_advice", 56, 16), // published
    outcome("dignity_in_support", 76, 4),
    outcome("quality_of_life", 73, 6, { noise: 0.45 }), // published
    outcome("independence", 68, 6),
    outcome("arranging_support", 70, 5),
    outcome("physical_health", 52, 9, { effect: (get) => (isOld(get) ? -0.2 : 0) }),
    outcome("mental_wellbeing", 64, 7, { effect: (get) => lookup(get("type_of_need"), { mental_health: -0.2 }) }),
    outcome("control_over_life", 68, 6),
    outcome("feeling_safe", 66, 5),
    outcome("relationships_with_family", 60, 5),
    outcome("relationships_with_paid_supporters", 66, 5, { excluded: 0.08 }),
    outcome("friendships", 52, 7),
    outcome("self_esteem", 60, 7),
    outcome("where_you_live", 50, 6, { excluded: 0.1 }),
    outcome("paid_work", 26, 6, { excluded: 0.55, effect: (get) => (isOld(get) ? -0.5 : 0) }),
    outcome("volunteering", 28, 5, { excluded: 0.5 }),
  ],
  derived: [whoHelped],
  modes: [15, 15, 70],
  comments: {
    good: [
      "Having my own personal assistant means I choose when I go out.",
      "The direct payment lets me spend the money on what actually helps.",
      "My support worker knows me well and I feel more independent.",
    ],
    poor: [
      "It took months to sort out the budget and nobody told me how much it was.",
      "The agency keeps changing carers so I never know who is coming.",
      "I still don't understand what the money can be used for.",
    ],
    mixed: ["Support is fine most days but planning it was hard work.", "Some things have improved, others are the same as before."],
  },
};

export const CARER_MODEL: InstrumentModel = {
  code: "CARER",
  count: 1104,
  about: [
    { code: "relationship_to_person", draw: cat({ partner: 30, parent: 34, son_daughter: 25, other_relative: 7, friend_neighbour: 3, prefer_not_to_say: 1 }) },
    {
      code: "type_of_need",
      draw: catBy("relationship_to_person", {
        parent: { learning_disability: 55, autism: 15, physical_disability: 12, mental_health: 10, sensory_impairment: 3, other: 5 },
        son_daughter: { older_person: 65, physical_disability: 18, sensory_impairment: 5, mental_health: 4, other: 8 },
        "*": { older_person: 35, physical_disability: 28, mental_health: 14, learning_disability: 8, sensory_impairment: 5, other: 10 },
      }),
    },
    { code: "caring_hours", draw: cat({ under_20: 24, hours_20_49: 30, hours_50_plus: 41, dont_know: 5 }) },
    {
      code: "budget_management",
      draw: cat({ direct_payment: 34, direct_payment_family: 20, individual_service_fund: 9, council_managed: 26, broker: 5, dont_know: 6 }),
    },
    { code: "gender", draw: cat({ female: 70, male: 29, other: 0.5, prefer_not_to_say: 0.5 }) },
    {
      code: "age_band",
      draw: catBy("relationship_to_person", {
        son_daughter: { age_25_44: 25, age_45_64: 60, age_65_74: 13, age_75_84: 2 },
        partner: { age_25_44: 6, age_45_64: 24, age_65_74: 30, age_75_84: 30, age_85_plus: 10 },
        "*": { age_18_24: 2, age_25_44: 20, age_45_64: 48, age_65_74: 20, age_75_84: 8, age_85_plus: 1, prefer_not_to_say: 1 },
      }),
    },
    { code: "ethnicity", draw: ETHNICITY },
    { code: "completed_by", draw: cat({ self: 86, with_help: 10, on_behalf: 4 }, 0) },
  ],
  process: (get) => lookup(get("budget_management"), budgetEffect),
  outcome: (get) =>
    lookup(get("caring_hours"), { hours_50_plus: -0.2, under_20: 0.1 }) + lookup(get("type_of_need"), { learning_disability: 0.15, older_person: -0.1 }),
  rho: 0.9,
  graded: [
    process("carer_views_included", 68, 8, { top: 0.45 }),
    process("information_and_advice", 52, 18),
    process("carer_assessment", 56, 44, { noise: 1.3 }),
    process("support_for_carer", 50, 20),
    outcome("physical_health", 62, 8),
    outcome("mental_wellbeing", 66, 10),
    outcome("continue_caring", 72, 5),
    outcome("carer_quality_of_life", 69, 7),
    outcome("cared_for_quality_of_life", 76, 4),
    outcome("day_to_day_stress", 58, 14, { effect: (get) => lookup(get("caring_hours"), { hours_50_plus: -0.2 }) }),
    outcome("control_over_life", 60, 9),
    outcome("relationship_with_cared_for", 64, 5),
  ],
  modes: [30, 30, 40],
  comments: {
    good: [
      "The budget pays for regular breaks, which means I can keep caring.",
      "My husband is happier with his PA and that makes life easier for both of us.",
    ],
    poor: ["I do all the paperwork for the budget on top of caring and I am exhausted.", "Nobody asked me what I thought when the plan was written."],
    mixed: ["Things are a bit better but I still get very little time for myself."],
  },
};

export const PHB_MODEL: InstrumentModel = {
  code: "PHB",
  count: 612,
  about: [
    { code: "age_band", draw: cat({ age_18_24: 7, age_25_44: 20, age_45_64: 30, age_65_74: 18, age_75_84: 14, age_85_plus: 9, prefer_not_to_say: 2 }) },
    {
      code: "type_of_need",
      draw: cat({
        continuing_healthcare: 40,
        long_term_condition: 15,
        mental_health: 12,
        learning_disability_autism: 12,
        neurological: 10,
        end_of_life: 3,
        other: 6,
        prefer_not_to_say: 2,
      }),
    },
    { code: "gender", draw: GENDER },
    { code: "ethnicity", draw: ETHNICITY },
    {
      code: "budget_management",
      draw: cat({ direct_payment: 35, direct_payment_family: 12, individual_service_fund: 15, nhs_managed: 28, broker: 4, dont_know: 6 }),
    },
    {
      code: "support_type",
      draw: cat({ personal_assistant: 38, home_care: 25, therapies: 12, equipment: 8, community_activities: 10, other: 5, dont_know: 2 }),
    },
    { code: "budget_duration", draw: DURATION },
    { code: "completed_by", draw: cat({ self: 40, with_help: 30, on_behalf: 30 }, 0) },
  ],
  process: (get) =>
    lookup(get("budget_management"), budgetEffect) +
    lookup(get("support_type"), supportEffect) +
    lookup(get("type_of_need"), { learning_disability_autism: 0.2, mental_health: -0.25 }),
  outcome: (get) => lookup(get("type_of_need"), { end_of_life: -0.3, neurological: -0.15 }) + (isOld(get) ? -0.25 : 0),
  rho: 1.0,
  graded: [
    process("help_to_plan", 78, 22, { excluded: 0.04, noise: 0.9 }),
    process("views_included_in_plan", 90, 10, { noise: 0.85 }),
    process("copy_of_care_plan", 72, 28, { noise: 1.1 }),
    process("knew_budget_amount", 68, 32, { noise: 0.9, effect: heldEffect }),
    process("could_decide_spending", 70, 30, { noise: 0.8, effect: heldEffect }),
    process("ease_getting_budget", 55, 22, { excluded: 0.04, noise: 0.45 }),
    process("ease_managing_budget", 60, 15, { excluded: 0.04, noise: 0.5 }),
    process("amount_of_support", 66, 12),
    process("control_over_support", 74, 8, { effect: (get) => 0.5 * heldEffect(get) }),
    process("dignity_of_support", 82, 4),
    process("quality_of_support", 76, 6),
    process("information_and_advice", 58, 16),
    outcome("physical_health", 55, 8),
    outcome("mental_wellbeing", 68, 6),
    outcome("managing_condition", 62, 5),
    outcome("avoiding_hospital", 48, 4, { excluded: 0.2 }),
    outcome("quality_of_life", 78, 4, { noise: 0.45 }),
    outcome("independence", 66, 5),
    outcome("control_over_life", 72, 4),
    outcome("arranging_support", 74, 4),
    outcome("feeling_safe", 66, 4),
    outcome("relationships_with_family", 58, 5),
    outcome("self_esteem", 60, 5),
    outcome("paid_work", 22, 4, { excluded: 0.6 }),
  ],
  derived: [whoHelped],
  modes: [25, 25, 50],
  comments: {
    good: ["Employing my own carers has kept me out of hospital this year.", "I can now pay for the therapy that actually helps my condition."],
    poor: ["The budget was agreed but the money took months to arrive.", "I was never told how much my personal health budget was."],
    mixed: ["Care is better at home but the paperwork is a lot to manage."],
  },
};
