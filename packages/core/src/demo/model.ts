/**
 * How the demo data of one instrument are drawn: the respondents' circumstances (ABOUT_YOU),
 * their latent propensities, and for each graded question its national shares and how its
 * score depends on the latents and circumstances. See engine.ts for how answers are assigned.
 */
import type { QuestionSetCode } from "../questionset/types.ts";
import type { Rng } from "./prng.ts";

/** The answer (option code) a respondent has given to a question so far, if any. */
export type Get = (code: string) => string | undefined;

export interface AboutSpec {
  code: string;
  /** An option code, or undefined for "left unanswered", given the answers drawn so far. */
  draw: (rng: Rng, get: Get) => string | undefined;
}

export interface GradedSpec {
  code: string;
  /** P: process quality, O: outcome propensity. */
  latent: "P" | "O";
  /**
   * Percent of the answers in the denominator (not EXCLUDED, not unanswered) in the POSITIVE
   * and NEGATIVE bands. Landed exactly (to the answer) at every scale; for published figures
   * these are the published percentages.
   */
  positive: number;
  negative: number;
  /** Share of the POSITIVE band on its best option (very good, a lot better…): default 0.4. */
  top?: number;
  /** Share of the NEGATIVE band on its worst option: default 0.35. */
  bottom?: number;
  /** Probability of an EXCLUDED answer (don't know / not applicable): default 0.03. */
  excluded?: number;
  /** Probability of no answer: default 0.015. */
  missing?: number;
  /** Weight of the latent in the score (default 1) and of the question's own noise (default 0.7). */
  loading?: number;
  noise?: number;
  /** A question-specific shift of the score from the respondent's other answers. */
  effect?: (get: Get) => number;
}

export interface DerivedSpec {
  code: string;
  /** Drawn after the graded questions, so it can follow their answers. */
  draw: (rng: Rng, get: Get) => string | undefined;
}

export interface TickSpec {
  code: string;
  /** The options ticked ("tick all that apply"), drawn last; undefined or empty: left unanswered. */
  draw: (rng: Rng, get: Get) => string[] | undefined;
}

export interface InstrumentModel {
  code: QuestionSetCode;
  /** Responses at scale 1. */
  count: number;
  /** Drawn in this order (not the form's), each seeing those before it. */
  about: AboutSpec[];
  /** Shift of the process latent P from circumstances (`rng` for a circumstance-specific spread). */
  process: (get: Get, rng: Rng) => number;
  /** Shift of the outcome latent O from circumstances, on top of rho × P. */
  outcome: (get: Get) => number;
  /** O = rho × P + outcome(get) + sO × noise; P = area + trend + process(get) + sP × noise. */
  rho: number;
  sP?: number;
  sO?: number;
  graded: GradedSpec[];
  derived?: DerivedSpec[];
  /** Multi-tick questions. */
  ticks?: TickSpec[];
  /** Weights of ONLINE, PAPER, REVIEW. */
  modes: [number, number, number];
  /** Synthetic comments for respondents doing well / badly / in between. */
  comments: { good: string[]; poor: string[]; mixed: string[] };
}

/** A categorical draw from weights (option code → weight), unanswered with probability `missing`. */
export const cat =
  (weights: Record<string, number>, missing = 0.01) =>
  (rng: Rng): string | undefined => {
    if (rng.next() < missing) return undefined;
    const codes = Object.keys(weights);
    return codes[rng.pick(codes.map((c) => weights[c]!))];
  };

/** A categorical draw whose weights depend on another answer (`key` → weights; "*" otherwise). */
export const catBy =
  (on: string, table: Record<string, Record<string, number>>, missing = 0.01) =>
  (rng: Rng, get: Get): string | undefined => {
    const weights = table[get(on) ?? "*"] ?? table["*"]!;
    return cat(weights, missing)(rng);
  };

/** An additive effect looked up from an answer: `lookup(get("type_of_need"), {semh: -0.3})`. */
export const lookup = (answer: string | undefined, effects: Record<string, number>): number => (answer === undefined ? 0 : (effects[answer] ?? 0));

export const SYNTHETIC = "[Synthetic demo comment]";
