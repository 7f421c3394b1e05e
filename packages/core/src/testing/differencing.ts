/*
 * A differencing attacker: what can be learnt of a hidden count from published ones that it adds
 * up with. Every published count bounds its true count (exact: itself; rounded: within 4, and at
 * least 10); an identity `hidden = Σ sign × published` then bounds the hidden one, and the
 * attacker intersects the bounds of every identity they can find. Used by the attack tests, which
 * measure the result on the demo data (docs/disclosure-control.md, "What differencing learns").
 */

import { financialYearLabel } from "../time/index.ts";

/** The demo data's financial years, and every run of them a period can ask for. */
export const YEARS = [2022, 2023, 2024, 2025];
export type Run = readonly [number, number];
export const RUNS: Run[] = YEARS.flatMap((a) => YEARS.filter((b) => b >= a).map((b) => [a, b] as const));
export const runKey = (r: Run) => `${r[0]}-${r[1]}`;
export const periodOf = (r: Run) => ({ from: financialYearLabel(r[0]), to: financialYearLabel(r[1]) });

/** An inclusive range of true counts; `hi` may be Infinity. */
export type Bound = readonly [number, number];

export const ANY: Bound = [0, Infinity];

/** What a published value says of its true count: null when nothing was published. */
export function boundOf(published: number | null | undefined, exact: boolean): Bound | null {
  if (published === null || published === undefined) return null;
  return exact ? [published, published] : [Math.max(10, published - 4), published + 4];
}

/** The bound of `Σ sign × term`, or null when a term is unknown. */
export function combine(terms: { sign: 1 | -1; bound: Bound | null }[]): Bound | null {
  let lo = 0;
  let hi = 0;
  for (const { sign, bound } of terms) {
    if (!bound) return null;
    lo += sign > 0 ? bound[0] : -bound[1];
    hi += sign > 0 ? bound[1] : -bound[0];
  }
  return [lo, hi];
}

export const intersect = (a: Bound, b: Bound | null): Bound => (b ? [Math.max(a[0], b[0]), Math.min(a[1], b[1])] : a);

export interface Target {
  id: string;
  truth: number;
  bound: Bound;
}

export interface AttackReport {
  attack: string;
  /** Hidden cells whose true count is under 10. */
  small: number;
  /** Of those, how many the attacker proved non-zero (lower bound ≥ 1). */
  provedNonZero: number;
  /** Hidden cells pinned to one value. */
  pinned: number;
  /** The narrowest bound the attacker reached on a hidden small cell (hi − lo), and on a true zero (hi). */
  narrowest: number;
  zeroBoundedAt: number;
}

/** Checks that every bound holds its truth (or the attack is wrong), then measures what was learnt. */
export function report(attack: string, targets: Target[]): AttackReport {
  for (const t of targets) {
    if (t.truth < t.bound[0] || t.truth > t.bound[1])
      throw new Error(`${attack}: ${t.id} is ${t.truth}, outside the derived bound [${t.bound[0]}, ${t.bound[1]}]`);
  }
  const small = targets.filter((t) => t.truth < 10);
  const zeros = small.filter((t) => t.truth === 0);
  return {
    attack,
    small: small.length,
    provedNonZero: small.filter((t) => t.bound[0] >= 1).length,
    pinned: targets.filter((t) => t.bound[0] === t.bound[1]).length,
    narrowest: Math.min(...small.map((t) => t.bound[1] - t.bound[0])),
    zeroBoundedAt: Math.min(...zeros.map((t) => t.bound[1])),
  };
}
