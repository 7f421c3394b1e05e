import type { AreaRow } from "../area/index.ts";
import type { QuestionRow } from "../questionset/index.ts";
import { EMPTY_BAND_CELLS } from "./cube.ts";
import { addCells, type Cell, EMPTY_CELL } from "./disclosure.ts";
import type { Atom } from "./family.ts";
import { areaCode, JOINT_KIND, readCells } from "./joint-cells.ts";
import { BAND_OF_INDEX } from "./joint-layout.ts";
import type { ReferenceData } from "./reference.ts";
import { type FigureSource, jointKey } from "./source.ts";

/*
 * Joint counts (a measure split by one or two categorical answers, a PROCESS band against an
 * OUTCOME band), read from the source's packed joint rows (`joint-count.ts` counts them when a
 * release is cut, or from an organisation's own responses when live), for an area (every council,
 * ICB or region inside it), year by year and version by version: a figure's family's atoms
 * (`family.ts`), each keyed by the measured (or PROCESS) question of its version. The same counts
 * and key sums a cube would hold, so disclosure control publishes the same values.
 */

/** Every year of a period. */

function addAtom(into: Map<string, Map<string, Atom>>, key: string, year: number, question: number, band: number, cell: Cell): void {
  const atoms = into.get(key) ?? new Map<string, Atom>();
  into.set(key, atoms);
  const id = `${year}|${question}`;
  const atom = atoms.get(id) ?? { year, question, cells: EMPTY_BAND_CELLS };
  const name = BAND_OF_INDEX[band]!;
  atoms.set(id, { ...atom, cells: { ...atom.cells, [name]: addCells(atom.cells[name], cell), answered: addCells(atom.cells.answered, cell) } });
}

const atomLists = (found: Map<string, Map<string, Atom>>) => new Map([...found].map(([key, atoms]) => [key, [...atoms.values()]]));

/** Pairs of the same question in two pools, version by version. */
function sameVersion(a: readonly QuestionRow[], b: readonly QuestionRow[]): [QuestionRow, QuestionRow][] {
  return a.flatMap((x) => b.filter((y) => y.questionSetId === x.questionSetId).map((y) => [x, y] as [QuestionRow, QuestionRow]));
}

function inArea(ref: ReferenceData, area: AreaRow): (n: number) => boolean {
  const memo = new Map<number, boolean>();
  return (n) => {
    let inside = memo.get(n);
    if (inside === undefined) {
      inside = ref.ancestors.get(areaCode(n))?.has(area.code) ?? false;
      memo.set(n, inside);
    }
    return inside;
  };
}

/** The option code at each position of a question's scale. */
function codesOf(ref: ReferenceData, question: QuestionRow): string[] {
  const codes: string[] = [];
  for (const o of ref.optionsByScale.get(question.scaleId) ?? []) codes[o.position] = o.code;
  return codes;
}

/** The atoms of the measured question by option (code) of the `by` question, in an area, in each of `years`. */
export async function oneWayAtoms(
  source: FigureSource,
  measured: readonly QuestionRow[],
  by: readonly QuestionRow[],
  area: AreaRow,
  years: number[],
): Promise<Map<string, Atom[]>> {
  const pairs = sameVersion(measured, by);
  const rows = await source.jointRows(
    JOINT_KIND.ONE_WAY,
    years,
    pairs.map(([m, b]) => [m.id, b.id, 0] as const),
  );
  const result = new Map<string, Map<string, Atom>>();
  const inside = inArea(source.ref, area);
  for (const [m, b] of pairs) {
    const codes = codesOf(source.ref, b);
    for (const year of years) {
      const row = rows.get(jointKey(year, m.id, b.id, 0));
      if (!row) continue;
      readCells(JOINT_KIND.ONE_WAY, row.cells, (at, slot, count, keySum) => {
        if (inside(at)) addAtom(result, codes[slot % 32]!, year, m.id, Math.floor(slot / 32), { count, keySum });
      });
    }
  }
  return atomLists(result);
}

/** The atoms of the measured question by the options of `by` and `thenBy` (keys `byCode|thenCode`), in an area, in each of `years`. */
export async function twoWayAtoms(
  source: FigureSource,
  measured: readonly QuestionRow[],
  by: readonly QuestionRow[],
  thenBy: readonly QuestionRow[],
  area: AreaRow,
  years: number[],
): Promise<Map<string, Atom[]>> {
  const triples = sameVersion(measured, by).flatMap(([m, b]) => thenBy.filter((t) => t.questionSetId === m.questionSetId).map((t) => [m, b, t] as const));
  // Kept with the lower question id first, whichever way a figure asks.
  const stored = triples.map(([m, b, t]) => (b.id < t.id ? ([m.id, b.id, t.id] as const) : ([m.id, t.id, b.id] as const)));
  const rows = await source.jointRows(JOINT_KIND.TWO_WAY, years, stored);
  const result = new Map<string, Map<string, Atom>>();
  const inside = inArea(source.ref, area);
  for (const [m, b, t] of triples) {
    const swapped = b.id > t.id;
    const [low, high] = swapped ? [t, b] : [b, t];
    const [lowCodes, highCodes] = [codesOf(source.ref, low), codesOf(source.ref, high)];
    for (const year of years) {
      const row = rows.get(jointKey(year, m.id, low.id, high.id));
      if (!row) continue;
      readCells(JOINT_KIND.TWO_WAY, row.cells, (at, slot, count, keySum) => {
        if (!inside(at)) return;
        const [lowCode, highCode] = [lowCodes[Math.floor(slot / 32) % 32]!, highCodes[slot % 32]!];
        addAtom(result, swapped ? `${highCode}|${lowCode}` : `${lowCode}|${highCode}`, year, m.id, Math.floor(slot / 1024), { count, keySum });
      });
    }
  }
  return atomLists(result);
}

/** A PROCESS band against an OUTCOME band: slot `processBand × 3 + outcomeBand` of an association atom. */
export const associationSlots = (slot: number) => ({ processBand: BAND_OF_INDEX[Math.floor(slot / 3)]!, outcomeBand: BAND_OF_INDEX[slot % 3]! });

/** The atoms of a PROCESS question's bands against an OUTCOME question's (nine cells each), in an area, in each of `years`. */
export async function associationAtoms(
  source: FigureSource,
  process: readonly QuestionRow[],
  outcome: readonly QuestionRow[],
  area: AreaRow,
  years: number[],
): Promise<Atom<Cell[]>[]> {
  const pairs = sameVersion(process, outcome);
  const rows = await source.jointRows(
    JOINT_KIND.ASSOCIATION,
    years,
    pairs.map(([p, o]) => [p.id, o.id, 0] as const),
  );
  const inside = inArea(source.ref, area);
  const atoms: Atom<Cell[]>[] = [];
  for (const [p, o] of pairs)
    for (const year of years) {
      const row = rows.get(jointKey(year, p.id, o.id, 0));
      if (!row) continue;
      const cells: Cell[] = Array.from({ length: 9 }, () => EMPTY_CELL);
      readCells(JOINT_KIND.ASSOCIATION, row.cells, (at, slot, count, keySum) => {
        if (inside(at)) cells[slot] = addCells(cells[slot]!, { count, keySum });
      });
      atoms.push({ year, question: p.id, cells });
    }
  return atoms;
}
