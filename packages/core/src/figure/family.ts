import { addBandCells, EMPTY_BAND_CELLS } from "./cube.ts";
import type { BandCells } from "./disclosure.ts";
import { bandPasses, type CountableBand } from "./measure.ts";
import type { Period } from "./period.ts";

/*
 * Periods, versions and releases, protected together (docs/disclosure-control.md, "Periods,
 * versions and releases"). The cells of one area and one question (with the versions it pools),
 * one band at a time, form a family; so do a breakdown category's, a two-way cell's and an
 * association table's. Its atoms are the cells of each financial year of each version, and every
 * period a figure asks for is a sum of atoms: a published sum beside published atoms would pin a
 * hidden atom by subtraction, within one release or between two.
 *
 * So each version's atoms are grouped into blocks, in year order: a block closes as soon as it
 * could be published on its own (the band, and the rest, each hold 10); the atoms after the last
 * closed block wait, unpublished, for the years that close their block. A release publishes a
 * family's figure only when it counts whole closed blocks: any figure where every year could be
 * shown (each year its own block), a small area's figures over the runs of years that make its
 * blocks. A year is frozen when it is published and blocks are made from the first year on, so a
 * later release only adds blocks: every figure any release published stays a union of blocks,
 * and the difference of any two is a block or more, never a cell too small to show.
 */

/** One cell of a family: a financial year's answers to one version's question. */
export interface Atom<C = BandCells> {
  year: number;
  /** The question (so the version) whose answers it counts. */
  question: number;
  cells: C;
}

export interface FamilyRequest {
  questionIds: readonly number[];
  period: Period;
}

const asks = (request: FamilyRequest) => (a: Atom<unknown>) =>
  request.questionIds.includes(a.question) && a.year >= request.period.from && a.year <= request.period.to;

/**
 * Whether a request counts only whole closed blocks: for each version (question), its atoms that
 * hold anything, in year order, grouped into blocks that close when `passes`; the request may
 * take a block whole or leave it, and may take nothing of the open block at the end.
 */
export function wholeBlocks<C>(
  atoms: readonly Atom<C>[],
  asked: (atom: Atom<C>) => boolean,
  holds: (cells: C) => boolean,
  add: (a: C, b: C) => C,
  passes: (cells: C) => boolean,
): boolean {
  const byVersion = new Map<number, Atom<C>[]>();
  for (const a of atoms) if (holds(a.cells)) byVersion.set(a.question, [...(byVersion.get(a.question) ?? []), a]);
  for (const list of byVersion.values()) {
    list.sort((a, b) => a.year - b.year);
    let block: Atom<C>[] = [];
    let cells: C | null = null;
    for (const atom of list) {
      block.push(atom);
      cells = cells === null ? atom.cells : add(cells, atom.cells);
      if (!passes(cells)) continue;
      const taken = block.filter(asked).length;
      if (taken !== 0 && taken !== block.length) return false;
      block = [];
      cells = null;
    }
    if (block.some(asked)) return false;
  }
  return true;
}

/** What a figure may publish of a family: the cells it asks for, and whether its blocks allow them. */
export interface FamilyView<C = BandCells> {
  cells: C;
  allowed: boolean;
}

/** The cells a request counts. */
export function askedCells<C>(atoms: readonly Atom<C>[], request: FamilyRequest, add: (a: C, b: C) => C, empty: C): C {
  const asked = asks(request);
  return atoms.filter(asked).reduce((sum, a) => add(sum, a.cells), empty);
}

const holdsAnswers = (c: BandCells) => c.answered.count > 0;

/**
 * A figure of a question (or category, or two-way cell) in one area: the cells it counts, and the
 * bands whose blocks do not allow it (`band` of the scale → hidden). Live figures hide nothing.
 */
export function familyCells(
  atoms: readonly Atom[],
  request: FamilyRequest,
  bands: readonly CountableBand[],
  live = false,
): { cells: BandCells; blocked: Set<CountableBand> } {
  const cells = askedCells(atoms, request, addBandCells, EMPTY_BAND_CELLS);
  if (live) return { cells, blocked: new Set() };
  const asked = asks(request);
  const blocked = new Set(bands.filter((band) => !wholeBlocks(atoms, asked, holdsAnswers, addBandCells, (c) => bandPasses(c, band))));
  return { cells, blocked };
}

/** The same for any kind of cell, one family: `passes` says whether a block could be published on its own. */
export function genericView<C>(
  atoms: readonly Atom<C>[],
  request: FamilyRequest,
  cell: { add: (a: C, b: C) => C; empty: C; holds: (cells: C) => boolean; passes: (cells: C) => boolean },
  live = false,
): FamilyView<C> {
  const cells = askedCells(atoms, request, cell.add, cell.empty);
  return { cells, allowed: live || wholeBlocks(atoms, asks(request), cell.holds, cell.add, cell.passes) };
}
