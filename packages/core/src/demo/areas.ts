/**
 * Which areas take part in the demo data, how much each contributes, and how well each does.
 * POET is used by members, so only some councils (about 60% of each region's) take part, and
 * not every member uses every instrument; some joined later than others.
 *
 * Membership was concentrated: a few members ran an instrument at scale and sent most of its
 * responses, the rest a handful a year. The demo data do the same, so that about as many
 * (council, instrument) pairs have enough responses for a local report (more than 100, the
 * default report threshold, over every year) as POET's members had: 85.
 */
import { referenceAreas } from "../area/index.ts";
import type { QuestionSetCode } from "../questionset/index.ts";
import { Rng } from "./prng.ts";

/** Financial years covered, by the calendar year they start in (2022 = 2022-23). */
export const DEMO_FINANCIAL_YEARS = [2022, 2023, 2024, 2025] as const;
/** Relative volume of each year: collection grew, and version 2 (2025-26) brought more. */
const YEAR_GROWTH = [1, 1.15, 1.3, 2.1];

export interface DemoArea {
  code: string;
  /** Index in DEMO_FINANCIAL_YEARS of the first year the area collected this instrument. */
  firstYear: number;
  /** Relative number of responses over every year the area collects in. */
  weight: number;
  /** The area's effect on the latent propensity of its respondents (standard deviations). */
  effect: number;
}

interface Member {
  code: string;
  /** The region (for an ICB, the NHS region) it is in. */
  region: string;
  population: number;
  effect: number;
  firstYear: number;
  size: number;
  ehcp: boolean;
  adult: boolean;
  cyp: boolean;
  carer: boolean;
  phb: boolean;
}

function members(seed: number): { councils: Member[]; icbs: Member[] } {
  const rng = new Rng(seed, "areas");
  const all = referenceAreas();
  const member = (a: (typeof all)[number]): Member => {
    const ehcp = rng.next() < 0.8;
    const adult = rng.next() < 0.7 || !ehcp;
    return {
      code: a.code,
      region: a.parentCode ?? "",
      population: a.population ?? 300_000,
      effect: 0.3 * rng.normal(),
      firstYear: rng.pick([0.55, 0.2, 0.15, 0.1]),
      size: Math.exp(0.45 * rng.normal()),
      ehcp,
      adult,
      cyp: ehcp && rng.next() < 0.85,
      carer: adult && rng.next() < 0.8,
      phb: true,
    };
  };
  const choose = (type: "LOCAL_AUTHORITY" | "ICB", share: number) => {
    const byParent = new Map<string, (typeof all)[number][]>();
    for (const a of all.filter((x) => x.type === type)) {
      const list = byParent.get(a.parentCode ?? "") ?? [];
      list.push(a);
      byParent.set(a.parentCode ?? "", list);
    }
    const chosen: Member[] = [];
    for (const parent of [...byParent.keys()].sort()) {
      const list = rng.shuffle(byParent.get(parent)!.sort((x, y) => x.code.localeCompare(y.code)));
      const n = Math.max(1, Math.round(share * list.length));
      for (const a of list.slice(0, n)) chosen.push(member(a));
    }
    return chosen.sort((x, y) => x.code.localeCompare(y.code));
  };
  return { councils: choose("LOCAL_AUTHORITY", 0.63), icbs: choose("ICB", 0.6) };
}

const cache = new Map<number, ReturnType<typeof members>>();

/**
 * How many of an instrument's member areas collect it at scale, from the start: in each region
 * the members with the most responses in prospect (the largest, keenest ones). Tuned with
 * AT_SCALE_SHARE so that each of them has more than 100 responses at scale 1 (110 to 190 with
 * the default seed, and with the others tried) and the rest fewer, so that the six instruments
 * make 86 local reports (81 councils' and 5 ICBs'); eligibility.db.test.ts holds it to 80 to 90.
 */
const AT_SCALE: Record<QuestionSetCode, number> = { ADULT_PB: 19, CARER: 10, PHB: 5, CYP_EHCP: 8, PARENT_EHCP: 17, PRACTITIONER_EHCP: 27 };
/** The share of an instrument's responses that come from the members collecting it at scale. */
const AT_SCALE_SHARE = 0.8;

/**
 * The `n` members that collect at scale: shared out among the regions in proportion to their
 * members (Sainte-Laguë), so that most regions' figures rest on some, and in each region the
 * members with the most responses in prospect.
 */
function chooseAtScale<T extends { region: string; prospect: number }>(users: T[], n: number): Set<T> {
  const byRegion = new Map<string, T[]>();
  for (const u of users) byRegion.set(u.region, [...(byRegion.get(u.region) ?? []), u]);
  const regions = [...byRegion.keys()].sort();
  const seats = new Map(regions.map((r) => [r, 0]));
  for (let k = 0; k < Math.min(n, users.length); k++) {
    const quotient = (r: string) => byRegion.get(r)!.length / (2 * seats.get(r)! + 1);
    const next = regions.reduce((best, r) => (quotient(r) > quotient(best) ? r : best));
    seats.set(next, seats.get(next)! + 1);
  }
  return new Set(regions.flatMap((r) => [...byRegion.get(r)!].sort((a, b) => b.prospect - a.prospect).slice(0, seats.get(r))));
}

/** The areas that collect `code`, with their weights and effects (deterministic in `seed`). */
export function demoAreas(seed: number, code: QuestionSetCode): DemoArea[] {
  if (!cache.has(seed)) cache.set(seed, members(seed));
  const { councils, icbs } = cache.get(seed)!;
  const uses: Record<QuestionSetCode, (m: Member) => boolean> = {
    ADULT_PB: (m) => m.adult,
    CARER: (m) => m.carer,
    PHB: (m) => m.phb,
    CYP_EHCP: (m) => m.cyp,
    PARENT_EHCP: (m) => m.ehcp,
    PRACTITIONER_EHCP: (m) => m.ehcp,
  };
  const rng = new Rng(seed, "areas", code);
  const users = (code === "PHB" ? icbs : councils).filter(uses[code]).map((m) => ({
    code: m.code,
    region: m.region,
    firstYear: m.firstYear,
    // How many responses the member would send: more in a larger area, and more from a keener member.
    prospect: Math.sqrt(m.population / 100_000) * m.size * Math.exp(0.25 * rng.normal()),
    effect: m.effect + 0.12 * rng.normal(),
  }));
  const atScale = chooseAtScale(users, AT_SCALE[code]);
  // Within each group, responses follow the prospects, damped (most among those at scale, so that
  // each of them has enough for a report) so that no member dwarfs the rest.
  const damped = (u: (typeof users)[number]) => u.prospect ** (atScale.has(u) ? 0.2 : 0.5);
  const total = (inGroup: boolean) => users.filter((u) => atScale.has(u) === inGroup).reduce((sum, u) => sum + damped(u), 0);
  const [large, small] = [total(true), total(false)];
  return users.map((u) => ({
    code: u.code,
    // Those at scale have collected it from the start.
    firstYear: atScale.has(u) ? 0 : u.firstYear,
    weight: atScale.has(u) ? (AT_SCALE_SHARE * damped(u)) / large : ((1 - AT_SCALE_SHARE) * damped(u)) / small,
    effect: u.effect,
  }));
}

/** Relative weight of responses in year index `y` for an area that started in `firstYear`. */
export function yearWeights(firstYear: number): number[] {
  return YEAR_GROWTH.map((w, y) => (y >= firstYear ? w : 0));
}
