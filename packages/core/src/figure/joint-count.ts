import { areaNumber, associationSlot, CellWriter, JOINT_KIND, type JointKind, oneWaySlot, twoWaySlot } from "./joint-cells.ts";
import { CATEGORY, type JointLayout, type LayoutQuestion } from "./joint-layout.ts";

/*
 * Joint counts (a graded answer by one or two categorical answers, a PROCESS band against an
 * OUTCOME band), counted from responses' `choices` in one pass: when a release publishes a year
 * (every council's and region's cells at once), and for an organisation's own live figures. One
 * counter for both, so a live figure and a published one count the same way: each option chosen
 * of the measured question (POSITIVE, NEUTRAL or NEGATIVE) meets each category chosen of the
 * question it is split by, and a response ticking two categories counts in both.
 */

/** A packed row of `published_joint` (or its live equivalent): one joint count of one year. */
export interface JointRow {
  kind: JointKind;
  first: number;
  second: number;
  third: number;
  cells: Uint8Array;
  size: number;
}

/** The leaves (councils or ICBs) a counter counts, each with its region (two-way cells are by region). */
export interface CounterLeaves {
  codes: readonly string[];
  regionOf: (code: string) => string;
}

/**
 * Counts every joint cell of one question-set version in one year, in dense arrays (a million
 * responses are a few billion additions: plain loops over typed arrays), then packs the cells
 * that are not empty into rows.
 */
export class JointCounter {
  private readonly q: LayoutQuestion[];
  private readonly measured: number[];
  private readonly mOf: Int16Array;
  private readonly process: number[];
  private readonly pOf: Int16Array;
  private readonly outcome: number[];
  private readonly oOf: Int16Array;
  /** Categorical questions (positions) in id order, and each category's flat index by position × option. */
  private readonly cats: number[];
  private readonly catIndex: Int32Array;
  private readonly catQuestion: Int16Array;
  private readonly catOption: Int8Array;
  private readonly catLocal: Int16Array;
  private readonly catWidth: number[];
  private readonly pairOffset: Int32Array;
  private readonly pairs: number;
  private readonly leafIndex: Map<string, number>;
  private readonly regionOfLeaf: Int32Array;
  private readonly regions: string[];
  private readonly one: { n: Int32Array; k: Uint8Array };
  private readonly two: { n: Int32Array; k: Uint8Array };
  private readonly assoc: { n: Int32Array; k: Uint8Array };
  // Per response, reused: measured (question index, band) pairs, categories, process and outcome pairs.
  private mBuf: Int32Array = new Int32Array(512);
  private cBuf: Int32Array = new Int32Array(512);
  private pBuf: Int32Array = new Int32Array(512);
  private oBuf: Int32Array = new Int32Array(512);
  /** Responses counted. */
  responses = 0;

  constructor(
    readonly layout: JointLayout,
    leaves: CounterLeaves,
  ) {
    this.q = layout.questions;
    const positions = this.q.map((_, i) => i).filter((i) => this.q[i]);
    const byId = (a: number, b: number) => this.q[a]!.id - this.q[b]!.id;
    this.measured = positions.filter((p) => this.q[p]!.measured);
    this.process = positions.filter((p) => this.q[p]!.process);
    this.outcome = positions.filter((p) => this.q[p]!.outcome);
    this.cats = positions.filter((p) => this.q[p]!.categorical).sort(byId);
    const indexOf = (list: number[]) => {
      const of = new Int16Array(this.q.length).fill(-1);
      list.forEach((p, i) => {
        of[p] = i;
      });
      return of;
    };
    this.mOf = indexOf(this.measured);
    this.pOf = indexOf(this.process);
    this.oOf = indexOf(this.outcome);
    this.catIndex = new Int32Array(this.q.length * 31).fill(-1);
    const catQuestion: number[] = [];
    const catOption: number[] = [];
    const catLocal: number[] = [];
    this.catWidth = [];
    this.cats.forEach((p, ci) => {
      let local = 0;
      for (let o = 0; o < 31; o++) {
        if (this.q[p]!.bands[o] !== CATEGORY) continue;
        this.catIndex[p * 31 + o] = catQuestion.length;
        catQuestion.push(ci);
        catOption.push(o);
        catLocal.push(local++);
      }
      this.catWidth.push(local);
    });
    this.catQuestion = Int16Array.from(catQuestion);
    this.catOption = Int8Array.from(catOption);
    this.catLocal = Int16Array.from(catLocal);
    const b = this.cats.length;
    this.pairOffset = new Int32Array(b * b).fill(-1);
    let offset = 0;
    for (let i = 0; i < b; i++)
      for (let j = i + 1; j < b; j++) {
        this.pairOffset[i * b + j] = offset;
        offset += this.catWidth[i]! * this.catWidth[j]!;
      }
    this.pairs = offset;
    this.leafIndex = new Map(leaves.codes.map((c, i) => [c, i]));
    this.regions = [...new Set(leaves.codes.map(leaves.regionOf))].sort();
    const regionIndex = new Map(this.regions.map((r, i) => [r, i]));
    this.regionOfLeaf = Int32Array.from(leaves.codes.map((c) => regionIndex.get(leaves.regionOf(c))!));
    const n = leaves.codes.length;
    const cells = (size: number) => ({ n: new Int32Array(size), k: new Uint8Array(size) });
    this.one = cells(n * this.measured.length * 3 * catQuestion.length);
    this.two = cells(this.regions.length * this.measured.length * 3 * this.pairs);
    this.assoc = cells(n * this.process.length * this.outcome.length * 9);
  }

  /** Counts one response: its council or ICB, its record key and its choices. */
  add(area: string, key: number, choices: ArrayLike<number>): void {
    const leaf = this.leafIndex.get(area);
    if (leaf === undefined) throw new Error(`joint counter: ${area} is not a council or ICB it counts`);
    const needed = choices.length * 31 * 2;
    if (needed > this.mBuf.length) {
      this.mBuf = new Int32Array(needed);
      this.cBuf = new Int32Array(needed);
      this.pBuf = new Int32Array(needed);
      this.oBuf = new Int32Array(needed);
    }
    const { mBuf, cBuf, pBuf, oBuf } = this;
    let nm = 0;
    let nc = 0;
    let np = 0;
    let no = 0;
    const count = Math.min(choices.length, this.q.length);
    for (let pos = 0; pos < count; pos++) {
      let mask = choices[pos]! | 0;
      const question = this.q[pos];
      if (mask === 0 || !question) continue;
      while (mask !== 0) {
        const bit = 31 - Math.clz32(mask & -mask);
        mask &= mask - 1;
        const band = question.bands[bit]!;
        if (band >= 0) {
          const m = this.mOf[pos]!;
          if (m >= 0) (mBuf[nm++] = m), (mBuf[nm++] = band);
          const p = this.pOf[pos]!;
          if (p >= 0) (pBuf[np++] = p), (pBuf[np++] = band);
          const o = this.oOf[pos]!;
          if (o >= 0) (oBuf[no++] = o), (oBuf[no++] = band);
        } else if (band === CATEGORY) {
          const c = this.catIndex[pos * 31 + bit]!;
          if (c >= 0) cBuf[nc++] = c;
        }
      }
    }
    this.responses++;
    const M = this.measured.length;
    const C = this.catQuestion.length;
    const B = this.cats.length;
    const region = this.regionOfLeaf[leaf]!;
    const { one, two, assoc } = this;
    for (let i = 0; i < nm; i += 2) {
      const m = mBuf[i]!;
      const band = mBuf[i + 1]!;
      const base1 = ((leaf * M + m) * 3 + band) * C;
      for (let j = 0; j < nc; j++) {
        const at = base1 + cBuf[j]!;
        one.n[at]!++;
        one.k[at] = (one.k[at]! + key) & 255;
      }
      const base2 = ((region * M + m) * 3 + band) * this.pairs;
      for (let j = 0; j < nc; j++) {
        const c1 = cBuf[j]!;
        const q1 = this.catQuestion[c1]!;
        for (let l = 0; l < nc; l++) {
          const c2 = cBuf[l]!;
          const q2 = this.catQuestion[c2]!;
          if (q2 <= q1) continue;
          const at = base2 + this.pairOffset[q1 * B + q2]! + this.catLocal[c1]! * this.catWidth[q2]! + this.catLocal[c2]!;
          two.n[at]!++;
          two.k[at] = (two.k[at]! + key) & 255;
        }
      }
    }
    const P = this.process.length;
    const O = this.outcome.length;
    for (let i = 0; i < np; i += 2) {
      const base = (leaf * P + pBuf[i]!) * O;
      for (let j = 0; j < no; j += 2) {
        const at = (base + oBuf[j]!) * 9 + pBuf[i + 1]! * 3 + oBuf[j + 1]!;
        assoc.n[at]!++;
        assoc.k[at] = (assoc.k[at]! + key) & 255;
      }
    }
  }

  /** Every joint count with at least one cell that is not empty, packed. */
  rows(): JointRow[] {
    const rows: JointRow[] = [];
    const leaves = [...this.leafIndex.keys()].map(areaNumber);
    const regions = this.regions.map(areaNumber);
    const M = this.measured.length;
    const C = this.catQuestion.length;
    const B = this.cats.length;
    const push = (kind: JointKind, ids: [number, number, number], writer: CellWriter) => {
      if (writer.size) rows.push({ kind, first: ids[0], second: ids[1], third: ids[2], cells: writer.finish(), size: writer.size });
    };
    for (let m = 0; m < M; m++) {
      const measured = this.q[this.measured[m]!]!.id;
      for (let b = 0; b < B; b++) {
        const writer = new CellWriter(JOINT_KIND.ONE_WAY);
        for (let leaf = 0; leaf < leaves.length; leaf++)
          for (let band = 0; band < 3; band++) {
            const base = ((leaf * M + m) * 3 + band) * C;
            for (let c = 0; c < C; c++) {
              if (this.catQuestion[c] !== b) continue;
              const n = this.one.n[base + c]!;
              if (n) writer.add(leaves[leaf]!, oneWaySlot(band, this.catOption[c]!), n, this.one.k[base + c]!);
            }
          }
        push(JOINT_KIND.ONE_WAY, [measured, this.q[this.cats[b]!]!.id, 0], writer);
      }
      for (let b1 = 0; b1 < B; b1++)
        for (let b2 = b1 + 1; b2 < B; b2++) {
          const writer = new CellWriter(JOINT_KIND.TWO_WAY);
          const [w1, w2] = [this.catWidth[b1]!, this.catWidth[b2]!];
          const options1 = this.optionsOf(b1);
          const options2 = this.optionsOf(b2);
          for (let r = 0; r < regions.length; r++)
            for (let band = 0; band < 3; band++) {
              const base = ((r * M + m) * 3 + band) * this.pairs + this.pairOffset[b1 * B + b2]!;
              for (let i = 0; i < w1; i++)
                for (let j = 0; j < w2; j++) {
                  const at = base + i * w2 + j;
                  const n = this.two.n[at]!;
                  if (n) writer.add(regions[r]!, twoWaySlot(band, options1[i]!, options2[j]!), n, this.two.k[at]!);
                }
            }
          push(JOINT_KIND.TWO_WAY, [measured, this.q[this.cats[b1]!]!.id, this.q[this.cats[b2]!]!.id], writer);
        }
    }
    const P = this.process.length;
    const O = this.outcome.length;
    for (let p = 0; p < P; p++)
      for (let o = 0; o < O; o++) {
        const writer = new CellWriter(JOINT_KIND.ASSOCIATION);
        for (let leaf = 0; leaf < leaves.length; leaf++) {
          const base = ((leaf * P + p) * O + o) * 9;
          for (let s = 0; s < 9; s++) {
            const n = this.assoc.n[base + s]!;
            if (n) writer.add(leaves[leaf]!, associationSlot(Math.floor(s / 3), s % 3), n, this.assoc.k[base + s]!);
          }
        }
        push(JOINT_KIND.ASSOCIATION, [this.q[this.process[p]!]!.id, this.q[this.outcome[o]!]!.id, 0], writer);
      }
    return rows;
  }

  /** The option positions of the `b`-th categorical question, in the order its cells are laid out. */
  private optionsOf(b: number): number[] {
    const options: number[] = [];
    for (let c = 0; c < this.catQuestion.length; c++) if (this.catQuestion[c] === b) options.push(this.catOption[c]!);
    return options;
  }
}
