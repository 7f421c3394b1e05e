import { describe, expect, it } from "vitest";
import { referenceAreas } from "../area/reference.ts";
import { findDefinition, QUESTION_SET_DEFINITIONS } from "../questionset/definitions/index.ts";
import type { Band } from "../questionset/types.ts";
import { DEMO_COUNTS, type DemoResponse, demoResponseCount, generateDemoInstrument, generateDemoResponses } from "./generate.ts";
import publishedFigures from "./published-figures.ts";

const published = publishedFigures;
const responses = [...generateDemoResponses()];
const bySet = new Map<string, DemoResponse[]>();
const bySetV2 = new Map<string, DemoResponse[]>();
for (const r of responses) {
  const sets = r.version === 1 ? bySet : bySetV2;
  sets.get(r.questionSet)?.push(r) ?? sets.set(r.questionSet, [r]);
}
/** An instrument's version-1 responses (the published figures and the patterns are checked on these). */
const of = (set: string) => bySet.get(set) ?? [];
const ofV2 = (set: string) => bySetV2.get(set) ?? [];

const bandCache = new Map<string, Band | null>();
/** The band of `option` on question `q` of `set` (version 1, or the version given). */
function band(set: string, q: string, option: string, version = 1): Band | null {
  const key = `${set}@${version}.${q}.${option}`;
  if (!bandCache.has(key)) {
    const def = findDefinition(set, version)!;
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
    const b = band(set, q, a, r.version);
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
const inBand = (set: string, q: string, b: Band) => (r: DemoResponse) => r.answers[q] !== undefined && band(set, q, r.answers[q]!, r.version) === b;

/** Relative risk of a POSITIVE outcome, process POSITIVE vs process NEGATIVE (among `rs`, version 1's by default). */
const relativeRisk = (set: string, processQ: string, outcomeQ: string, rs = of(set)) =>
  share(rs.filter(inBand(set, processQ, "POSITIVE")), set, outcomeQ).p / share(rs.filter(inBand(set, processQ, "NEGATIVE")), set, outcomeQ).p;

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
    for (const [code, n] of Object.entries(DEMO_COUNTS)) {
      expect(of(code).length, code).toBe(n[1]);
      expect(ofV2(code).length, code).toBe(n[2]);
    }
    for (const row of published) expect(of(row.instrument!).length).toBe(Number(row.respondents));
    expect(demoResponseCount()).toBe(responses.length);
    expect(demoResponseCount({ scale: 73 })).toBe(Object.values(DEMO_COUNTS).reduce((n, c) => n + Math.round(73 * c[1]!) + Math.round(73 * c[2]!), 0));
  });

  it("reproduces the published figures with another seed and at another scale too", () => {
    for (const options of [{ seed: 7 }, { scale: 2 }]) {
      const cache = new Map<string, DemoResponse[]>();
      for (const row of published) {
        const rs = cache.get(row.instrument!) ?? [...generateDemoInstrument(row.instrument as "CYP_EHCP", options)].filter((r) => r.version === 1);
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

  it("is concentrated, as POET's membership was: a few members at scale send most of an instrument's responses, the rest a handful", () => {
    for (const set of Object.keys(DEMO_COUNTS)) {
      const byArea = new Map<string, number>();
      for (const r of responses) if (r.questionSet === set) byArea.set(r.areaCode, (byArea.get(r.areaCode) ?? 0) + 1);
      const counts = [...byArea.values()].sort((a, b) => a - b);
      const large = counts.filter((n) => n > 110);
      const total = counts.reduce((a, b) => a + b, 0);
      expect(large.length, set).toBeGreaterThanOrEqual(4);
      expect(large.length / counts.length, set).toBeLessThan(0.4);
      expect(large.reduce((a, b) => a + b, 0) / total, set).toBeGreaterThan(0.7);
      expect(counts[counts.length >> 1], set).toBeLessThan(30);
    }
  });

  it("shows real differences between areas", () => {
    const byArea = new Map<string, DemoResponse[]>();
    for (const r of of("PRACTITIONER_EHCP")) byArea.get(r.areaCode)?.push(r) ?? byArea.set(r.areaCode, [r]);
    const shares = [...byArea.values()].filter((rs) => rs.length >= 40).map((rs) => share(rs, "PRACTITIONER_EHCP", "timely_response").p);
    expect(shares.length).toBeGreaterThan(15);
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.2);
  });

  it("answers version 1 up to 2024-25 and version 2 in 2025-26", () => {
    for (const r of responses) expect(financialYear(r.collectedOn) >= 2025 ? 2 : 1, r.externalRef).toBe(r.version);
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
    let comments = 0;
    const problems: string[] = [];
    const valid = new Set<string>();
    const multiple = new Set<string>();
    const completedByCode = new Map<string, string>();
    for (const def of QUESTION_SET_DEFINITIONS)
      for (const q of def.questions) {
        const scale = def.scales.find((s) => s.code === q.scale)!;
        for (const o of scale.options) valid.add(`${def.code}@${def.version}.${q.code}=${o.code}`);
        if (scale.multiple) multiple.add(`${def.code}@${def.version}.${q.code}`);
        if (q.theme === "completed_by") completedByCode.set(`${def.code}@${def.version}`, q.code);
      }
    for (const r of responses) {
      const v = `${r.questionSet}@${r.version}`;
      const prefix = r.version === 1 ? `DEMO-${r.questionSet}-${r.areaCode}-` : `DEMO-${r.questionSet}-V${r.version}-${r.areaCode}-`;
      if (!r.externalRef.startsWith(prefix)) problems.push(`ref ${r.externalRef}`);
      refs.add(`${r.questionSet}|${r.areaCode}|${r.externalRef}`);
      if (![1, 2].includes(r.version)) problems.push(`version ${r.externalRef}`);
      if (!["ONLINE", "PAPER", "REVIEW", ...(r.version > 1 ? ["TELEPHONE"] : [])].includes(r.collectionMode)) problems.push(`mode ${r.externalRef}`);
      const by = r.answers[completedByCode.get(v)!];
      if (r.completedBy !== (by === undefined ? "UNKNOWN" : by.toUpperCase())) problems.push(`completedBy ${r.externalRef}`);
      for (const [q, option] of Object.entries(r.answers)) {
        if (!valid.has(`${v}.${q}=${option}`)) problems.push(`${r.externalRef}: ${q}=${option}`);
        if (multiple.has(`${v}.${q}`)) problems.push(`${r.externalRef}: ${q} is multi-tick`);
      }
      for (const [q, options] of Object.entries(r.ticks ?? {})) {
        if (!multiple.has(`${v}.${q}`) || options.length === 0) problems.push(`${r.externalRef}: ticks ${q}`);
        for (const option of options) if (!valid.has(`${v}.${q}=${option}`)) problems.push(`${r.externalRef}: ${q}=${option}`);
      }
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

describe("demo data: version 2", () => {
  const v2 = responses.filter((r) => r.version === 2);

  it("ticks several options on multi-tick questions, nobody alone", () => {
    const adults = ofV2("ADULT_PB");
    const several = (q: string) => adults.filter((r) => (r.ticks?.[q]?.length ?? 0) > 1).length;
    expect(several("budget_uses")).toBeGreaterThan(adults.length / 4);
    expect(several("who_helped")).toBeGreaterThan(adults.length / 5);
    for (const r of adults) if (r.ticks?.who_helped?.includes("nobody")) expect(r.ticks.who_helped).toEqual(["nobody"]);
    // Shares of ticks add up to more than 100% of those who answered.
    const answered = adults.filter((r) => r.ticks?.budget_uses);
    const ticks = answered.reduce((n, r) => n + r.ticks!.budget_uses!.length, 0);
    expect(ticks / answered.length).toBeGreaterThan(1.3);
    expect(ofV2("PHB").filter((r) => r.ticks?.budget_uses).length).toBeGreaterThan(ofV2("PHB").length / 2);
  });

  it("answers not applicable where the respondent lacks the experience asked about", () => {
    const adults = ofV2("ADULT_PB");
    const noBudget = adults.filter((r) => r.answers.budget_management_type === "no_personal_budget");
    expect(noBudget.length).toBeGreaterThan(20);
    const na = (rs: DemoResponse[], q: string) => rs.filter((r) => r.answers[q] === "not_applicable").length / rs.length;
    expect(na(noBudget, "knew_budget_amount")).toBeGreaterThan(0.7);
    expect(
      na(
        adults.filter((r) => r.answers.budget_management_type === "direct_payment"),
        "knew_budget_amount",
      ),
    ).toBeLessThan(0.05);
    expect(
      na(
        adults.filter((r) => r.answers.budget_management_type === "council_managed"),
        "ease_managing_budget",
      ),
    ).toBeGreaterThan(0.2);
    const youngest = ofV2("PARENT_EHCP").filter((r) => r.answers.age_band === "age_0_4");
    expect(na(youngest, "preparing_for_the_future")).toBeGreaterThan(0.4);
    // Not applicable leaves the denominator: the share of those who could answer.
    const { d } = share(adults, "ADULT_PB", "knew_budget_amount");
    expect(d).toBe(adults.filter((r) => ["yes", "no"].includes(r.answers.knew_budget_amount ?? "")).length);
  });

  it("collects some by telephone, and says UNKNOWN when the form does not say who filled it in", () => {
    expect(v2.filter((r) => r.collectionMode === "TELEPHONE").length / v2.length).toBeGreaterThan(0.03);
    expect(v2.filter((r) => r.completedBy === "UNKNOWN").length / v2.length).toBeGreaterThan(0.01);
    expect(responses.filter((r) => r.version === 1 && (r.collectionMode === "TELEPHONE" || r.completedBy === "UNKNOWN"))).toEqual([]);
  });

  it("uses the DfE primary-need codes and the new categories", () => {
    const needs = new Set(ofV2("PARENT_EHCP").map((r) => r.answers.primary_need));
    for (const code of ["asd", "slcn", "semh", "mld", "sld", "pd", "hi"]) expect(needs, code).toContain(code);
    const roles = new Set(ofV2("PRACTITIONER_EHCP").map((r) => r.answers.practitioner_role));
    for (const code of ["senco", "sen_caseworker", "educational_psychologist", "other_sen_specialist"]) expect(roles, code).toContain(code);
    expect(ofV2("PHB").some((r) => r.answers.age_group === "under_18")).toBe(true);
    expect(ofV2("CARER").some((r) => r.answers.carer_relationship === "other")).toBe(true);
    expect(ofV2("CARER").some((r) => r.answers.carer_disability === "yes_limited_a_lot")).toBe(true);
  });

  it("keeps version 1's patterns", () => {
    const rr = relativeRisk("ADULT_PB", "ease_getting_budget", "quality_of_life", ofV2("ADULT_PB"));
    expect(rr).toBeGreaterThan(2);
    expect(rr).toBeLessThan(4);
    const q = "process_gone_well";
    const practitioners = ofV2("PRACTITIONER_EHCP");
    const positiveIn = (where: (r: DemoResponse) => boolean) => share(practitioners.filter(where), "PRACTITIONER_EHCP", q).p;
    expect(positiveIn(answered("work_setting", "mainstream")) - positiveIn(answered("work_setting", "special"))).toBeGreaterThan(0.04);
    const cyp = ofV2("CYP_EHCP");
    const rating = (where: (r: DemoResponse) => boolean) => share(cyp.filter(where), "CYP_EHCP", "dignity").p;
    expect(rating(answered("primary_need", "hi", "vi", "msi", "pd")) - rating(answered("primary_need", "semh"))).toBeGreaterThan(0.05);
  });
});
