import type { QuestionRow, ScaleOptionRow } from "../questionset/index.ts";
import type { StaticReference } from "./reference.ts";

/*
 * Where each answer of a question-set version sits in a response's `choices`, and what each
 * option counts as: what the joint counter (`joint-count.ts`) reads responses by, whether a
 * release is counting a year or an organisation its own live figures.
 */

/** A countable band's index: POSITIVE 0, NEUTRAL 1, NEGATIVE 2. */
export const BAND_INDEX = { POSITIVE: 0, NEUTRAL: 1, NEGATIVE: 2 } as const;
export const BAND_OF_INDEX = ["POSITIVE", "NEUTRAL", "NEGATIVE"] as const;
const EXCLUDED = -1;
export const CATEGORY = -2;
const ABSENT = -3;

/** What the counter needs of a question: where its answer is, and what each option counts as. */
export interface LayoutQuestion {
  id: number;
  /** Measured: graded (a POSITIVE or NEGATIVE option) and not ABOUT_YOU. */
  measured: boolean;
  /** A PROCESS or OUTCOME question that is measured: one side of an association. */
  process: boolean;
  outcome: boolean;
  /** Options without a band: a figure can be split by it. */
  categorical: boolean;
  /** By option position: a band index, EXCLUDED, CATEGORY, or ABSENT (no such option). */
  bands: Int8Array;
}

/** One question-set version's questions, by form position (`choices[position]`). */
export interface JointLayout {
  setId: number;
  questions: LayoutQuestion[];
}

export function jointLayout(setId: number, questions: readonly QuestionRow[], optionsOf: (scaleId: number) => readonly ScaleOptionRow[]): JointLayout {
  const layout: LayoutQuestion[] = [];
  for (const q of [...questions].sort((a, b) => a.position - b.position)) {
    const options = optionsOf(q.scaleId);
    const bands = new Int8Array(31).fill(ABSENT);
    for (const o of options) bands[o.position] = o.band === null ? CATEGORY : o.band === "EXCLUDED" ? EXCLUDED : BAND_INDEX[o.band];
    const graded = options.some((o) => o.band === "POSITIVE" || o.band === "NEGATIVE");
    const measured = graded && q.kind !== "ABOUT_YOU";
    layout[q.position] = {
      id: q.id,
      measured,
      process: measured && q.kind === "PROCESS",
      outcome: measured && q.kind === "OUTCOME",
      categorical: options.some((o) => o.band === null),
      bands,
    };
  }
  return { setId, questions: layout };
}

/** A question-set version's layout, from the reference data. */
export const layoutOf = (reference: StaticReference, setId: number): JointLayout =>
  jointLayout(setId, reference.questionsBySet.get(setId) ?? [], (scaleId) => reference.optionsByScale.get(scaleId) ?? []);

/** A response's `choices` as the database gives them to text ("1,0,4"), as numbers, without an array per split. */
export function parseChoices(text: string): number[] {
  const out: number[] = [];
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) out.push(n), (n = 0);
    else n = n * 10 + (c - 48);
  }
  out.push(n);
  return out;
}
