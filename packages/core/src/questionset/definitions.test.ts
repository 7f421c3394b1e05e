import { describe, expect, it } from "vitest";
import publishedFigures from "../demo/published-figures.ts";
import { versionProblems } from "./comparability.ts";
import { findDefinition, QUESTION_SET_DEFINITIONS } from "./definitions/index.ts";
import { MAX_OPTIONS } from "./load.ts";
import { BANDS, type Band, QUESTION_KINDS, QUESTION_SET_CODES, type QuestionSetDefinition, type ScaleDefinition } from "./types.ts";

const LOWER_SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const GRADED_BANDS: ReadonlyArray<Band> = ["NEGATIVE", "NEUTRAL", "POSITIVE"];

const published = publishedFigures;

const isGraded = (s: ScaleDefinition) => s.options.some((o) => o.band !== null && o.band !== "EXCLUDED");
const scaleOf = (def: QuestionSetDefinition, code: string) => {
  const q = def.questions.find((x) => x.code === code);
  return q && def.scales.find((s) => s.code === q.scale);
};
/** "good_or_very_good" -> [good, very_good]; "yes" -> [yes]. */
const measureOptions = (measure: string) => measure.split("_or_").sort();
const bandOptions = (s: ScaleDefinition, band: Band) =>
  s.options
    .filter((o) => o.band === band)
    .map((o) => o.code)
    .sort();

/** Process questions whose answers are categories (no good or bad direction). */
const CATEGORICAL_PROCESS = new Set(["who_helped_plan", "who_helped"]);

describe("question set definitions", () => {
  it("declares versions 1 and 2 of each of the six instruments, once each; the latest is 2", () => {
    const keys = QUESTION_SET_DEFINITIONS.map((d) => `${d.code}@${d.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const code of QUESTION_SET_CODES) {
      for (const version of [1, 2]) expect(findDefinition(code, version), `${code} v${version}`).toMatchObject({ code, version });
      expect(findDefinition(code)).toBe(findDefinition(code, 2));
    }
    expect(findDefinition("ADULT_PB", 3)).toBeUndefined();
    expect(findDefinition("NOPE")).toBeUndefined();
  });

  for (const def of QUESTION_SET_DEFINITIONS) {
    describe(`${def.code} v${def.version}`, () => {
      it("has well-formed metadata", () => {
        expect(def.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(Number.isNaN(Date.parse(def.publishedOn))).toBe(false);
        expect(def.name.length).toBeGreaterThan(5);
        expect(def.respondent.length).toBeGreaterThan(10);
        expect(def.description.length).toBeGreaterThan(20);
      });

      it("has unique, well-formed scale and option codes", () => {
        const codes = def.scales.map((s) => s.code);
        expect(new Set(codes).size).toBe(codes.length);
        for (const s of def.scales) {
          expect(s.code).toMatch(UPPER_SNAKE);
          expect(s.options.length).toBeGreaterThanOrEqual(2);
          expect(s.options.length, `${s.code}: a response holds a question's choices as the bits of one integer`).toBeLessThanOrEqual(MAX_OPTIONS);
          const opts = s.options.map((o) => o.code);
          expect(new Set(opts).size, s.code).toBe(opts.length);
          for (const o of s.options) {
            expect(o.code, `${s.code}.${o.code}`).toMatch(LOWER_SNAKE);
            expect(o.label.trim().length).toBeGreaterThan(0);
            expect(o.band === null || BANDS.includes(o.band)).toBe(true);
          }
        }
      });

      it("never grades a multi-tick scale", () => {
        for (const s of def.scales.filter((x) => x.multiple)) expect(isGraded(s), s.code).toBe(false);
      });

      it("orders graded scales negative to positive, with at least one of each", () => {
        for (const s of def.scales.filter(isGraded)) {
          expect(bandOptions(s, "POSITIVE").length, s.code).toBeGreaterThan(0);
          expect(bandOptions(s, "NEGATIVE").length, s.code).toBeGreaterThan(0);
          expect(
            s.options.some((o) => o.band === null),
            `${s.code} mixes null bands`,
          ).toBe(false);
          const ranks = s.options.map((o) => (o.band === "EXCLUDED" ? 3 : GRADED_BANDS.indexOf(o.band!)));
          expect(ranks, s.code).toEqual([...ranks].sort((a, b) => a - b));
        }
      });

      it("gives categorical scales null bands, except excluded answers", () => {
        for (const s of def.scales.filter((x) => !isGraded(x))) {
          expect(s.options.filter((o) => o.band === null).length, s.code).toBeGreaterThanOrEqual(2);
          for (const o of s.options) expect(o.band === null || o.band === "EXCLUDED", `${s.code}.${o.code}`).toBe(true);
          for (const o of s.options.filter((x) => x.band === "EXCLUDED")) expect(["dont_know", "prefer_not_to_say", "not_applicable"]).toContain(o.code);
        }
      });

      it("has unique, well-formed questions on scales of the same set", () => {
        const codes = def.questions.map((q) => q.code);
        expect(new Set(codes).size).toBe(codes.length);
        const scales = new Map(def.scales.map((s) => [s.code, s]));
        for (const q of def.questions) {
          expect(q.code).toMatch(LOWER_SNAKE);
          expect(QUESTION_KINDS).toContain(q.kind);
          expect(q.text.trim().length, q.code).toBeGreaterThan(5);
          expect(q.section.trim().length).toBeGreaterThan(0);
          if (q.theme !== null) expect(q.theme).toMatch(LOWER_SNAKE);
          const scale = scales.get(q.scale);
          expect(scale, `${q.code} -> ${q.scale}`).toBeDefined();
          if (q.kind === "ABOUT_YOU") expect(isGraded(scale!), q.code).toBe(false);
          else expect(isGraded(scale!), q.code).toBe(!CATEGORICAL_PROCESS.has(q.code));
        }
        // No scale declared and never used.
        for (const s of def.scales)
          expect(
            def.questions.some((q) => q.scale === s.code),
            s.code,
          ).toBe(true);
      });

      it("has PROCESS, OUTCOME and ABOUT_YOU questions, and asks who completed the form", () => {
        for (const kind of QUESTION_KINDS)
          expect(
            def.questions.some((q) => q.kind === kind),
            kind,
          ).toBe(true);
        const asked = def.questions.find((q) => q.theme === "completed_by");
        expect(asked, "a question on the theme completed_by").toBeDefined();
        const opts = scaleOf(def, asked!.code)!.options.map((o) => o.code);
        expect(opts).toEqual(def.code === "CYP_EHCP" && def.version === 1 ? ["self", "with_help"] : ["self", "with_help", "on_behalf"]);
      });

      it("gives every question a short wording, unique within the set", () => {
        for (const q of def.questions) {
          expect(q.shortText.trim().length, q.code).toBeGreaterThan(0);
          expect(q.shortText, q.code).toBe(q.shortText.trim());
          expect(q.shortText.length, `${q.code}: ${q.shortText}`).toBeLessThanOrEqual(60);
          expect(q.shortText.endsWith("?"), `${q.code}: ${q.shortText}`).toBe(false);
        }
        const shortTexts = def.questions.map((q) => q.shortText.toLowerCase());
        expect(new Set(shortTexts).size).toBe(shortTexts.length);
      });

      it("uses a theme at most once, so triangulation is unambiguous", () => {
        const themes = def.questions.map((q) => q.theme).filter((t): t is string => t !== null);
        expect(new Set(themes).size).toBe(themes.length);
      });
    });
  }

  it("keeps versions consistent: each later question says whether it pools with the version before", () => {
    expect(versionProblems(QUESTION_SET_DEFINITIONS)).toEqual([]);
  });

  it("shares every non-null theme between at least two instruments", () => {
    const users = new Map<string, Set<string>>();
    for (const def of QUESTION_SET_DEFINITIONS) for (const q of def.questions) if (q.theme) users.set(q.theme, (users.get(q.theme) ?? new Set()).add(def.code));
    for (const [theme, sets] of users) expect(sets.size, theme).toBeGreaterThanOrEqual(2);
  });

  it("lets child, parent and practitioner views be triangulated on several themes", () => {
    const themes = (code: string) =>
      new Set(
        findDefinition(code)!
          .questions.filter((q) => q.kind !== "ABOUT_YOU")
          .map((q) => q.theme)
          .filter(Boolean),
      );
    const cyp = themes("CYP_EHCP");
    const parent = themes("PARENT_EHCP");
    const practitioner = themes("PRACTITIONER_EHCP");
    const common = [...cyp].filter((t) => parent.has(t) && practitioner.has(t));
    expect(common.length).toBeGreaterThanOrEqual(3);
    for (const t of ["being_heard", "information", "timely_support", "preparing_for_the_future", "child_at_centre"]) expect(common).toContain(t);
  });

  it("has a question for every published national figure, with the published band", () => {
    expect(published.length).toBeGreaterThan(20);
    for (const row of published) {
      const def = findDefinition(row.instrument!, 1);
      expect(def, row.instrument).toBeDefined();
      const scale = scaleOf(def!, row.theme!);
      expect(scale, `${row.instrument}.${row.theme}`).toBeDefined();
      const band: Band = /poor|never/.test(row.measure!) ? "NEGATIVE" : "POSITIVE";
      expect(bandOptions(scale!, band), `${row.instrument}.${row.theme} ${row.measure}`).toEqual(measureOptions(row.measure!));
    }
  });

  it("covers the circumstances results are broken down by (version 1)", () => {
    const about = (code: string) =>
      new Set(
        findDefinition(code, 1)!
          .questions.filter((q) => q.kind === "ABOUT_YOU")
          .map((q) => q.code),
      );
    for (const code of QUESTION_SET_CODES) expect(about(code).has("completed_by"), code).toBe(true);
    for (const code of ["ADULT_PB", "CARER", "PHB", "CYP_EHCP", "PARENT_EHCP"])
      for (const q of ["gender", "age_band", "type_of_need"]) expect(about(code).has(q), `${code}.${q}`).toBe(true);
    for (const code of ["ADULT_PB", "PHB"])
      for (const q of ["budget_management", "support_type", "budget_duration"]) expect(about(code).has(q), `${code}.${q}`).toBe(true);
    for (const code of ["CYP_EHCP", "PARENT_EHCP", "PRACTITIONER_EHCP"]) expect(about(code).has("school_phase")).toBe(true);
    expect(about("PARENT_EHCP").has("setting")).toBe(true);
    expect(about("PARENT_EHCP").has("statement_converted")).toBe(true);
    for (const q of ["role", "setting", "type_of_need"]) expect(about("PRACTITIONER_EHCP").has(q)).toBe(true);

    const codes = (set: string, q: string) => scaleOf(findDefinition(set, 1)!, q)!.options.map((o) => o.code);
    expect(codes("ADULT_PB", "budget_management")).toEqual([
      "direct_payment",
      "direct_payment_family",
      "individual_service_fund",
      "council_managed",
      "broker",
      "dont_know",
    ]);
    expect(codes("PHB", "budget_management")).toContain("nhs_managed");
    expect(codes("PHB", "budget_management")).not.toContain("council_managed");
    expect(codes("PARENT_EHCP", "school_phase")).toEqual(["pre_school", "primary", "secondary", "post_16", "dont_know"]);
  });

  it("asks the process questions and outcomes the seeds describe (version 1)", () => {
    const has = (set: string, codes: string[]) => {
      const def = findDefinition(set, 1)!;
      for (const c of codes)
        expect(
          def.questions.find((q) => q.code === c),
          `${set}.${c}`,
        ).toBeDefined();
    };
    const planning = [
      "help_to_plan",
      "who_helped_plan",
      "views_included_in_plan",
      "knew_budget_amount",
      "could_decide_spending",
      "ease_getting_budget",
      "ease_managing_budget",
    ];
    has("ADULT_PB", [...planning, "copy_of_support_plan", "quality_of_life", "independence", "paid_work", "volunteering"]);
    has("PHB", [...planning, "physical_health", "mental_wellbeing", "managing_condition", "avoiding_hospital"]);
    has("CARER", [
      "carer_views_included",
      "information_and_advice",
      "physical_health",
      "mental_wellbeing",
      "continue_caring",
      "carer_quality_of_life",
      "cared_for_quality_of_life",
      "day_to_day_stress",
      "control_over_life",
      "relationship_with_cared_for",
    ]);
    has("PARENT_EHCP", ["parent_views_included", "child_views_included", "impact_on_parents"]);
    has("PRACTITIONER_EHCP", ["process_gone_well", "quality_of_life"]);
    // The fourteen adult outcome areas.
    expect(findDefinition("ADULT_PB", 1)!.questions.filter((q) => q.kind === "OUTCOME").length).toBeGreaterThanOrEqual(14);
  });

  it("holds in version 2 what councils really send", () => {
    const v2 = (set: string) => findDefinition(set, 2)!;
    const question = (set: string, code: string) => {
      const found = v2(set).questions.find((q) => q.code === code);
      expect(found, `${set} v2 ${code}`).toBeDefined();
      return { ...found!, scale: scaleOf(v2(set), code)! };
    };
    const options = (set: string, code: string) => question(set, code).scale.options.map((o) => o.code);
    // Adults (the 2017 revision): views on four points, two new outcomes, multi-tick budget use and who helped.
    expect(options("ADULT_PB", "views_included_extent").slice(0, 4)).toEqual(["not_at_all", "partly", "mostly", "fully"]);
    for (const code of ["everyday_activities", "community"]) expect(question("ADULT_PB", code).kind).toBe("OUTCOME");
    expect(question("ADULT_PB", "community").theme).toBe("community");
    expect(options("ADULT_PB", "budget_management_type")).toEqual(expect.arrayContaining(["mixture", "no_personal_budget"]));
    for (const code of ["budget_uses", "who_helped"]) expect(question("ADULT_PB", code).scale.multiple, code).toBe(true);
    expect(question("ADULT_PB", "quality_of_life").text).toMatch(/your support/);
    expect(question("ADULT_PB", "quality_of_life").comparable).toBe(false);
    // Personal health budgets.
    for (const code of ["friendships", "relationships_with_paid_supporters", "dignity_in_support", "where_you_live", "volunteering", "general_health"])
      question("PHB", code);
    expect(question("PHB", "budget_uses").scale.multiple).toBe(true);
    expect(options("PHB", "age_group")).toContain("under_18");
    expect(options("PHB", "budget_management_type")).toContain("notional");
    // Carers.
    expect(options("CARER", "carer_relationship")).toContain("other");
    expect(options("CARER", "age_group")).toContain("under_18");
    question("CARER", "carer_disability");
    // Children, parents, practitioners: the three views of the community outcome triangulate.
    for (const set of ["CYP_EHCP", "PARENT_EHCP", "PRACTITIONER_EHCP"]) {
      expect(
        v2(set).questions.some((q) => q.theme === "community" && q.kind === "OUTCOME"),
        set,
      ).toBe(true);
      expect(options(set, "primary_need")).toEqual(
        expect.arrayContaining(["spld", "mld", "sld", "pmld", "semh", "slcn", "hi", "vi", "msi", "pd", "asd", "oth"]),
      );
    }
    expect(options("CYP_EHCP", "who_filled_in")).toContain("on_behalf");
    for (const code of ["ethnicity", "personal_budget", "sen_provision"]) question("CYP_EHCP", code);
    for (const code of ["quality_of_support", "personal_budget", "budget_management", "plan_stage", "ethnicity", "sen_provision"])
      question("PARENT_EHCP", code);
    expect(options("PARENT_EHCP", "education_setting")).toEqual(expect.arrayContaining(["home_education", "not_in_education"]));
    expect(options("PRACTITIONER_EHCP", "work_setting")).toEqual(expect.arrayContaining(["local_authority", "other"]));
    expect(options("PRACTITIONER_EHCP", "practitioner_role")).toEqual(expect.arrayContaining(["senco", "educational_psychologist", "other"]));
    // "Not applicable" leaves the denominator wherever a respondent can lack the experience.
    expect(question("PARENT_EHCP", "preparing_for_the_future").scale.options.find((o) => o.code === "not_applicable")?.band).toBe("EXCLUDED");
  });

  it("gives every set its own scale objects", () => {
    const seen = new Set<ScaleDefinition>();
    for (const def of QUESTION_SET_DEFINITIONS)
      for (const s of def.scales) {
        expect(seen.has(s), `${def.code}.${s.code} shared by reference`).toBe(false);
        seen.add(s);
      }
  });
});
