import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../db/types.ts";
import { createApiKey } from "../organisation/index.ts";
import { financialYearLabel, financialYearOf, submitResponses, withdrawResponses } from "../response/index.ts";
import type { ResponseInput } from "../response/validation.ts";
import { useDemoApi } from "../testing/fixtures.ts";
import { systemScope, testCredential } from "../testing/keys.ts";
import { cutRelease, releaseList } from "./index.ts";

/*
 * The attacks of issue 24 that write: a response (or five) between two releases, a member's own
 * writes and withdrawals between and across releases, its writes pushing a hidden cell over the
 * threshold, and live figures being the owner's alone. Measured on the demo data through the real
 * server, on every driver; each prints what it measured (docs/disclosure-control.md quotes it).
 */
const demo = useDemoApi({ writes: true });
const ENGLAND = "E92000001";
const measured: Record<string, unknown>[] = [];

/** A fixed sequence of pseudo-random numbers in [0, 1): trials are the same on every run. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

interface Demo {
  set: string;
  version: number;
  area: string;
  region: string;
  answers: { question: string; option: string; band: string | null; graded: boolean }[];
}

/** Demo responses to copy as targets: real answer patterns, one per row. */
async function templates(limit: number): Promise<Demo[]> {
  const rows = await queryRows<{
    id: number;
    set: string;
    version: number;
    area: string;
    region: string;
    question: string;
    option: string;
    band: string | null;
    graded: boolean;
  }>(
    demo.database.db,
    sql`with picked as (select r.id from responses r where r.withdrawn_at is null and r.synthetic order by md5(r.external_ref) limit ${limit})
        select r.id, s.code as set, s.version, r.area_code as area, a.parent_code as region, q.code as question, o.code as option, o.band::text as band,
               exists (select 1 from scale_options g where g.scale_id = q.scale_id and g.band in ('POSITIVE', 'NEGATIVE')) and q.kind <> 'ABOUT_YOU' as graded
        from picked p join responses r on r.id = p.id join question_sets s on s.id = r.question_set_id join areas a on a.code = r.area_code
        join answers x on x.response_id = r.id join questions q on q.id = x.question_id join scale_options o on o.id = x.option_id
        order by r.id, q.position, o.position`,
  );
  const byId = new Map<number, Demo>();
  for (const r of rows) {
    const d = byId.get(r.id) ?? { set: r.set, version: r.version, area: r.area, region: r.region, answers: [] };
    d.answers.push({ question: r.question, option: r.option, band: r.band, graded: r.graded });
    byId.set(r.id, d);
  }
  return [...byId.values()];
}

const asInput = (d: Demo, ref: string, collectedOn: string): ResponseInput => {
  const options = new Map<string, string[]>();
  for (const a of d.answers) options.set(a.question, [...(options.get(a.question) ?? []), a.option]);
  return {
    externalRef: ref,
    questionSet: d.set as ResponseInput["questionSet"],
    version: d.version,
    area: d.area,
    collectedOn,
    collectionMode: "ONLINE",
    // What the form's own completed_by question says (a response may not say two things).
    completedBy: ({ with_help: "WITH_HELP", on_behalf: "ON_BEHALF" } as Record<string, string>)[options.get("completed_by")?.[0] ?? ""] ?? "SELF",
    answers: [...options].map(([question, opts]) => (opts.length > 1 ? { question, options: opts } : { question, option: opts[0]! })),
  } as ResponseInput;
};

const PROFILES = `query($s: QuestionSetCode!, $v: Int, $a: String!, $r: String!, $b: Band, $p: PeriodInput, $n: String) {
  here: areaProfile(questionSet: $s, version: $v, area: $a, band: $b, period: $p, release: $n) { items { question { code } value { numerator denominator } } }
  region: areaProfile(questionSet: $s, version: $v, area: $r, band: $b, period: $p, release: $n) { items { question { code } value { numerator denominator } } }
  england: areaProfile(questionSet: $s, version: $v, area: "${ENGLAND}", band: $b, period: $p, release: $n) { items { question { code } value { numerator denominator } } } }`;
type Profile = { items: { question: { code: string }; value: { numerator: number | null; denominator: number | null } }[] };
const BANDS = ["POSITIVE", "NEUTRAL", "NEGATIVE"] as const;

/** What an attacker reads of a target's question set in one release (or live): each band's profile of its area, region and England. */
async function surface(d: Demo, year: string, release: string, headers: Record<string, string> = {}): Promise<Map<string, number | null>> {
  const cells = new Map<string, number | null>();
  for (const band of BANDS) {
    const result = await demo.api.query(PROFILES, { s: d.set, v: d.version, a: d.area, r: d.region, b: band, p: { from: year }, n: release }, headers);
    for (const [where, profile] of Object.entries(result.data ?? {}) as [string, Profile][])
      for (const item of profile?.items ?? []) {
        cells.set(`${where}|${item.question.code}|${band}`, item.value.numerator);
        cells.set(`${where}|${item.question.code}|${band}|d`, item.value.denominator);
      }
  }
  return cells;
}

/**
 * The differencing attacker: for each graded question the target answered, the band whose
 * published numerators rose between the two looks (by most, over area, region and England), or,
 * when nothing moved, the band most people answer in England.
 */
function guess(before: Map<string, number | null>, after: Map<string, number | null>, question: string, prior: string): string {
  let best = prior;
  let most = 0;
  for (const band of BANDS) {
    let rise = 0;
    for (const where of ["here", "region", "england"]) {
      const [a, b] = [before.get(`${where}|${question}|${band}`), after.get(`${where}|${question}|${band}`)];
      if (a != null && b != null) rise += b - a;
      else if ((a == null) !== (b == null)) rise += 0.5;
    }
    if (rise > most) [best, most] = [band, rise];
  }
  return best;
}

/** The band most people answer each graded question in, in England, in the latest release: the best guess without looking twice. */
async function priors(d: Demo): Promise<Map<string, string>> {
  const shares = new Map<string, Map<string, number>>();
  for (const band of BANDS) {
    const { areaProfile } = await demo.api.data(
      `query($s: QuestionSetCode!, $v: Int, $b: Band) { areaProfile(questionSet: $s, version: $v, area: "${ENGLAND}", band: $b) { items { question { code } value { percentage } } } }`,
      {
        s: d.set,
        v: d.version,
        b: band,
      },
    );
    for (const item of areaProfile.items as { question: { code: string }; value: { percentage: number | null } }[]) {
      const by = shares.get(item.question.code) ?? new Map<string, number>();
      by.set(band, item.value.percentage ?? 0);
      shares.set(item.question.code, by);
    }
  }
  return new Map([...shares].map(([q, by]) => [q, [...by].sort((a, b) => b[1] - a[1])[0]![0]]));
}

/** A checksum of everything a release reads: if it does not move, no route can answer differently. */
const publishedState = async () =>
  (
    await queryRows<{ digest: string }>(
      demo.database.db,
      sql`select md5(coalesce((select string_agg(t::text, ',' order by t::text) from published_band_counts t), '') ||
                     coalesce((select string_agg(t::text, ',' order by t::text) from published_response_counts t), '') ||
                     coalesce((select string_agg(md5(t.cells)::text || t.financial_year || t.first || t.second || t.third, ',' order by t.financial_year, t.kind, t.first, t.second, t.third) from published_joint t), '') ||
                     coalesce((select string_agg(y::text, ',' order by y.financial_year) from published_years y), '')) as digest`,
    )
  )[0]!.digest;

let cut = 0;
/** Cuts a release, named apart from every other this file cuts, as of a day. */
const cutAsOf = async (asOf = "2026-12-01") => (await cutRelease(systemScope(demo.database.db), { name: `${asOf.slice(0, 7)}-t${++cut}`, asOf })).name;

describe("one response between two releases", () => {
  // Late for a closed year, or in the year still open: what a council sends any day.
  const DAYS: Record<number, string[]> = { 1: ["2024-11-01", "2026-06-01"], 2: ["2025-09-01", "2026-06-01"] };
  let targets: Demo[];
  beforeAll(async () => {
    targets = (await templates(400)).filter((d) => d.answers.some((a) => a.graded && a.band && a.band !== "EXCLUDED"));
  }, 120_000);

  it("teaches an attacker reading both releases nothing of its answers, over 200 trials (a live view would give them away)", async () => {
    const next = random(24);
    let release = (await releaseList(demo.database.db))[0]!.name;
    const state = await publishedState();
    const content = (await releaseList(demo.database.db))[0]!.content;
    const priorOf = new Map<string, Map<string, string>>();
    let [answered, right, rightWithout, trials, routeChecks] = [0, 0, 0, 0, 0];
    for (let i = 0; trials < 200 && i < 2000; i++) {
      const d = targets[i % targets.length]!;
      const key = `${d.set}@${d.version}`;
      if (!priorOf.has(key)) priorOf.set(key, await priors(d));
      const day = DAYS[d.version]![Math.floor(next() * 2)]!;
      const label = financialYearLabel(financialYearOf(day));
      // Every fifth trial reads every route of the target's set through the server; every trial
      // checks what all the routes read.
      const reads = trials % 5 === 0;
      const before = reads ? await surface(d, label, release) : null;
      const sent = await submitResponses(
        systemScope(demo.database.db),
        { responses: [asInput(d, `between-${i}`, day)] },
        { organisation: `demo-${d.area.toLowerCase()}` },
      );
      if (sent.created !== 1) continue;
      trials++;
      release = await cutAsOf();
      // What every route reads: the same frozen years as before (and, checked at the end, the same rows).
      expect((await releaseList(demo.database.db))[0]!.content).toBe(content);
      const after = reads ? await surface(d, label, release) : before;
      if (reads) {
        expect(after).toEqual(before);
        routeChecks++;
      }
      const prior = priorOf.get(key)!;
      for (const a of d.answers.filter((x) => x.graded && x.band && x.band !== "EXCLUDED" && prior.has(x.question))) {
        answered++;
        if (guess(before ?? new Map(), after ?? new Map(), a.question, prior.get(a.question)!) === a.band) right++;
        if (prior.get(a.question) === a.band) rightWithout++;
      }
    }
    expect(await publishedState()).toBe(state);
    const [accuracy, baseline] = [(100 * right) / answered, (100 * rightWithout) / answered];
    measured.push({ attack: "one response between two releases", trials, routeChecks, answered, accuracy: accuracy.toFixed(1), baseline: baseline.toFixed(1) });
    expect(trials).toBe(200);
    expect(accuracy).toBeLessThanOrEqual(baseline + 5);
  }, 600_000);

  it("would give them away if figures moved with each response: the same attacker on the owner's live view", async () => {
    let [answered, right, rightWithout] = [0, 0, 0];
    for (const [i, d] of targets.slice(0, 20).entries()) {
      const { key } = await createApiKey(systemScope(demo.database.db), { organisation: `demo-${d.area.toLowerCase()}`, name: "control" });
      const owner = { authorization: `Bearer ${key}` };
      const prior = await priors(d);
      const day = DAYS[d.version]![1]!;
      const before = await surface(d, "2026-27", "LIVE", owner);
      const sent = await submitResponses(
        systemScope(demo.database.db),
        { responses: [asInput(d, `control-${i}`, day)] },
        { organisation: `demo-${d.area.toLowerCase()}` },
      );
      expect(sent.created).toBe(1);
      const after = await surface(d, "2026-27", "LIVE", owner);
      for (const a of d.answers.filter((x) => x.graded && x.band && x.band !== "EXCLUDED" && prior.has(x.question))) {
        answered++;
        if (guess(before, after, a.question, prior.get(a.question)!) === a.band) right++;
        if (prior.get(a.question) === a.band) rightWithout++;
      }
    }
    measured.push({
      attack: "the same, on live figures (a control)",
      trials: 20,
      answered,
      accuracy: ((100 * right) / answered).toFixed(1),
      baseline: ((100 * rightWithout) / answered).toFixed(1),
    });
    expect((100 * right) / answered).toBeGreaterThan(95);
  }, 300_000);

  it("teaches nothing of five responses that differ in one answer, over 40 trials of five", async () => {
    const next = random(5);
    const state = await publishedState();
    const content = (await releaseList(demo.database.db))[0]!.content;
    let release = (await releaseList(demo.database.db))[0]!.name;
    let [shared, right, rightWithout, trials] = [0, 0, 0, 0];
    for (let i = 0; trials < 40 && i < 400; i++) {
      const d = targets[(i * 7 + 3) % targets.length]!;
      const graded = d.answers.filter((a) => a.graded && a.band && a.band !== "EXCLUDED");
      const varied = graded[Math.floor(next() * graded.length)]!;
      const day = DAYS[d.version]![0]!;
      const label = DAYS[d.version]![0]!.startsWith("2024") ? "2024-25" : "2025-26";
      const before = await surface(d, label, release);
      const prior = await priors(d);
      // Five copies whose `varied` answer differs: each keeps its band's other options out.
      const responses = Array.from({ length: 5 }, (_, k) => {
        const input = asInput(d, `five-${i}-${k}`, day);
        return k === 0 ? input : { ...input, answers: input.answers.filter((a) => a.question !== varied.question) };
      });
      const sent = await submitResponses(systemScope(demo.database.db), { responses }, { organisation: `demo-${d.area.toLowerCase()}` });
      if (sent.created !== 5) continue;
      trials++;
      release = await cutAsOf();
      expect((await releaseList(demo.database.db))[0]!.content).toBe(content);
      const after = await surface(d, label, release);
      expect(after).toEqual(before);
      for (const a of graded.filter((x) => x !== varied && prior.has(x.question))) {
        shared++;
        if (guess(before, after, a.question, prior.get(a.question)!) === a.band) right++;
        if (prior.get(a.question) === a.band) rightWithout++;
      }
    }
    expect(await publishedState()).toBe(state);
    const [accuracy, baseline] = [(100 * right) / shared, (100 * rightWithout) / shared];
    measured.push({
      attack: "five responses between two releases, shared answers",
      trials,
      answered: shared,
      accuracy: accuracy.toFixed(1),
      baseline: baseline.toFixed(1),
    });
    expect(accuracy).toBeLessThanOrEqual(baseline + 5);
  }, 600_000);
});

describe("a member's writes pushing a hidden cell over the threshold", () => {
  it("leave the count hidden before them undetermined: the cell stays as it was, or at least 3 values fit what is published", async () => {
    const AREA = "E10000024";
    // A second organisation in Nottinghamshire (the audit's attacker), writing its own responses.
    const attacker = await testCredential(demo.database.db, { type: "COUNCIL", areas: [AREA] });
    const DIGNITY = `query($b: Band, $p: PeriodInput, $n: String) { benchmark(questionSet: ADULT_PB, version: 2, question: "dignity_in_support", area: "${AREA}", band: $b, period: $p, release: $n) {
      versions value { numerator denominator status } } }`;
    const before = (await demo.api.data(DIGNITY, { b: "POSITIVE", p: { from: "2025-26" } })).benchmark.value;
    const [{ positive, answered }] = (await queryRows<{ positive: number; answered: number }>(
      demo.database.db,
      sql`select count(*) filter (where o.band = 'POSITIVE')::int as positive, count(*) filter (where o.band <> 'EXCLUDED')::int as answered
          from responses r join question_sets s on s.id = r.question_set_id and s.code = 'ADULT_PB' and s.version = 2
          join questions q on q.question_set_id = s.id and q.code = 'dignity_in_support' join scale_options o on o.scale_id = q.scale_id and o.bit & r.choices[q.position + 1] <> 0
          where r.area_code = ${AREA} and r.financial_year = 2025 and r.withdrawn_at is null`,
    )) as [{ positive: number; answered: number }];
    const hiddenRest = answered - positive;
    // Late writes for the closed year: the year is published and final, so nothing moves.
    const negative = (ref: string, day: string): ResponseInput => ({
      externalRef: ref,
      questionSet: "ADULT_PB",
      version: 2,
      area: AREA,
      collectedOn: day,
      collectionMode: "ONLINE",
      completedBy: "SELF",
      answers: [{ question: "dignity_in_support", option: "worse" }],
    });
    const sent = await demo.api.data(
      `mutation($r: [ResponseInput!]!) { submitResponses(input: { responses: $r }) { created } }`,
      { r: Array.from({ length: 12 }, (_, k) => negative(`flip-late-${k}`, "2025-11-01")) },
      { authorization: attacker.header },
    );
    expect(sent.submitResponses.created).toBe(12);
    const late = await cutAsOf("2027-01-01");
    expect((await demo.api.data(DIGNITY, { b: "POSITIVE", p: { from: "2025-26" }, n: late })).benchmark.value).toEqual(before);
    // Writes in the open year, then the release that publishes it: the run of version 2 may now be
    // published, holding the hidden 2025-26 cell and the attacker's own. What fits, for the count
    // outside POSITIVE in 2025-26 (the cell's rest), of everything published?
    await demo.api.data(
      `mutation($r: [ResponseInput!]!) { submitResponses(input: { responses: $r }) { created } }`,
      { r: Array.from({ length: 12 }, (_, k) => negative(`flip-open-${k}`, "2026-05-01")) },
      { authorization: attacker.header },
    );
    const opened = await cutAsOf("2027-07-01");
    const run = (await demo.api.data(DIGNITY, { b: "POSITIVE", p: { from: "2025-26", to: "2026-27" }, n: opened })).benchmark.value;
    const own = 12;
    // The attacker's model: before, 0 to 9 outside POSITIVE (or the cell would have been shown)
    // or a POSITIVE count too small; after, a published rest within 8 of the truth (two rounded counts).
    const fits =
      run.status === "AVAILABLE"
        ? Array.from({ length: 10 }, (_, c) => c).filter((c) => Math.abs(run.denominator - run.numerator - (c + own)) <= 8)
        : Array.from({ length: 10 }, (_, c) => c);
    measured.push({
      attack: "status flip (dignity in support, Nottinghamshire)",
      before: before.status,
      hiddenRest,
      after: run.status,
      consistent: fits.length,
    });
    expect(before.status).not.toBe("AVAILABLE");
    if (hiddenRest <= 9) expect(fits).toContain(hiddenRest);
    expect(fits.length).toBeGreaterThanOrEqual(3);
  }, 300_000);
});

describe("a member's own writes", () => {
  const AREA = "E10000024";
  const REGION = "E12000004";
  const nottinghamshire: Demo = { set: "ADULT_PB", version: 1, area: AREA, region: REGION, answers: [] };
  const write = (ref: string, day: string, option = "better"): ResponseInput => ({
    externalRef: ref,
    questionSet: "ADULT_PB",
    version: 1,
    area: AREA,
    collectedOn: day,
    collectionMode: "ONLINE",
    completedBy: "SELF",
    answers: [
      { question: "quality_of_life", option },
      { question: "control_over_support", option: "very_good" },
    ],
  });
  const owner = { organisation: "demo-e10000024" };

  it("leave every public cell one value per release: 100 submissions and withdrawals between two releases", async () => {
    const release = (await releaseList(demo.database.db))[0]!.name;
    const looks = [await surface(nottinghamshire, "2024-25", release)];
    const coverage = async () =>
      (await demo.api.data(`{ coverage(questionSet: ADULT_PB) { area { code } responses years { financialYear responses } } }`)).coverage;
    const listed = [await coverage()];
    for (let i = 0; i < 100; i++) {
      await submitResponses(
        systemScope(demo.database.db),
        { responses: [write(`own-${i}`, i % 2 ? "2024-10-01" : "2026-05-01", i % 3 ? "better" : "worse")] },
        owner,
      );
      if (i % 10 === 9) {
        looks.push(await surface(nottinghamshire, "2024-25", release));
        listed.push(await coverage());
      }
      await withdrawResponses(systemScope(demo.database.db), [`own-${i}`], owner);
    }
    looks.push(await surface(nottinghamshire, "2024-25", release));
    const values = new Set(looks.map((l) => JSON.stringify([...l])));
    measured.push({ attack: "own writes between releases: distinct values per public cell", looks: looks.length, values: values.size });
    expect(values.size).toBe(1);
    expect(new Set(listed.map((l) => JSON.stringify(l))).size).toBe(1);
  }, 300_000);

  it("over 24 monthly releases of late responses for a closed year, leave each cell one value, so that averaging pins no count", async () => {
    const byCell = new Map<string, Set<number | null>>();
    for (let month = 0; month < 24; month++) {
      const day = `${2027 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}-01`;
      await submitResponses(
        systemScope(demo.database.db),
        { responses: [0, 1, 2].map((k) => write(`late-${month}-${k}`, "2024-09-01", k === 2 ? "worse" : "better")) },
        owner,
      );
      await withdrawResponses(systemScope(demo.database.db), [`late-${month}-0`], owner);
      const release = await cutAsOf(day);
      // Every closed year's figures the month's release publishes of the area, its region and England.
      for (const year of ["2022-23", "2023-24", "2024-25", "2025-26"])
        for (const [cell, value] of await surface({ ...nottinghamshire, version: year === "2025-26" ? 2 : 1 }, year, release))
          byCell.set(`${year}|${cell}`, (byCell.get(`${year}|${cell}`) ?? new Set()).add(value));
    }
    const cells = [...byCell.values()];
    const moved = cells.filter((v) => v.size > 1).length;
    // A value that never moves averages to itself: the true count stays anywhere in its rounding (5 values) or under 10.
    measured.push({ attack: "24 monthly releases with own late responses: cells that took more than one value", cells: cells.length, moved });
    expect(cells.length).toBeGreaterThan(500);
    expect(moved).toBe(0);
  }, 600_000);
});

describe("live figures", () => {
  it("are the owner's own responses, exact, in the areas it covers, and nothing else", async () => {
    const AREA = "E06000001";
    const mine = await testCredential(demo.database.db, { type: "COUNCIL", areas: [AREA] });
    const LIVE = `query($a: String!) { benchmark(questionSet: ADULT_PB, version: 1, question: "quality_of_life", area: $a, period: { from: "2024-25" }, release: "LIVE") {
      release value { numerator denominator disclosure } england { disclosure } } }`;
    const empty = await demo.api.query(LIVE, { a: AREA }, { authorization: mine.header });
    // The demo's own responses in Hartlepool are another organisation's: none of this one's yet.
    expect(empty.data?.benchmark.value).toEqual({ numerator: null, denominator: null, disclosure: "EXACT" });
    const respond = (ref: string, option: string): ResponseInput => ({
      externalRef: ref,
      questionSet: "ADULT_PB",
      version: 1,
      area: AREA,
      collectedOn: "2024-12-01",
      collectionMode: "ONLINE",
      completedBy: "SELF",
      answers: [{ question: "quality_of_life", option }],
    });
    await demo.api.data(
      `mutation($r: [ResponseInput!]!) { submitResponses(input: { responses: $r }) { created } }`,
      { r: [respond("l-1", "better"), respond("l-2", "better"), respond("l-3", "worse")] },
      { authorization: mine.header },
    );
    const live = (await demo.api.data(LIVE, { a: AREA }, { authorization: mine.header })).benchmark;
    expect(live).toEqual({ release: "LIVE", value: { numerator: 2, denominator: 3, disclosure: "EXACT" }, england: { disclosure: "ROUNDED" } });
    // Anyone else asking for LIVE, or this member for an area it does not cover: FORBIDDEN.
    const researcher = await testCredential(demo.database.db, { type: "RESEARCH" });
    for (const [headers, area] of [
      [{}, AREA],
      [{ authorization: researcher.header }, AREA],
      [{ authorization: mine.header }, "E06000002"],
    ] as const)
      expect((await demo.api.query(LIVE, { a: area }, headers)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    measured.push({ attack: "live figures", own: "2 of 3, exact", others: "FORBIDDEN" });
  });
});

afterAll(() => {
  console.table(measured);
});
