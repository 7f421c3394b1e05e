import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../db/types.ts";
import {
  ANY,
  type AttackReport,
  type Bound,
  boundOf,
  combine,
  intersect,
  periodOf,
  RUNS,
  type Run,
  report,
  runKey,
  type Target,
  YEARS,
} from "../testing/differencing.ts";
import { useDemoApi } from "../testing/fixtures.ts";
import { financialYearLabel } from "../time/index.ts";
import { parseCsv } from "../util/csv.ts";

// The differencing attacks of docs/disclosure-control.md, measured on the demo data through the
// real server, on every driver. Each attack derives bounds on hidden counts from published ones;
// `report` checks every bound holds the truth, then counts what was learnt.
const demo = useDemoApi();

const sumYears = (r: Run, count: (year: number) => number) => YEARS.filter((y) => y >= r[0] && y <= r[1]).reduce((s, y) => s + count(y), 0);

/** Every way to write run X from other runs: extended on either side or both and trimmed, or split in two. */
function runIdentities(x: Run): { sign: 1 | -1; run: Run }[][] {
  const [a, b] = x;
  const ids: { sign: 1 | -1; run: Run }[][] = [];
  for (const lo of YEARS.filter((y) => y <= a)) {
    for (const hi of YEARS.filter((y) => y >= b)) {
      if (lo === a && hi === b) continue;
      const terms: { sign: 1 | -1; run: Run }[] = [{ sign: 1, run: [lo, hi] }];
      if (lo < a) terms.push({ sign: -1, run: [lo, a - 1] });
      if (hi > b) terms.push({ sign: -1, run: [b + 1, hi] });
      ids.push(terms);
    }
  }
  for (let m = a; m < b; m++)
    ids.push([
      { sign: 1, run: [a, m] },
      { sign: 1, run: [m + 1, b] },
    ]);
  return ids;
}

/** Bounds from overlapping periods: `published(run)` is what the attacker read for the same cell. */
const byPeriods = (x: Run, published: (r: Run) => Bound | null) =>
  runIdentities(x).map((terms) => combine(terms.map((t) => ({ sign: t.sign, bound: published(t.run) }))));

const reports: AttackReport[] = [];
const attack = (name: string, targets: Target[]) => {
  const r = report(name, targets);
  reports.push(r);
  return r;
};

describe("differencing attacks", () => {
  type Row = Record<string, string>;
  const headline = new Map<string, Row>();
  const truth = new Map<string, number>();
  let parents: Map<string, string>;

  beforeAll(async () => {
    for (const run of RUNS) {
      const rows = parseCsv(
        (await demo.api.data(`query($p: PeriodInput) { figureExport(questionSet: ADULT_PB, period: $p) { content } }`, { p: periodOf(run) })).figureExport
          .content,
      );
      for (const r of rows) headline.set(`${runKey(run)}|${r.area_code}|${r.question_code}|${r.band}`, r);
    }
    const counts = await queryRows<{ question: string; area: string; year: number; band: string; n: number }>(
      demo.database.db,
      sql`select q.code as question, aa.ancestor_code as area, r.financial_year as year, o.band::text as band, count(*)::int as n
          from responses r join question_sets s on s.id = r.question_set_id and s.code = 'ADULT_PB' join answers a on a.response_id = r.id
          join questions q on q.id = a.question_id join scale_options o on o.id = a.option_id join area_ancestors aa on aa.area_code = r.area_code
          where r.withdrawn_at is null and o.band in ('POSITIVE', 'NEUTRAL', 'NEGATIVE') group by 1, 2, 3, 4`,
    );
    for (const c of counts) truth.set(`${c.question}|${c.area}|${c.year}|${c.band}`, c.n);
    parents = new Map(
      (
        await queryRows<{ code: string; parent: string }>(demo.database.db, sql`select code, parent_code as parent from areas where parent_code is not null`)
      ).map((a) => [a.code, a.parent]),
    );
  });

  const numerator = (run: Run, area: string, question: string, band: string): Bound | null => {
    const row = headline.get(`${runKey(run)}|${area}|${question}|${band}`);
    if (!row) return null;
    if (row.status === "NO_DATA") return [0, 0];
    return boundOf(row.numerator === "" ? null : Number(row.numerator), row.disclosure === "EXACT");
  };
  const denominator = (run: Run, area: string, question: string): Bound | null => {
    for (const band of ["POSITIVE", "NEUTRAL", "NEGATIVE"]) {
      const row = headline.get(`${runKey(run)}|${area}|${question}|${band}`);
      if (row?.status === "NO_DATA") return [0, 0];
      if (row?.denominator) return boundOf(Number(row.denominator), row.disclosure === "EXACT");
    }
    return null;
  };
  const childrenOf = (area: string) => [...parents].filter(([, p]) => p === area).map(([c]) => c);

  /** The hidden headline numerators, each with its truth. */
  const hiddenCells = () =>
    [...headline.values()]
      .filter((r) => r.status === "SUPPRESSED")
      .map((r) => {
        const run = RUNS.find((x) => `${financialYearLabel(x[0])}${x[0] === x[1] ? "" : ` to ${financialYearLabel(x[1])}`}` === r.financial_year)!;
        return {
          run,
          area: r.area_code!,
          question: r.question_code!,
          band: r.band!,
          truth: sumYears(run, (y) => truth.get(`${r.question_code}|${r.area_code}|${y}|${r.band}`) ?? 0),
        };
      });

  const equations = {
    periods: (c: ReturnType<typeof hiddenCells>[number]) => byPeriods(c.run, (r) => numerator(r, c.area, c.question, c.band)),
    areas: (c: ReturnType<typeof hiddenCells>[number]) => {
      const up = parents.get(c.area);
      const found: (Bound | null)[] = [];
      if (up) {
        const siblings = childrenOf(up).filter((s) => s !== c.area);
        found.push(
          combine([
            { sign: 1, bound: numerator(c.run, up, c.question, c.band) },
            ...siblings.map((s) => ({ sign: -1 as const, bound: numerator(c.run, s, c.question, c.band) ?? ANY })),
          ]),
        );
      }
      const below = childrenOf(c.area);
      if (below.length) found.push(combine(below.map((s) => ({ sign: 1 as const, bound: numerator(c.run, s, c.question, c.band) }))));
      return found;
    },
    bands: (c: ReturnType<typeof hiddenCells>[number]) => {
      const others = ["POSITIVE", "NEUTRAL", "NEGATIVE"].filter((b) => b !== c.band && headline.has(`${runKey(c.run)}|${c.area}|${c.question}|${b}`));
      return [
        combine([
          { sign: 1, bound: denominator(c.run, c.area, c.question) },
          ...others.map((b) => ({ sign: -1 as const, bound: numerator(c.run, c.area, c.question, b) ?? ANY })),
        ]),
      ];
    },
  };

  it.each(["periods", "areas", "bands", "all"] as const)("on headline measures, by %s, never pins a hidden count nor shows a zero to be zero", (family) => {
    const targets = hiddenCells().map((c) => {
      const found = family === "all" ? [...equations.periods(c), ...equations.areas(c), ...equations.bands(c)] : equations[family](c);
      return { id: `${runKey(c.run)} ${c.area} ${c.question} ${c.band}`, truth: c.truth, bound: found.reduce<Bound>(intersect, ANY) };
    });
    const r = attack(`headline by ${family}`, targets);
    expect(r.small).toBeGreaterThan(1000);
    expect(r.pinned).toBe(0);
    expect(r.zeroBoundedAt).toBeGreaterThanOrEqual(3);
  });

  it("on breakdowns, two-way breakdowns and associations over overlapping periods, never pins a hidden count", async () => {
    type Measure = { numerator: number | null; denominator: number | null; status: string; disclosure?: string };
    const areas = [
      "E92000001",
      ...[...parents]
        .filter(([, p]) => p === "E92000001")
        .map(([c]) => c)
        .filter((c) => c.startsWith("E12")),
    ];
    const breakdownTruth = new Map<string, number>();
    for (const c of await queryRows<{ area: string; year: number; option: string; band: string; n: number }>(
      demo.database.db,
      sql`select aa.ancestor_code as area, r.financial_year as year, bo.code as option, o.band::text as band, count(*)::int as n
          from responses r join question_sets s on s.id = r.question_set_id and s.code = 'ADULT_PB' and s.version = 1 join area_ancestors aa on aa.area_code = r.area_code
          join answers a on a.response_id = r.id join questions q on q.id = a.question_id and q.code = 'quality_of_life' join scale_options o on o.id = a.option_id
          join answers b on b.response_id = r.id join questions bq on bq.id = b.question_id and bq.code = 'budget_management' join scale_options bo on bo.id = b.option_id
          where r.withdrawn_at is null group by 1, 2, 3, 4`,
    ))
      breakdownTruth.set(`${c.area}|${c.year}|${c.option}|${c.band}`, c.n);
    const published = new Map<string, { total: Measure; categories: { option: { code: string }; measure: Measure }[] }>();
    for (const area of areas) {
      for (const band of ["POSITIVE", "NEGATIVE"]) {
        for (const run of RUNS) {
          const { breakdown } = await demo.api.data(
            `query($a: String!, $b: Band, $p: PeriodInput) { breakdown(questionSet: ADULT_PB, version: 1, question: "quality_of_life", by: "budget_management", area: $a, band: $b, period: $p) {
              total { numerator denominator status disclosure } categories { option { code } measure { numerator denominator status } } } }`,
            { a: area, b: band, p: periodOf(run) },
          );
          published.set(`${area}|${band}|${runKey(run)}`, breakdown);
        }
      }
    }
    const categoryBound = (area: string, band: string, run: Run, option: string): Bound | null => {
      const m = published.get(`${area}|${band}|${runKey(run)}`)!.categories.find((c) => c.option.code === option)!.measure;
      return boundOf(m.numerator, false);
    };
    const targets: Target[] = [];
    for (const [key, view] of published) {
      const [area, band, runText] = key.split("|") as [string, string, string];
      const run = RUNS.find((r) => runKey(r) === runText)!;
      for (const c of view.categories.filter((x) => x.measure.status !== "AVAILABLE")) {
        const others = view.categories.filter((o) => o !== c);
        const fromTotal = combine([
          { sign: 1, bound: boundOf(view.total.numerator, view.total.disclosure === "EXACT") },
          ...others.map((o) => ({ sign: -1 as const, bound: boundOf(o.measure.numerator, false) ?? ANY })),
          { sign: -1, bound: ANY },
        ]);
        const bound = [...byPeriods(run, (r) => categoryBound(area, band, r, c.option.code)), fromTotal].reduce<Bound>(intersect, ANY);
        targets.push({ id: `${key} ${c.option.code}`, truth: sumYears(run, (y) => breakdownTruth.get(`${area}|${y}|${c.option.code}|${band}`) ?? 0), bound });
      }
    }
    const r = attack("breakdowns by periods and totals", targets);
    expect(r.small).toBeGreaterThan(50);
    expect(r.pinned).toBe(0);

    // Two-way: England's gender × age band table over overlapping periods.
    const crossTruth = new Map<string, number>();
    for (const c of await queryRows<{ year: number; g: string; a: string; n: number }>(
      demo.database.db,
      sql`select r.financial_year as year, go.code as g, ao.code as a, count(*)::int as n
          from responses r join question_sets s on s.id = r.question_set_id and s.code = 'ADULT_PB' and s.version = 1
          join answers x on x.response_id = r.id join questions xq on xq.id = x.question_id and xq.code = 'quality_of_life' join scale_options xo on xo.id = x.option_id and xo.band = 'POSITIVE'
          join answers g on g.response_id = r.id join questions gq on gq.id = g.question_id and gq.code = 'gender' join scale_options go on go.id = g.option_id
          join answers a on a.response_id = r.id join questions aq on aq.id = a.question_id and aq.code = 'age_band' join scale_options ao on ao.id = a.option_id
          where r.withdrawn_at is null group by 1, 2, 3`,
    ))
      crossTruth.set(`${c.year}|${c.g}|${c.a}`, c.n);
    const cross = new Map<string, Map<string, number | null>>();
    for (const run of RUNS) {
      const { breakdown } = await demo.api.data(
        `query($p: PeriodInput) { breakdown(questionSet: ADULT_PB, version: 1, question: "quality_of_life", by: "gender", thenBy: "age_band", period: $p) { crossCategories { option { code } thenOption { code } measure { numerator } } } }`,
        { p: periodOf(run) },
      );
      cross.set(
        runKey(run),
        new Map(
          breakdown.crossCategories.map((c: { option: { code: string }; thenOption: { code: string }; measure: { numerator: number | null } }) => [
            `${c.option.code}|${c.thenOption.code}`,
            c.measure.numerator,
          ]),
        ),
      );
    }
    const crossTargets: Target[] = [];
    for (const run of RUNS) {
      for (const [cell, n] of cross.get(runKey(run))!) {
        if (n !== null) continue;
        const bound = byPeriods(run, (r) => boundOf(cross.get(runKey(r))!.get(cell), false)).reduce<Bound>(intersect, ANY);
        crossTargets.push({ id: `${runKey(run)} ${cell}`, truth: sumYears(run, (y) => crossTruth.get(`${y}|${cell}`) ?? 0), bound });
      }
    }
    const twoWay = attack("two-way breakdowns by periods", crossTargets);
    expect(twoWay.small).toBeGreaterThan(20);
    expect(twoWay.pinned).toBe(0);

    // Associations: the 2×2 tables of England and the regions over overlapping periods.
    const pairTruth = new Map<string, number>();
    for (const c of await queryRows<{ area: string; year: number; p: string; o: string; n: number }>(
      demo.database.db,
      sql`select aa.ancestor_code as area, r.financial_year as year, po.band::text as p, qo.band::text as o, count(*)::int as n
          from responses r join question_sets s on s.id = r.question_set_id and s.code = 'ADULT_PB' and s.version = 1 join area_ancestors aa on aa.area_code = r.area_code
          join answers x on x.response_id = r.id join questions xq on xq.id = x.question_id and xq.code = 'ease_getting_budget' join scale_options po on po.id = x.option_id
          join answers y on y.response_id = r.id join questions yq on yq.id = y.question_id and yq.code = 'quality_of_life' join scale_options qo on qo.id = y.option_id
          where r.withdrawn_at is null and po.band in ('POSITIVE', 'NEGATIVE') and qo.band <> 'EXCLUDED' group by 1, 2, 3, 4`,
    ))
      pairTruth.set(
        `${c.area}|${c.year}|${c.p}|${c.o === "POSITIVE" ? "POSITIVE" : "OTHER"}`,
        (pairTruth.get(`${c.area}|${c.year}|${c.p}|${c.o === "POSITIVE" ? "POSITIVE" : "OTHER"}`) ?? 0) + c.n,
      );
    const CELLS = [
      ["exposedPositive", "POSITIVE", "POSITIVE"],
      ["exposedOther", "POSITIVE", "OTHER"],
      ["unexposedPositive", "NEGATIVE", "POSITIVE"],
      ["unexposedOther", "NEGATIVE", "OTHER"],
    ] as const;
    const tables = new Map<string, Record<string, number> | null>();
    for (const area of areas) {
      for (const run of RUNS) {
        const { association } = await demo.api.data(
          `query($a: String!, $p: PeriodInput) { association(questionSet: ADULT_PB, version: 1, process: "ease_getting_budget", outcome: "quality_of_life", area: $a, period: $p) {
            table { exposedPositive exposedOther unexposedPositive unexposedOther } } }`,
          { a: area, p: periodOf(run) },
        );
        tables.set(`${area}|${runKey(run)}`, association.table);
      }
    }
    const pairTargets: Target[] = [];
    for (const area of areas) {
      for (const run of RUNS) {
        if (tables.get(`${area}|${runKey(run)}`)) continue;
        for (const [field, p, o] of CELLS) {
          const bound = byPeriods(run, (r) => boundOf(tables.get(`${area}|${runKey(r)}`)?.[field] ?? null, false)).reduce<Bound>(intersect, ANY);
          pairTargets.push({ id: `${area} ${runKey(run)} ${field}`, truth: sumYears(run, (y) => pairTruth.get(`${area}|${y}|${p}|${o}`) ?? 0), bound });
        }
      }
    }
    const pairs = attack("associations by periods", pairTargets);
    expect(pairs.small).toBeGreaterThan(5);
    expect(pairs.pinned).toBe(0);
  });
});

describe("what differencing learns", () => {
  it("is measured and printed for the design note", () => {
    // Printed so that docs/disclosure-control.md can quote the numbers of a run.
    console.table(reports);
    expect(reports.length).toBeGreaterThanOrEqual(5);
  });
});
