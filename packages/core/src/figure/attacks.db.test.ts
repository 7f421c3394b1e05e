import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../db/types.ts";
import { periodOf, RUNS, type Run, runKey, YEARS } from "../testing/differencing.ts";
import { useDemoApi } from "../testing/fixtures.ts";
import { IntervalSystem } from "../testing/intervals.ts";
import { parseCsv } from "../util/csv.ts";
import { publishedCount } from "./disclosure.ts";

/*
 * The attacks of issue 24 on what a release publishes, measured on the demo data through the real
 * server (figureExport is every area × question × band of a period, the same measures every route
 * gives), on every driver. Each prints what it measured; docs/disclosure-control.md quotes them.
 * This file only reads; the attacks that write are in release/attacks.db.test.ts.
 */
const demo = useDemoApi();

type Row = Record<string, string>;

const exports = new Map<string, Promise<Map<string, Row>>>();
/** Every published measure of a question set, every period, every area: `${run}|${area}|${question}|${band}` → its row. */
function published(set: string): Promise<Map<string, Row>> {
  let rows = exports.get(set);
  if (!rows) {
    rows = readAll(set);
    exports.set(set, rows);
  }
  return rows;
}

async function readAll(set: string): Promise<Map<string, Row>> {
  const rows = new Map<string, Row>();
  for (const run of RUNS) {
    const { content } = (
      await demo.api.data(`query($s: QuestionSetCode!, $p: PeriodInput) { figureExport(questionSet: $s, period: $p) { content } }`, {
        s: set,
        p: periodOf(run),
      })
    ).figureExport;
    for (const r of parseCsv(content)) rows.set(`${runKey(run)}|${r.area_code}|${r.question_code}|${r.band}`, r);
  }
  return rows;
}

/** The true counts of a question set's answers, by area (with everything within it), question, year and band ("ANSWERED" outside EXCLUDED). */
async function truths(set: string): Promise<Map<string, { count: number; keySum: number }>> {
  const rows = await queryRows<{ area: string; question: string; year: number; band: string; n: number; k: number }>(
    demo.database.db,
    sql`with a as (
          select aa.ancestor_code as area, q.code as question, r.financial_year as year, o.band::text as band, r.record_key
          from responses r join question_sets s on s.id = r.question_set_id and s.code = ${set}
          join questions q on q.question_set_id = s.id join scale_options o on o.scale_id = q.scale_id and o.bit & r.choices[q.position + 1] <> 0
          join area_ancestors aa on aa.area_code = r.area_code
          where r.withdrawn_at is null and o.band is not null and o.band <> 'EXCLUDED')
        select area, question, year, band, count(*)::int as n, sum(record_key)::int as k from a group by 1, 2, 3, 4
        union all
        select area, question, year, 'ANSWERED', count(*)::int, sum(record_key)::int from a group by 1, 2, 3`,
  );
  return new Map(rows.map((r) => [`${r.area}|${r.question}|${r.year}|${r.band}`, { count: r.n, keySum: r.k }]));
}

interface Attack {
  /** Hidden cells of the band attacked whose true count is 1 to 9. */
  small: number;
  /** Of the hidden cells of that band, how many the attacker proved to lie in 1 to 9, proved non-zero, pinned. */
  provedSmall: number;
  provedNonZero: number;
  pinned: number;
}

/**
 * The interval attacker over every public sum: bands add up to the answered, single years to a
 * run, councils to their region and regions to England. `view` says what each cell published:
 * `[numerator, denominator]` rounded, `exact` counts, null hidden, or "none" (no data); `primary`
 * says whether a hidden band beside a shown one must be under 10 (true where a publisher has no
 * secondary suppression); and what the attacker proved of the hidden cells of `band` is counted.
 */
function intervalAttack(args: {
  areas: Map<string, string | null>;
  questions: Map<string, string[]>;
  view: (run: Run, area: string, question: string, band: string) => { numerator: number; denominator: number; exact: boolean } | null | "none" | "skip";
  primary: boolean;
  band: string;
  truth: (run: Run, area: string, question: string, band: string) => number;
}): Attack {
  const system = new IntervalSystem();
  const id = (run: Run, area: string, question: string, band: string) => `${runKey(run)}|${area}|${question}|${band}`;
  const hidden: string[] = [];
  for (const run of RUNS)
    for (const area of args.areas.keys())
      for (const [question, bands] of args.questions) {
        const views = bands.map((b) => [b, args.view(run, area, question, b)] as const);
        if (views.some(([, v]) => v === "skip")) continue;
        const answered = id(run, area, question, "ANSWERED");
        system.sum(
          answered,
          bands.map((b) => id(run, area, question, b)),
        );
        for (const [band, v] of views) {
          const cell = id(run, area, question, band);
          if (v === "none") {
            system.bound(answered, 0, 0);
            continue;
          }
          if (v === null || v === "skip") {
            if (band === args.band) hidden.push(cell);
            // Under a publisher without secondary suppression, a hidden band beside a shown one is the small one.
            if (args.primary && views.some(([, o]) => o !== null && o !== "none" && o !== "skip")) system.bound(cell, 0, 9);
            continue;
          }
          const slack = v.exact ? 0 : 4;
          system.bound(cell, Math.max(10, v.numerator - slack), v.numerator + slack);
          system.bound(answered, Math.max(20, v.denominator - slack), v.denominator + slack);
          // The rest of the answers, outside the band, hold at least 10 too.
          system.sum(answered, [cell, `${cell}|REST`]);
          system.bound(`${cell}|REST`, 10, Number.POSITIVE_INFINITY);
        }
      }
  for (const area of args.areas.keys())
    for (const [question, bands] of args.questions)
      for (const band of [...bands, "ANSWERED"])
        for (const run of RUNS.filter((r) => r[1] > r[0])) {
          const years = YEARS.filter((y) => y >= run[0] && y <= run[1]);
          // A run that is not one figure (versions that may not pool) sums nothing.
          if ([run, ...years.map((y) => [y, y] as const)].some((r) => bands.some((b) => args.view(r, area, question, b) === "skip"))) continue;
          system.sum(
            id(run, area, question, band),
            years.map((y) => id([y, y], area, question, band)),
          );
        }
  const children = new Map<string, string[]>();
  for (const [area, parent] of args.areas) if (parent && args.areas.has(parent)) children.set(parent, [...(children.get(parent) ?? []), area]);
  for (const [parent, kids] of children)
    for (const run of RUNS)
      for (const [question, bands] of args.questions)
        for (const band of [...bands, "ANSWERED"])
          system.sum(
            id(run, parent, question, band),
            kids.map((k) => id(run, k, question, band)),
          );
  system.propagate(60);
  const truthOf = (key: string) => {
    const [r, area, question, band] = key.split("|") as [string, string, string, string];
    if (key.endsWith("|REST")) return undefined;
    const [from, to] = r.split("-").map(Number) as [number, number];
    return args.truth([from, to], area, question, band);
  };
  system.check(truthOf);
  let small = 0;
  let provedSmall = 0;
  let provedNonZero = 0;
  let pinned = 0;
  for (const cell of hidden) {
    const [lo, hi] = system.bounds.get(cell)!;
    const t = truthOf(cell)!;
    if (t >= 1 && t <= 9) small++;
    if (lo >= 1 && hi <= 9) provedSmall++;
    if (lo >= 1 && t < 10) provedNonZero++;
    if (lo === hi) pinned++;
  }
  return { small, provedSmall, provedNonZero, pinned };
}

const measured: Record<string, unknown>[] = [];

describe("what a release publishes, attacked by every public sum", () => {
  let areas: Map<string, string | null>;
  beforeAll(async () => {
    areas = new Map(
      (await queryRows<{ code: string; parent: string | null }>(demo.database.db, sql`select code, parent_code as parent from areas`)).map((a) => [
        a.code,
        a.parent,
      ]),
    );
  });

  it.each([
    ["ADULT_PB", "POSITIVE"],
    ["PRACTITIONER_EHCP", "NEGATIVE"],
  ])(
    "%s %s: no suppressed cell proved to lie in 1 to 9, over every period, area and band sum (an unprotected publisher: many)",
    async (set, target) => {
      const rows = await published(set);
      const truth = await truths(set);
      const questions = new Map<string, string[]>();
      for (const r of rows.values())
        if (!questions.get(r.question_code!)?.includes(r.band!)) questions.set(r.question_code!, [...(questions.get(r.question_code!) ?? []), r.band!]);
      const setAreas = new Map([...areas].filter(([code]) => [...rows.values()].some((r) => r.area_code === code && r.status !== "NO_DATA")));
      const sumYears = (run: Run, area: string, question: string, band: string, part: "count" | "keySum") =>
        YEARS.filter((y) => y >= run[0] && y <= run[1]).reduce((s, y) => s + (truth.get(`${area}|${question}|${y}|${band}`)?.[part] ?? 0), 0);
      const truthOf = (run: Run, area: string, question: string, band: string) => sumYears(run, area, question, band, "count");

      const release = intervalAttack({
        areas: setAreas,
        questions,
        primary: false,
        band: target,
        truth: truthOf,
        view: (run, area, question, band) => {
          const r = rows.get(`${runKey(run)}|${area}|${question}|${band}`);
          if (!r || r.status === "NOT_COMPARABLE") return "skip";
          if (r.status === "NO_DATA") return "none";
          if (r.status !== "AVAILABLE") return null;
          return { numerator: Number(r.numerator), denominator: Number(r.denominator), exact: r.disclosure === "EXACT" };
        },
      });

      // The same attacker against the publisher this release replaced: every cell rounded on its own,
      // England exact, no secondary suppression across bands and no blocks of years.
      const unprotected = intervalAttack({
        areas: setAreas,
        questions,
        primary: true,
        band: target,
        truth: truthOf,
        view: (run, area, question, band) => {
          const r = rows.get(`${runKey(run)}|${area}|${question}|${band}`);
          if (!r || r.status === "NOT_COMPARABLE") return "skip";
          const answered = { count: sumYears(run, area, question, "ANSWERED", "count"), keySum: sumYears(run, area, question, "ANSWERED", "keySum") };
          if (answered.count === 0) return "none";
          const cell = { count: sumYears(run, area, question, band, "count"), keySum: sumYears(run, area, question, band, "keySum") };
          if (cell.count < 10 || answered.count - cell.count < 10) return null;
          const exact = area === "E92000001";
          return exact
            ? { numerator: cell.count, denominator: answered.count, exact }
            : { numerator: publishedCount(cell)!, denominator: publishedCount(answered)!, exact };
        },
      });
      measured.push(
        { attack: `interval bounds, ${set} ${target}: the release`, ...release },
        { attack: `interval bounds, ${set} ${target}: unprotected`, ...unprotected },
      );
      expect(release.small).toBeGreaterThan(50);
      expect(release.provedSmall).toBe(0);
      expect(release.pinned).toBe(0);
      // The attacker is not toothless: the old way of publishing gave cells away.
      expect(unprotected.provedSmall).toBeGreaterThan(0);
      // Every public sum of every cell: about 25 s alone, more than a minute on a busy machine.
    },
    180_000,
  );

  it("pins no hidden single-year count, nor proves a small one non-zero, by any pair of periods, at England, any region or any council (ADULT_PB, every band)", async () => {
    const rows = await published("ADULT_PB");
    const truth = await truths("ADULT_PB");
    const bound = (run: Run, area: string, question: string, band: string): [number, number] | null => {
      const r = rows.get(`${runKey(run)}|${area}|${question}|${band}`);
      if (r?.status !== "AVAILABLE") return null;
      const n = Number(r.numerator);
      return r.disclosure === "EXACT" ? [n, n] : [Math.max(10, n - 4), n + 4];
    };
    let hidden = 0;
    let small = 0;
    let pairs = 0;
    let pinned = 0;
    let provedNonZero = 0;
    for (const r of rows.values()) {
      const [from, to] = [r.financial_year!.slice(0, 4), r.financial_year!.slice(-7, -3)].map(Number);
      if (from !== to || r.status !== "SUPPRESSED" || !["NATION", "REGION", "LOCAL_AUTHORITY"].includes(r.area_type!)) continue;
      hidden++;
      const year = from!;
      const count = truth.get(`${r.area_code}|${r.question_code}|${year}|${r.band}`)?.count ?? 0;
      if (count < 10) small++;
      for (const run of RUNS.filter((x) => x[0] <= year && x[1] >= year && x[0] !== x[1])) {
        // The run less the same run without this year, where that is a run.
        const rest: Run | null = run[0] === year ? [year + 1, run[1]] : run[1] === year ? [run[0], year - 1] : null;
        if (!rest) continue;
        const [whole, part] = [bound(run, r.area_code!, r.question_code!, r.band!), bound(rest, r.area_code!, r.question_code!, r.band!)];
        if (!whole || !part) continue;
        pairs++;
        const [lo, hi] = [Math.max(0, whole[0] - part[1]), whole[1] - part[0]];
        expect(count >= lo && count <= hi).toBe(true);
        if (lo === hi) pinned++;
        if (lo >= 1 && count < 10) provedNonZero++;
      }
    }
    // The pairs there are isolate years hidden beside a small band (secondary suppression), never a small count.
    measured.push({ attack: "pairs of periods, ADULT_PB, hidden single years", hidden, small, pairs, pinned, provedNonZero });
    expect(small).toBeGreaterThan(1000);
    expect(pinned).toBe(0);
    expect(provedNonZero).toBe(0);
  });
});

describe("what the attacks measured", () => {
  it("is printed for the design note", () => {
    console.table(measured);
    expect(measured.length).toBeGreaterThanOrEqual(3);
  });
});
