/**
 * How the demo data of one instrument are drawn: the respondents' circumstances (ABOUT_YOU),
 * their latent propensities, and for each graded question its national shares and how its
 * score depends on the latents and circumstances. See engine.ts for how answers are assigned.
 */
import type { QuestionSetCode } from "../questionset/index.ts";
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
  /**
   * Probability of "not applicable" where the scale offers it beside another EXCLUDED answer
   * (on the better/worse scale it is the only one, and `excluded` draws it): default 0.
   */
  notApplicable?: number | ((get: Get) => number);
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

/** How a later version's model follows version 1's (see `successor`). */
export interface Succession {
  /** Responses at scale 1, in the years this version is collected. */
  count: number;
  /**
   * A version-1 question's successor: its code in this version, and the version-1 option each of
   * its options stands for (unlisted: the same code), so version 1's effects still apply.
   */
  renamed?: Record<string, { code: string; options?: Record<string, string | undefined> }>;
  /** Version-1 questions this version does not ask. */
  dropped?: string[];
  /** New draws for version-1 questions (by version-1 code), drawn at their place with this version's codes. */
  replaced?: Record<string, AboutSpec>;
  /** Version-1 questions (by version-1 code) left blank with this probability, such as who filled the form in. */
  blank?: Record<string, number>;
  /** Changes to kept graded questions (by this version's code), such as how often they are not applicable. */
  tuned?: Record<string, Partial<GradedSpec>>;
  /** New questions, drawn after version 1's of the same kind. */
  about?: AboutSpec[];
  graded?: GradedSpec[];
  derived?: DerivedSpec[];
  ticks?: TickSpec[];
  /** Shifts of the latents from new circumstances, on top of version 1's. */
  process?: (get: Get) => number;
  outcome?: (get: Get) => number;
}

/**
 * A later version's model: version 1's specs for the questions it kept (their functions see
 * version-1 codes and options through a translating `get`), plus the new questions' specs.
 */
export function successor(base: InstrumentModel, change: Succession): InstrumentModel {
  const renamed = change.renamed ?? {};
  const dropped = new Set(change.dropped ?? []);
  const v1 =
    (get: Get): Get =>
    (code) => {
      const to = renamed[code];
      if (!to) return dropped.has(code) ? undefined : get(code);
      const answer = get(to.code);
      return answer === undefined || !to.options || !(answer in to.options) ? answer : to.options[answer];
    };
  const forward = (code: string, option: string | undefined) => {
    const options = renamed[code]?.options;
    return options && option !== undefined ? (Object.keys(options).find((o) => options[o] === option) ?? option) : option;
  };
  const kept = <T extends { code: string }>(specs: T[] | undefined) => (specs ?? []).filter((s) => !dropped.has(s.code));
  const code = (c: string) => renamed[c]?.code ?? c;
  return {
    ...base,
    count: change.count,
    about: [
      ...kept(base.about).map(
        (a): AboutSpec =>
          change.replaced?.[a.code] ?? {
            code: code(a.code),
            draw: (rng, get) => {
              const answer = forward(a.code, a.draw(rng, v1(get)));
              return change.blank?.[a.code] && rng.next() < change.blank[a.code]! ? undefined : answer;
            },
          },
      ),
      ...(change.about ?? []),
    ],
    process: (get, rng) => base.process(v1(get), rng) + (change.process?.(get) ?? 0),
    outcome: (get) => base.outcome(v1(get)) + (change.outcome?.(get) ?? 0),
    graded: [
      ...kept(base.graded).map((g): GradedSpec => {
        const { effect } = g;
        return { ...g, code: code(g.code), ...(effect ? { effect: (get: Get) => effect(v1(get)) } : {}), ...change.tuned?.[code(g.code)] };
      }),
      ...(change.graded ?? []),
    ],
    derived: [
      ...kept(base.derived).map((d): DerivedSpec => ({ code: code(d.code), draw: (rng, get) => forward(d.code, d.draw(rng, v1(get))) })),
      ...(change.derived ?? []),
    ],
    ticks: [...kept(base.ticks), ...(change.ticks ?? [])],
  };
}

/**
 * "Tick all that apply": each option with its own probability; when none comes up, the one
 * the weights pick, so a respondent who answers ticks at least one.
 */
export function tickEach(rng: Rng, chances: Record<string, number>): string[] {
  const options = Object.keys(chances);
  const ticked = options.filter((o) => rng.next() < chances[o]!);
  return ticked.length ? ticked : [options[rng.pick(options.map((o) => chances[o]!))]!];
}

export interface DemoResponse {
  questionSet: QuestionSetCode;
  version: number;
  /** A council (LOCAL_AUTHORITY) GSS code; for PHB an ICB code (E54…). */
  areaCode: string;
  /** Unique within (questionSet, areaCode), e.g. "DEMO-CYP_EHCP-E06000001-000123". */
  externalRef: string;
  /** ISO date (yyyy-mm-dd). */
  collectedOn: string;
  collectionMode: "ONLINE" | "PAPER" | "REVIEW" | "TELEPHONE";
  /** Consistent with the answer to `completed_by`. */
  completedBy: "SELF" | "WITH_HELP" | "ON_BEHALF" | "UNKNOWN";
  /** Occasional synthetic free text, marked as such. */
  comment: string | null;
  /** Question code → option code; a question may be left unanswered. */
  answers: Record<string, string>;
  /** Multi-tick question code → the option codes ticked (absent when none are). */
  ticks?: Record<string, string[]>;
}
