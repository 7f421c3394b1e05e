import { describe, expect, it } from "vitest";
import { referenceAreas } from "../area/reference.ts";
import { findDefinition, QUESTION_SET_DEFINITIONS } from "../questionset/definitions/index.ts";
import type { Band } from "../questionset/types.ts";
import { DEMO_COUNTS, type DemoResponse, generateDemoInstrument, generateDemoResponses } from "./generate.ts";
import publishedFigures from "./published-figures.ts";

const published = publishedFigures;
const responses = [...generateDemoResponses()];
const bySet = new Map<string, DemoResponse[]>();
for (const r of responses) bySet.get(r.questionSet)?.push(r) ?? bySet.set(r.questionSet, [r]);
const of = (set: string) => bySet.get(set) ?? [];

const bandCache = new Map<string, Band | null>();
/** The band of `option` on question `q` of `set` (version 1). */
function band(set: string, q: string, option: string): Band | null {
  const key = `${set}.${q}.${option}`;
  if (!bandCache.has(key)) {
    const def = findDefinition(set, 1)!;
    const question = def.questions.find((x) => x.code === q)!;
    const scale = def.scales.find((s) => s.code === question.scale)!;
    bandCache.set(key, scale.options.find((o) => o.code === option)!.band);
  }
  return bandCache.get(key)!;
}

/** Share (0..1) of answers to `q` in `target` band, among answers not EXCLUDED. */
function share(rs: DemoResponse[], set: string, q: string, target: Band = "POSITIVE") {
  let n = 0;
  let d = 0;
  for (const r of rs) {
    const a = r.answers[q];
    if (a === undefined) continue;
    const b = band(set, q, a);
    if (b === "EXCLUDED") continue;
    d++;
    if (b === target) n++;
  }
  return { n, d, p: n / d };
}
const positive = (set: string, q: string, where: (r: DemoResponse) => boolean) => share(of(set).filter(where), set, q).p;
const answered =
  (q: string, ...options: string[]) =>
  (r: DemoResponse) =>
    options.includes(r.answers[q] ?? "");
const inBand = (set: string, q: string, b: Band) => (r: DemoResponse) => r.answers[q] !== undefined && band(set, q, r.answers[q]!) === b;

/** Relative risk of a POSITIVE outcome, process POSITIVE vs process NEGATIVE. */
const relativeRisk = (set: string, processQ: string, outcomeQ: string) =>
  positive(set, outcomeQ, inBand(set, processQ, "POSITIVE")) / positive(set, outcomeQ, inBand(set, processQ, "NEGATIVE"));

/** Financial year a date falls in, by its starting calendar year (April–March). */
const financialYear = (iso: string) => Number(iso.slice(0, 4)) - (Number(iso.slice(5, 7)) < 4 ? 1 : 0);

describe("demo data: published national figures", () => {
  it("reproduces every published national figure to the whole percent", () => {
    expect(published.length).toBeGreaterThan(20);
    for (const row of published) {
      const target: Band = /poor|never/.test(row.measure!) ? "NEGATIVE" : "POSITIVE";
      const { n, d } = share(of(row.instrument!), row.instrument!, row.theme!, target);
      const percent = (100 * n) / d;
      expect(Math.round(percent), `${row.instrument} ${row.theme} ${row.measure}`).toBe(Number(row.percent));
      // Clear of a rounding boundary, so a different rounding rule gives the same figure.
      expect(Math.abs(percent - Number(row.percent)), `${row.instrument} ${row.theme}`).toBeLessThan(0.3);
    }
  });

  it("has exactly the published number of respondents, and realistic carer and PHB samples", () => {
    expect(of("CYP_EHCP").length).toBe(906);
    expect(of("PARENT_EHCP").length).toBe(1879);
    expect(of("PRACTITIONER_EHCP").length).toBe(2989);
    expect(of("ADULT_PB").length).toBe(2254);
    expect(of("CARER").length).toBeGreaterThan(1000);
    expect(of("CARER").length).toBeLessThan(1200);
    expect(of("PHB").length).toBeGreaterThan(500);
    expect(of("PHB").length).toBeLessThan(700);
    for (const [code, n] of Object.entries(DEMO_COUNTS)) expect(of(code).length, code).toBe(n);
    for (const row of published) expect(of(row.instrument!).length).toBe(Number(row.respondents));
  });

  it("reproduces the published figures with another seed and at another scale too", () => {
    for (const options of [{ seed: 7 }, { scale: 2 }]) {
      const cache = new Map<string, DemoResponse[]>();
      for (const row of published) {
        const rs = cache.get(row.instrument!) ?? [...generateDemoInstrument(row.instrument as "CYP_EHCP", options)];
        cache.set(row.instrument!, rs);
        const target: Band = /poor|never/.test(row.measure!) ? "NEGATIVE" : "POSITIVE";
        const { n, d } = share(rs, row.instrument!, row.theme!, target);
        expect(Math.round((100 * n) / d), `${JSON.stringify(options)} ${row.instrument} ${row.theme}`).toBe(Number(row.percent));
      }
      expect(cache.get("PARENT_EHCP")!.length).toBe(Math.round(1879 * (options.scale ?? 1)));
    }
  });
});

describe("demo data: shape", () => {
  const areas = new Map(referenceAreas().map((a) => [a.code, a]));

  it("is deterministic", () => {
    const again = [...generateDemoResponses()];
    expect(again.length).toBe(responses.length);
    expect(JSON.stringify(again)).toBe(JSON.stringify(responses));
    const other = [...generateDemoInstrument("CYP_EHCP", { seed: 7 })];
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(of("CYP_EHCP")));
  });

  it("spreads over at least 85 member councils in all nine regions, and ICBs for PHB", () => {
    const councils = new Set<string>();
    for (const r of responses) {
      const area = areas.get(r.areaCode);
      expect(area, r.areaCode).toBeDefined();
      expect(area!.type, r.externalRef).toBe(r.questionSet === "PHB" ? "ICB" : "LOCAL_AUTHORITY");
      if (area!.type === "LOCAL_AUTHORITY") councils.add(r.areaCode);
    }
    expect(councils.size).toBeGreaterThanOrEqual(85);
    expect(councils.size).toBeLessThan(153);
    expect(new Set([...councils].map((c) => areas.get(c)!.parentCode)).size).toBe(9);
    for (const set of ["ADULT_PB", "PARENT_EHCP", "PRACTITIONER_EHCP", "CYP_EHCP"])
      expect(new Set(of(set).map((r) => r.areaCode)).size, set).toBeGreaterThanOrEqual(50);
    expect(new Set(of("PHB").map((r) => r.areaCode)).size).toBeGreaterThanOrEqual(15);
  });

  it("shows real differences between areas", () => {
    const byArea = new Map<string, DemoResponse[]>();
    for (const r of of("PRACTITIONER_EHCP")) byArea.get(r.areaCode)?.push(r) ?? byArea.set(r.areaCode, [r]);
    const shares = [...byArea.values()].filter((rs) => rs.length >= 40).map((rs) => share(rs, "PRACTITIONER_EHCP", "timely_response").p);
    expect(shares.length).toBeGreaterThan(15);
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.2);
  });

  it("covers four financial years, 2022-23 to 2025-26, with valid dates", () => {
    const years = new Map<number, number>();
    for (const r of responses) {
      expect(r.collectedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${r.collectedOn}T00:00:00Z`).toISOString().slice(0, 10)).toBe(r.collectedOn);
      years.set(financialYear(r.collectedOn), (years.get(financialYear(r.collectedOn)) ?? 0) + 1);
    }
    expect([...years.keys()].sort()).toEqual([2022, 2023, 2024, 2025]);
    for (const n of years.values()) expect(n).toBeGreaterThan(responses.length / 8);
  });

  it("has unique references, consistent completedBy, valid answers and synthetic comments", () => {
    const refs = new Set<string>();
    const completed = { self: "SELF", with_help: "WITH_HELP", on_behalf: "ON_BEHALF" } as Record<string, string>;
    let comments = 0;
    const problems: string[] = [];
    const valid = new Set<string>();
    for (const def of QUESTION_SET_DEFINITIONS)
      for (const q of def.questions) for (const o of def.scales.find((s) => s.code === q.scale)!.options) valid.add(`${def.code}.${q.code}=${o.code}`);
    for (const r of responses) {
      if (!r.externalRef.startsWith(`DEMO-${r.questionSet}-${r.areaCode}-`)) problems.push(`ref ${r.externalRef}`);
      refs.add(`${r.questionSet}|${r.areaCode}|${r.externalRef}`);
      if (r.version !== 1) problems.push(`version ${r.externalRef}`);
      if (!["ONLINE", "PAPER", "REVIEW"].includes(r.collectionMode)) problems.push(`mode ${r.externalRef}`);
      if (r.completedBy !== completed[r.answers.completed_by ?? ""]) problems.push(`completedBy ${r.externalRef}`);
      for (const [q, option] of Object.entries(r.answers)) if (!valid.has(`${r.questionSet}.${q}=${option}`)) problems.push(`${r.externalRef}: ${q}=${option}`);
      if (r.comment !== null) {
        comments++;
        if (!r.comment.startsWith("[Synthetic demo comment]")) problems.push(`comment ${r.externalRef}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(refs.size).toBe(responses.length);
    expect(of("CYP_EHCP").some((r) => r.completedBy === "ON_BEHALF")).toBe(false);
    expect(comments / responses.length).toBeGreaterThan(0.03);
    expect(comments / responses.length).toBeLessThan(0.15);
    // Some questions are left unanswered, and some answers are outside the denominator.
    expect(of("ADULT_PB").filter((r) => r.answers.quality_of_life === undefined).length).toBeGreaterThan(0);
    expect(of("ADULT_PB").filter((r) => r.answers.paid_work === "not_applicable").length).toBeGreaterThan(500);
  });

  it("keeps answers consistent with each other", () => {
    for (const r of of("ADULT_PB"))
      if (r.answers.help_to_plan === "no" && r.answers.who_helped_plan) expect(["nobody", "family_friends", "dont_know"]).toContain(r.answers.who_helped_plan);
    for (const r of of("PARENT_EHCP")) {
      if (r.answers.age_band === "age_0_4") expect(r.answers.statement_converted).not.toBe("yes");
      if (r.answers.school_phase === "pre_school") expect(["age_0_4", "age_5_10", "prefer_not_to_say", undefined]).toContain(r.answers.age_band);
    }
  });
});

describe("demo data: the patterns the seeds describe", () => {
  it("ADULT_PB: an easy process ≈ 3× as likely to go with a better quality of life as a hard one", () => {
    // RR = P(quality_of_life better or a lot better | easy or very easy) / P(… | hard or very hard)
    for (const q of ["ease_getting_budget", "ease_managing_budget"]) {
      const rr = relativeRisk("ADULT_PB", q, "quality_of_life");
      expect(rr, q).toBeGreaterThan(2.5);
      expect(rr, q).toBeLessThan(3.5);
    }
  });

  it("ADULT_PB: views included ≈ 2× as likely; knowing the amount, deciding the spending and help to plan all go with better outcomes", () => {
    const rr = relativeRisk("ADULT_PB", "views_included_in_plan", "quality_of_life");
    expect(rr).toBeGreaterThan(1.6);
    expect(rr).toBeLessThan(2.5);
    for (const q of ["knew_budget_amount", "could_decide_spending", "help_to_plan"]) {
      expect(relativeRisk("ADULT_PB", q, "quality_of_life"), q).toBeGreaterThan(1.3);
      expect(relativeRisk("ADULT_PB", q, "control_over_support"), q).toBeGreaterThan(1.3);
    }
  });

  it("ADULT_PB: direct payments more positive than council-managed or unknown; PA and community more than home care", () => {
    for (const q of ["quality_of_life", "control_over_support"]) {
      const dp = positive("ADULT_PB", q, answered("budget_management", "direct_payment"));
      expect(dp - positive("ADULT_PB", q, answered("budget_management", "council_managed")), q).toBeGreaterThan(0.08);
      expect(dp - positive("ADULT_PB", q, answered("budget_management", "dont_know")), q).toBeGreaterThan(0.1);
      const pa = positive("ADULT_PB", q, answered("support_type", "personal_assistant", "community_activities"));
      expect(pa - positive("ADULT_PB", q, answered("support_type", "home_care")), q).toBeGreaterThan(0.08);
    }
  });

  it("ADULT_PB: learning disabilities more positive, older people less positive on impact, few gender differences", () => {
    const all = share(of("ADULT_PB"), "ADULT_PB", "quality_of_life").p;
    expect(positive("ADULT_PB", "quality_of_life", answered("type_of_need", "learning_disability")) - all).toBeGreaterThan(0.05);
    const older = positive("ADULT_PB", "quality_of_life", answered("age_band", "age_65_74", "age_75_84", "age_85_plus"));
    const younger = positive("ADULT_PB", "quality_of_life", answered("age_band", "age_18_24", "age_25_44", "age_45_64"));
    expect(younger - older).toBeGreaterThan(0.08);
    for (const q of ["quality_of_life", "control_over_support", "information_and_advice"]) {
      const gap = positive("ADULT_PB", q, answered("gender", "female")) - positive("ADULT_PB", q, answered("gender", "male"));
      expect(Math.abs(gap), q).toBeLessThan(0.05);
    }
  });

  const CYP_RATINGS = ["dignity", "level_of_support", "looking_forward", "being_heard", "information", "choice_about_support"];
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it("CYP_EHCP: answering by themselves, and physical needs, more positive; SEMH less", () => {
    const self = mean(CYP_RATINGS.map((q) => positive("CYP_EHCP", q, answered("completed_by", "self"))));
    const helped = mean(CYP_RATINGS.map((q) => positive("CYP_EHCP", q, answered("completed_by", "with_help"))));
    expect(self - helped).toBeGreaterThan(0.04);
    const physical = mean(CYP_RATINGS.map((q) => positive("CYP_EHCP", q, answered("type_of_need", "sensory_physical"))));
    const semh = mean(CYP_RATINGS.map((q) => positive("CYP_EHCP", q, answered("type_of_need", "semh"))));
    const all = mean(CYP_RATINGS.map((q) => share(of("CYP_EHCP"), "CYP_EHCP", q).p));
    expect(physical - all).toBeGreaterThan(0.04);
    expect(all - semh).toBeGreaterThan(0.04);
  });

  it("PARENT_EHCP: pre-school and primary more positive than secondary; converted statements less positive for parents; views included matter", () => {
    const young = positive("PARENT_EHCP", "process_overall", answered("school_phase", "pre_school", "primary"));
    expect(young - positive("PARENT_EHCP", "process_overall", answered("school_phase", "secondary"))).toBeGreaterThan(0.05);
    const converted = positive("PARENT_EHCP", "impact_on_parents", answered("statement_converted", "yes"));
    expect(positive("PARENT_EHCP", "impact_on_parents", answered("statement_converted", "no")) - converted).toBeGreaterThan(0.1);
    expect(relativeRisk("PARENT_EHCP", "parent_views_included", "quality_of_life")).toBeGreaterThan(1.8);
    expect(relativeRisk("PARENT_EHCP", "child_views_included", "impact_on_parents")).toBeGreaterThan(1.5);
  });

  it("PRACTITIONER_EHCP: mainstream more positive; secondary and post-16 less; SEN specialists less positive about colleagues", () => {
    const q = "process_gone_well";
    expect(
      positive("PRACTITIONER_EHCP", q, answered("setting", "mainstream")) - positive("PRACTITIONER_EHCP", q, answered("setting", "special")),
    ).toBeGreaterThan(0.04);
    const primary = positive("PRACTITIONER_EHCP", q, answered("school_phase", "primary"));
    expect(primary - positive("PRACTITIONER_EHCP", q, answered("school_phase", "secondary", "post_16"))).toBeGreaterThan(0.08);
    const qol = (where: (r: DemoResponse) => boolean) => positive("PRACTITIONER_EHCP", "quality_of_life", where);
    expect(qol(answered("school_phase", "primary")) - qol(answered("school_phase", "post_16"))).toBeGreaterThan(0.05);
    const colleagues = (where: (r: DemoResponse) => boolean) => positive("PRACTITIONER_EHCP", "partnership_with_colleagues", where);
    expect(colleagues(answered("role", "health", "social_care")) - colleagues(answered("role", "sen_specialist"))).toBeGreaterThan(0.08);
    expect(colleagues(answered("setting", "community")) - colleagues(answered("setting", "mainstream", "special"))).toBeGreaterThan(0.04);
    // "Massively associated": a process that went well, several times as likely to improve lives.
    expect(relativeRisk("PRACTITIONER_EHCP", q, "quality_of_life")).toBeGreaterThan(2.5);
  });

  it("CARER and PHB: more than two thirds of carers report things better on remaining well and caring; process goes with outcomes", () => {
    for (const q of ["mental_wellbeing", "continue_caring", "carer_quality_of_life", "cared_for_quality_of_life"])
      expect(share(of("CARER"), "CARER", q).p, q).toBeGreaterThan(0.64);
    expect(relativeRisk("CARER", "carer_views_included", "carer_quality_of_life")).toBeGreaterThan(1.5);
    expect(relativeRisk("PHB", "ease_getting_budget", "quality_of_life")).toBeGreaterThan(1.5);
  });
});
