/**
 * Generates one instrument's demo responses in two passes, memory-bounded:
 *
 * 1. each respondent gets an area, a date, a collection mode, circumstances (ABOUT_YOU) and two
 *    latent propensities: P (how the process went) and O (outcome), with O = rho·P + …;
 * 2. each graded question gets a score per respondent (its latent + circumstances + noise);
 *    respondents are ranked on it and the options are handed out by quantile so that the
 *    national shares land exactly on their targets while correlations survive.
 *
 * Per respondent it keeps one byte per question and a few numbers (typed arrays), then yields
 * the responses one at a time.
 */
import type { QuestionSetDefinition } from "../questionset/index.ts";
import { DEMO_FINANCIAL_YEARS, demoAreas, yearWeights } from "./areas.ts";
import { type DemoResponse, type GradedSpec, type InstrumentModel, SYNTHETIC } from "./model.ts";
import { Rng } from "./prng.ts";

const MODES = ["ONLINE", "PAPER", "REVIEW"] as const;
const COMPLETED_BY = { self: "SELF", with_help: "WITH_HELP", on_behalf: "ON_BEHALF" } as const;
const DAY = 86_400_000;
const START = Date.UTC(DEMO_FINANCIAL_YEARS[0], 3, 1);

/** Whole counts per option (scale order) for `d` answers in the denominator. */
export function optionCounts(spec: GradedSpec, bands: ReadonlyArray<string>, d: number): number[] {
  const pos = bands.flatMap((b, i) => (b === "POSITIVE" ? [i] : []));
  const neu = bands.flatMap((b, i) => (b === "NEUTRAL" ? [i] : []));
  const neg = bands.flatMap((b, i) => (b === "NEGATIVE" ? [i] : []));
  const counts = bands.map(() => 0);
  const nPos = Math.round((spec.positive / 100) * d);
  const nNeg = neu.length ? Math.round((spec.negative / 100) * d) : d - nPos;
  const nNeu = d - nPos - nNeg;
  if (nNeu < 0) throw new Error(`${spec.code}: positive + negative shares exceed 100%`);
  const split = (idx: number[], n: number, extremeShare: number, extremeLast: boolean) => {
    if (idx.length === 0) return;
    if (idx.length === 1) {
      counts[idx[0]!] = n;
      return;
    }
    const extreme = Math.round(n * extremeShare);
    const e = extremeLast ? idx[idx.length - 1]! : idx[0]!;
    const rest = idx.filter((i) => i !== e);
    counts[e] = extreme;
    // Remaining options of the band share the rest evenly.
    rest.forEach((i, k) => {
      counts[i] = Math.floor((n - extreme) / rest.length) + (k < (n - extreme) % rest.length ? 1 : 0);
    });
  };
  split(pos, nPos, spec.top ?? 0.4, true);
  split(neg, nNeg, spec.bottom ?? 0.35, false);
  split(neu, nNeu, 1 / Math.max(1, neu.length), false);
  return counts;
}

export interface GenerateOptions {
  /** Financial years (start years) the responses fall in; every demo year when omitted. */
  years?: readonly number[];
}

export function* generateInstrument(
  model: InstrumentModel,
  def: QuestionSetDefinition,
  seed: number,
  n: number,
  generate: GenerateOptions = {},
): Generator<DemoResponse> {
  // Version 1 keeps the streams it always had, so its data never change; later versions draw their own.
  const stream = def.version === 1 ? def.code : `${def.code}@v${def.version}`;
  const refPrefix = def.version === 1 ? `DEMO-${def.code}` : `DEMO-${def.code}-V${def.version}`;
  const Q = def.questions.length;
  const qIndex = new Map(def.questions.map((q, i) => [q.code, i]));
  const scaleOf = new Map(def.scales.map((s) => [s.code, s]));
  const options = def.questions.map((q) => scaleOf.get(q.scale)!.options);
  const optionIndex = options.map((opts) => new Map(opts.map((o, i) => [o.code, i])));

  // Every question is drawn by exactly one spec.
  const specCodes = [...model.about, ...model.graded, ...(model.derived ?? []), ...(model.ticks ?? [])].map((s) => s.code);
  const unknown = specCodes.filter((c) => !qIndex.has(c));
  const uncovered = def.questions.map((q) => q.code).filter((c) => !specCodes.includes(c));
  if (unknown.length || uncovered.length || new Set(specCodes).size !== specCodes.length)
    throw new Error(`${def.code} demo model: unknown ${unknown}, uncovered ${uncovered}, or duplicates`);

  const ans = new Uint8Array(n * Q); // option index + 1; 0 = unanswered
  let row = 0;
  const get = (code: string): string | undefined => {
    const qi = qIndex.get(code)!;
    const v = ans[row * Q + qi]!;
    return v ? options[qi]![v - 1]!.code : undefined;
  };
  const set = (code: string, option: string | undefined) => {
    if (option === undefined) return;
    const qi = qIndex.get(code)!;
    const oi = optionIndex[qi]!.get(option);
    if (oi === undefined) throw new Error(`${def.code}.${code}: no option ${option}`);
    ans[row * Q + qi] = oi + 1;
  };

  // Pass 1: respondents.
  const areas = demoAreas(seed, def.code);
  const allowed = (y: number) => !generate.years || generate.years.includes(DEMO_FINANCIAL_YEARS[y]!);
  const years = areas.map((a) => yearWeights(a.firstYear).map((w, y) => (allowed(y) ? w : 0)));
  const sum = (weights: number[]) => weights.reduce((a, b) => a + b, 0);
  // An area's share of the years allowed (1 when all are), so an area not collecting then draws no one.
  const share = areas.map((a, i) => (generate.years ? sum(years[i]!) / sum(yearWeights(a.firstYear)) : 1));
  const cumulative = new Float64Array(areas.length);
  areas.reduce((total, a, i) => (cumulative[i] = total + a.weight * share[i]!), 0);
  const total = cumulative[areas.length - 1]!;
  if (!(total > 0)) throw new Error(`${def.code} demo: no area collects in ${generate.years?.join(", ")}`);
  const areaOf = new Uint16Array(n);
  const dayOf = new Uint16Array(n);
  const modeOf = new Uint8Array(n);
  const P = new Float64Array(n);
  const O = new Float64Array(n);
  const rng = new Rng(seed, stream, "respondents");
  const sP = model.sP ?? 0.8;
  const sO = model.sO ?? 0.6;
  for (row = 0; row < n; row++) {
    const x = rng.next() * total;
    let lo = 0;
    let hi = areas.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    areaOf[row] = lo;
    const y = rng.pick(years[lo]!);
    const fyStart = Date.UTC(DEMO_FINANCIAL_YEARS[y]!, 3, 1);
    const fyDays = Math.round((Date.UTC(DEMO_FINANCIAL_YEARS[y]! + 1, 3, 1) - fyStart) / DAY);
    dayOf[row] = Math.round((fyStart - START) / DAY) + rng.int(fyDays);
    modeOf[row] = rng.pick(model.modes);
    for (const about of model.about) set(about.code, about.draw(rng, get));
    P[row] = areas[lo]!.effect + 0.05 * y + model.process(get, rng) + sP * rng.normal();
    O[row] = model.rho * P[row]! + model.outcome(get) + sO * rng.normal();
  }

  // Pass 2: graded questions, by quantile of their score.
  const poolIdx = new Uint32Array(n);
  const poolScore = new Float64Array(n);
  for (const spec of model.graded) {
    const qi = qIndex.get(spec.code)!;
    const opts = options[qi]!;
    const graded = opts.flatMap((o, i) => (o.band && o.band !== "EXCLUDED" ? [i] : []));
    const excludedOption = opts.findIndex((o) => o.band === "EXCLUDED");
    if (graded.length < 2) throw new Error(`${def.code}.${spec.code} is not on a graded scale`);
    const missing = spec.missing ?? 0.015;
    const excluded = excludedOption < 0 ? 0 : (spec.excluded ?? 0.03);
    const naOption = opts.findIndex((o, i) => o.code === "not_applicable" && i !== excludedOption);
    const na = spec.notApplicable ?? 0;
    const notApplicable = naOption < 0 ? () => 0 : typeof na === "function" ? na : () => na;
    const loading = spec.loading ?? 1;
    const noise = spec.noise ?? 0.7;
    const latent = spec.latent === "P" ? P : O;
    const qrng = new Rng(seed, stream, spec.code);
    let d = 0;
    for (row = 0; row < n; row++) {
      const u = qrng.next();
      const z = qrng.normal();
      if (u < missing) continue;
      if (u < missing + excluded) {
        ans[row * Q + qi] = excludedOption + 1;
        continue;
      }
      if (u < missing + excluded + notApplicable(get)) {
        ans[row * Q + qi] = naOption + 1;
        continue;
      }
      poolIdx[d] = row;
      poolScore[d] = loading * latent[row]! + (spec.effect ? spec.effect(get) : 0) + noise * z;
      d++;
    }
    const counts = optionCounts(
      spec,
      graded.map((i) => opts[i]!.band!),
      d,
    );
    const sorted = poolScore.slice(0, d).sort();
    const thresholds: number[] = []; // thresholds[k]: lowest score of graded option k
    let cum = 0;
    for (const c of counts) thresholds.push(cum < d ? sorted[cum]! : Infinity), (cum += c);
    for (let j = 0; j < d; j++) {
      const s = poolScore[j]!;
      let k = 0;
      while (k + 1 < counts.length && s >= thresholds[k + 1]!) k++;
      ans[poolIdx[j]! * Q + qi] = graded[k]! + 1;
    }
  }

  // Pass 2b: questions that follow other answers.
  for (const derived of model.derived ?? []) {
    const drng = new Rng(seed, stream, derived.code);
    for (row = 0; row < n; row++) set(derived.code, derived.draw(drng, get));
  }

  // Pass 2c: multi-tick questions, one bit per option.
  const tickBits = new Map<number, Uint32Array>();
  for (const tick of model.ticks ?? []) {
    const qi = qIndex.get(tick.code)!;
    if (options[qi]!.length > 32) throw new Error(`${def.code}.${tick.code}: more than 32 options`);
    const bits = new Uint32Array(n);
    const trng = new Rng(seed, stream, tick.code);
    for (row = 0; row < n; row++) {
      for (const option of tick.draw(trng, get) ?? []) {
        const oi = optionIndex[qi]!.get(option);
        if (oi === undefined) throw new Error(`${def.code}.${tick.code}: no option ${option}`);
        bits[row]! |= 1 << oi;
      }
    }
    tickBits.set(qi, bits);
  }

  // Pass 3: the responses.
  const perArea = new Uint32Array(areas.length);
  const crng = new Rng(seed, stream, "comments");
  // The form's own "who filled it in" question (its code changed in some later versions).
  const completedByCode = def.questions.find((q) => q.theme === "completed_by")?.code;
  // Later versions are also collected by telephone, and say UNKNOWN when the form does not say who filled it in.
  const later = def.version > 1;
  const telephone = later ? new Rng(seed, stream, "telephone") : null;
  for (row = 0; row < n; row++) {
    const area = areas[areaOf[row]!]!;
    const seq = ++perArea[areaOf[row]!]!;
    const answers: Record<string, string> = {};
    for (let qi = 0; qi < Q; qi++) {
      const v = ans[row * Q + qi]!;
      if (v) answers[def.questions[qi]!.code] = options[qi]!.at(v - 1)!.code;
    }
    const ticked = [...tickBits].map(
      ([qi, bits]) => [def.questions[qi]!.code, options[qi]!.filter((_, oi) => bits[row]! & (1 << oi)).map((o) => o.code)] as const,
    );
    const ticks = ticked.some(([, chosen]) => chosen.length) ? Object.fromEntries(ticked.filter(([, chosen]) => chosen.length)) : undefined;
    const by = completedByCode === undefined ? undefined : answers[completedByCode];
    let comment: string | null = null;
    if (crng.next() < 0.07) {
      const o = O[row]!;
      const pool = o > 0.5 ? model.comments.good : o < -0.5 ? model.comments.poor : model.comments.mixed;
      comment = `${SYNTHETIC} ${pool[crng.int(pool.length)]}`;
    }
    yield {
      questionSet: def.code,
      version: def.version,
      areaCode: area.code,
      externalRef: `${refPrefix}-${area.code}-${String(seq).padStart(6, "0")}`,
      collectedOn: new Date(START + dayOf[row]! * DAY).toISOString().slice(0, 10),
      collectionMode: telephone && telephone.next() < 0.06 ? "TELEPHONE" : MODES[modeOf[row]!]!,
      completedBy: by ? COMPLETED_BY[by as keyof typeof COMPLETED_BY] : later ? "UNKNOWN" : "SELF",
      comment,
      answers,
      ...(ticks ? { ticks } : {}),
    };
  }
}
