/**
 * Which areas take part in the demo data, how much each contributes, and how well each does.
 * POET is used by members, so only some councils (about 60% of each region's) take part, and
 * not every member uses every instrument; some joined later than others.
 */
import { referenceAreas } from "../area/reference.ts";
import type { QuestionSetCode } from "../questionset/types.ts";
import { Rng } from "./prng.ts";

/** Financial years covered, by the calendar year they start in (2022 = 2022-23). */
export const DEMO_FINANCIAL_YEARS = [2022, 2023, 2024, 2025] as const;
const YEAR_GROWTH = [1, 1.15, 1.3, 1.4];

export interface DemoArea {
  code: string;
  /** Index in DEMO_FINANCIAL_YEARS of the first year the area collected this instrument. */
  firstYear: number;
  /** Relative number of responses. */
  weight: number;
  /** The area's effect on the latent propensity of its respondents (standard deviations). */
  effect: number;
}

interface Member {
  code: string;
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
  return (code === "PHB" ? icbs : councils).filter(uses[code]).map((m) => ({
    code: m.code,
    firstYear: m.firstYear,
    weight: Math.sqrt(m.population / 100_000) * m.size * Math.exp(0.25 * rng.normal()),
    effect: m.effect + 0.12 * rng.normal(),
  }));
}

/** Relative weight of responses in year index `y` for an area that started in `firstYear`. */
export function yearWeights(firstYear: number): number[] {
  return YEAR_GROWTH.map((w, y) => (y >= firstYear ? w : 0));
}
