/*
 * An interval attacker: every true count it cares about is a variable with bounds, every public
 * sum a constraint `total = Σ parts`, and it tightens each bound from the others until nothing
 * moves (interval constraint propagation, as an analyst with a spreadsheet of published figures
 * and every additive identity between them would). Used by the attack tests, which then count
 * what it proved of the hidden cells; `check` first makes sure every bound still holds its truth,
 * or the attacker (not the platform) is wrong.
 */

export type Interval = [number, number];

export class IntervalSystem {
  readonly bounds = new Map<string, Interval>();
  private readonly sums: { total: string; parts: string[] }[] = [];
  private readonly involving = new Map<string, number[]>();

  /** Narrows a variable to [lo, hi] (creating it at [0, ∞) first). */
  bound(id: string, lo: number, hi: number): void {
    const [a, b] = this.bounds.get(id) ?? [0, Number.POSITIVE_INFINITY];
    this.bounds.set(id, [Math.max(a, lo), Math.min(b, hi)]);
  }

  /** A public sum: `total` is the sum of `parts`. */
  sum(total: string, parts: string[]): void {
    if (!parts.length) return;
    const index = this.sums.length;
    this.sums.push({ total, parts });
    for (const id of [total, ...parts]) {
      this.bound(id, 0, Number.POSITIVE_INFINITY);
      this.involving.set(id, [...(this.involving.get(id) ?? []), index]);
    }
  }

  /** Tightens every bound until none moves (or `rounds` passes). Returns the passes it took. */
  propagate(rounds = 50): number {
    let queue = new Set(this.sums.map((_, i) => i));
    let pass = 0;
    for (; pass < rounds && queue.size; pass++) {
      const next = new Set<number>();
      for (const i of queue) {
        const { total, parts } = this.sums[i]!;
        const b = (id: string) => this.bounds.get(id)!;
        const lo = parts.reduce((s, p) => s + b(p)[0], 0);
        // The parts' upper bounds summed, counting the unbounded apart (∞ − ∞ is no number).
        let finiteHi = 0;
        let unbounded = 0;
        for (const p of parts) {
          const h = b(p)[1];
          if (h === Number.POSITIVE_INFINITY) unbounded++;
          else finiteHi += h;
        }
        const hi = unbounded ? Number.POSITIVE_INFINITY : finiteHi;
        const changed: string[] = [];
        const tighten = (id: string, nlo: number, nhi: number) => {
          const [a, c] = b(id);
          const la = Math.max(a, Math.ceil(nlo));
          const hc = Math.min(c, Math.floor(nhi));
          if (Number.isNaN(la) || Number.isNaN(hc)) throw new Error(`interval of ${id} is not a number`);
          if (la !== a || hc !== c) {
            this.bounds.set(id, [la, hc]);
            changed.push(id);
          }
        };
        tighten(total, lo, hi);
        const [tlo, thi] = b(total);
        for (const p of parts) {
          const [plo, phi] = b(p);
          const othersHi =
            phi === Number.POSITIVE_INFINITY ? (unbounded > 1 ? Number.POSITIVE_INFINITY : finiteHi) : unbounded ? Number.POSITIVE_INFINITY : finiteHi - phi;
          tighten(p, tlo - othersHi, thi - (lo - plo));
        }
        for (const id of changed) for (const j of this.involving.get(id) ?? []) if (j !== i) next.add(j);
      }
      queue = next;
    }
    return pass;
  }

  /** Throws when a bound excludes its truth: the attacker assumed something false. */
  check(truth: (id: string) => number | undefined): void {
    for (const [id, [lo, hi]] of this.bounds) {
      const t = truth(id);
      if (t !== undefined && (t < lo || t > hi)) throw new Error(`the attacker's bound on ${id} is [${lo}, ${hi}], but its truth is ${t}`);
    }
  }
}

/** What a published count says of its truth: rounded to a multiple of 5 within 4, and at least 10. */
export const ROUNDED_WITHIN = 4;
