import { describe, expect, it } from "vitest";
import type { QuestionRow, ScaleOptionRow } from "../questionset/questionset.sql.ts";
import { areaCode, areaNumber, associationSlot, CellWriter, JOINT_KIND, oneWaySlot, readCells, twoWaySlot } from "./joint-cells.ts";
import { JointCounter } from "./joint-count.ts";
import { jointLayout } from "./joint-layout.ts";

const records = (kind: 1 | 2 | 3, cells: Uint8Array) => {
  const out: [number, number, number, number][] = [];
  readCells(kind, cells, (...r) => out.push(r));
  return out;
};

describe("packed joint cells", () => {
  it("read back every record as written: areas, slots, counts of any size, key sums modulo 256", () => {
    const written: [number, number, number, number][] = [
      [10000024, oneWaySlot(2, 30), 1, 255],
      [8000025, oneWaySlot(0, 0), 127, 300],
      [10000024, oneWaySlot(1, 5), 128, -1],
      [6000001, oneWaySlot(0, 7), 16_384 * 130 + 5, 7],
    ];
    const writer = new CellWriter(JOINT_KIND.ONE_WAY);
    for (const r of written) writer.add(...r);
    expect(writer.size).toBe(4);
    expect(records(1, writer.finish())).toEqual(written.map(([a, s, n, k]) => [a, s, n, ((k % 256) + 256) % 256]));
  });

  it("give two-way cells two bytes of slot, and decode their band and both options", () => {
    const writer = new CellWriter(JOINT_KIND.TWO_WAY);
    writer.add(12000007, twoWaySlot(2, 30, 29), 12, 9);
    const [[area, slot, count, key]] = records(2, writer.finish()) as [[number, number, number, number]];
    expect([areaCode(area), Math.floor(slot / 1024), Math.floor(slot / 32) % 32, slot % 32, count, key]).toEqual(["E12000007", 2, 30, 29, 12, 9]);
    expect(associationSlot(2, 1)).toBe(7);
  });

  it("are empty for no cell, refuse a cell of nothing, and name English areas by number", () => {
    expect(records(3, new Uint8Array())).toEqual([]);
    expect(() => new CellWriter(JOINT_KIND.ASSOCIATION).add(1, 0, 0, 0)).toThrow("at least one");
    expect(areaNumber("E06000001")).toBe(6000001);
    expect(areaCode(6000001)).toBe("E06000001");
    expect(() => areaNumber("W06000001")).toThrow("not an English GSS code");
  });
});

// A tiny instrument: a graded PROCESS question (3 options and a "don't know"), a graded OUTCOME
// question (2 options), and two categorical ABOUT_YOU questions, one multi-tick.
const option = (scaleId: number, position: number, code: string, band: ScaleOptionRow["band"]) =>
  ({ id: scaleId * 100 + position, scaleId, position, code, label: code, band, bit: 1 << position }) as ScaleOptionRow;
const OPTIONS = new Map<number, ScaleOptionRow[]>([
  [1, [option(1, 0, "easy", "POSITIVE"), option(1, 1, "neither", "NEUTRAL"), option(1, 2, "hard", "NEGATIVE"), option(1, 3, "dont_know", "EXCLUDED")]],
  [2, [option(2, 0, "better", "POSITIVE"), option(2, 1, "worse", "NEGATIVE")]],
  [3, [option(3, 0, "female", null), option(3, 1, "male", null)]],
  [4, [option(4, 0, "pa", null), option(4, 1, "carer", null), option(4, 2, "day", null)]],
]);
const question = (id: number, position: number, kind: QuestionRow["kind"], scaleId: number) =>
  ({ id, position, kind, scaleId, questionSetId: 1 }) as QuestionRow;
const QUESTIONS = [question(11, 0, "PROCESS", 1), question(12, 1, "OUTCOME", 2), question(13, 2, "ABOUT_YOU", 3), question(14, 3, "ABOUT_YOU", 4)];
const LEAVES = ["E06000001", "E06000002", "E08000001"];
const REGION: Record<string, string> = { E06000001: "E12000001", E06000002: "E12000001", E08000001: "E12000002" };

function randomResponses(n: number, seed: number) {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  return Array.from({ length: n }, () => ({
    area: LEAVES[Math.floor(next() * 3)]!,
    key: Math.floor(next() * 256),
    // Some skipped (0), some ticking several categories.
    choices: [
      next() < 0.1 ? 0 : 1 << Math.floor(next() * 4),
      next() < 0.1 ? 0 : 1 << Math.floor(next() * 2),
      next() < 0.2 ? 0 : 1 << Math.floor(next() * 2),
      Math.floor(next() * 8),
    ],
  }));
}

/** The obvious count: every option of every question, decoded, crossed. */
function naive(responses: ReturnType<typeof randomResponses>) {
  const cells = new Map<string, { n: number; k: number }>();
  const add = (key: string, k: number) => {
    const c = cells.get(key) ?? { n: 0, k: 0 };
    cells.set(key, { n: c.n + 1, k: (c.k + k) % 256 });
  };
  const chosen = (pos: number, mask: number) => OPTIONS.get(QUESTIONS[pos]!.scaleId)!.filter((o) => mask & o.bit!);
  const band = (o: ScaleOptionRow) => ["POSITIVE", "NEUTRAL", "NEGATIVE"].indexOf(o.band ?? "");
  for (const r of responses) {
    const measured = [0, 1].flatMap((pos) =>
      chosen(pos, r.choices[pos]!)
        .filter((o) => band(o) >= 0)
        .map((o) => ({ q: QUESTIONS[pos]!.id, b: band(o) })),
    );
    const cats = [2, 3].flatMap((pos) => chosen(pos, r.choices[pos]!).map((o) => ({ q: QUESTIONS[pos]!.id, o: o.position })));
    for (const m of measured) {
      for (const c of cats) add(`1|${m.q}|${c.q}|0|${r.area}|${oneWaySlot(m.b, c.o)}`, r.key);
      for (const c1 of cats) for (const c2 of cats) if (c1.q < c2.q) add(`2|${m.q}|${c1.q}|${c2.q}|${REGION[r.area]}|${twoWaySlot(m.b, c1.o, c2.o)}`, r.key);
    }
    const process = measured.filter((m) => m.q === 11);
    const outcome = measured.filter((m) => m.q === 12);
    for (const p of process) for (const o of outcome) add(`3|11|12|0|${r.area}|${associationSlot(p.b, o.b)}`, r.key);
  }
  return cells;
}

describe("the joint counter", () => {
  it("counts every one-way, two-way and association cell as the obvious count does", () => {
    const responses = randomResponses(2000, 7);
    const counter = new JointCounter(
      jointLayout(1, QUESTIONS, (scaleId) => OPTIONS.get(scaleId)!),
      { codes: LEAVES, regionOf: (code) => REGION[code]! },
    );
    for (const r of responses) counter.add(r.area, r.key, r.choices);
    const counted = new Map<string, { n: number; k: number }>();
    for (const row of counter.rows())
      readCells(row.kind, row.cells, (area, slot, n, k) =>
        counted.set(`${row.kind}|${row.first}|${row.second}|${row.third}|${areaCode(area)}|${slot}`, { n, k }),
      );
    const expected = naive(responses);
    expect(counted.size).toBeGreaterThan(100);
    expect(Object.fromEntries(counted)).toEqual(Object.fromEntries(expected));
    expect(counter.responses).toBe(2000);
  });

  it("measures graded questions that are not ABOUT_YOU, and splits by questions with categories", () => {
    const layout = jointLayout(1, QUESTIONS, (scaleId) => OPTIONS.get(scaleId)!);
    expect(layout.questions.map((q) => [q.id, q.measured, q.process, q.outcome, q.categorical])).toEqual([
      [11, true, true, false, false],
      [12, true, false, true, false],
      [13, false, false, false, true],
      [14, false, false, false, true],
    ]);
  });

  it("refuses a response from an area it does not count", () => {
    const counter = new JointCounter(
      jointLayout(1, QUESTIONS, (scaleId) => OPTIONS.get(scaleId)!),
      { codes: LEAVES, regionOf: (c) => REGION[c]! },
    );
    expect(() => counter.add("E10000024", 1, [1, 1, 1, 1])).toThrow("E10000024 is not a council or ICB it counts");
  });
});
