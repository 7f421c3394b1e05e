import { asc, eq, inArray, sql } from "drizzle-orm";
import type { AreaType } from "../area/index.ts";
import { type Db, queryRows } from "../db/index.ts";
import type { Band, QuestionKind, QuestionSetCode, QuestionSetDefinition } from "../questionset/index.ts";
import { collectedIn, questionSets, questions, scaleOptions, scales } from "../questionset/index.ts";

export interface InstrumentOption {
  id: number;
  code: string;
  label: string;
  band: Band | null;
  /** Its bit in the question's element of `responses.choices`. */
  bit: number;
}

/**
 * Whether figures count an answer in this band: POSITIVE, NEUTRAL or NEGATIVE. EXCLUDED answers
 * ("not applicable", "don't know") are outside every denominator; categories (null) are not graded.
 */
export const counted = (band: Band | null): boolean => band === "POSITIVE" || band === "NEUTRAL" || band === "NEGATIVE";

export interface InstrumentQuestion {
  id: number;
  code: string;
  kind: QuestionKind;
  /** Has a POSITIVE or NEGATIVE option: what figures are made of. */
  graded: boolean;
  /** Multi-tick: several options may be chosen. */
  multiple: boolean;
  /** Its place in the form, from 0: its element of `responses.choices` is the next. */
  position: number;
  /** By option code, in the order the respondent sees them. */
  options: Map<string, InstrumentOption>;
}

/** One published version of a question set, as a response to it is checked and stored. */
export interface Instrument {
  id: number;
  code: QuestionSetCode;
  version: number;
  publishedOn: string | null;
  /** The kind of area its responses belong to: an ICB for personal health budgets, a council otherwise. */
  areaType: AreaType;
  /** By question code, in form order. */
  questions: Map<string, InstrumentQuestion>;
}

/**
 * Which instruments the database holds, in a few bytes: a published question set never changes
 * (a change is a new version, a retirement changes its status), so a process keeps the
 * instruments it built under this fingerprint and asks the database only for it. The highest
 * question and option ids tell two databases with the same versions but other rows apart.
 */
export const instrumentsFingerprint = sql<string>`concat_ws('/',
    (select string_agg(concat_ws(':', id, status, published_on), ',' order by id) from question_sets where status in ('PUBLISHED', 'RETIRED')),
    (select max(id) from questions), (select max(id) from scale_options))`;

/** Fingerprint → every published instrument; a few entries (one per database a process serves). */
const built = new Map<string, Instrument[]>();
const KEEP = 8;

/**
 * Every published version of the instruments named, with their questions and options; a caller
 * that has just read the fingerprint (in a query of its own) passes it and saves a round trip.
 */
export async function loadInstruments(db: Db, codes: readonly QuestionSetCode[], fingerprint?: string): Promise<Instrument[]> {
  if (!codes.length) return [];
  const current = fingerprint ?? (await queryRows<{ f: string }>(db, sql`select ${instrumentsFingerprint} as f`))[0]!.f;
  let all = built.get(current);
  if (!all) {
    all = await readInstruments(db);
    if (built.size >= KEEP) built.delete(built.keys().next().value!);
    built.set(current, all);
  }
  return all.filter((instrument) => codes.includes(instrument.code));
}

async function readInstruments(db: Db): Promise<Instrument[]> {
  const rows = await db
    .select({
      setId: questionSets.id,
      code: questionSets.code,
      version: questionSets.version,
      publishedOn: questionSets.publishedOn,
      questionId: questions.id,
      question: questions.code,
      position: questions.position,
      kind: questions.kind,
      multiple: scales.multiple,
      optionId: scaleOptions.id,
      option: scaleOptions.code,
      label: scaleOptions.label,
      band: scaleOptions.band,
      bit: scaleOptions.bit,
    })
    .from(questionSets)
    .innerJoin(questions, eq(questions.questionSetId, questionSets.id))
    .innerJoin(scales, eq(scales.id, questions.scaleId))
    .innerJoin(scaleOptions, eq(scaleOptions.scaleId, scales.id))
    .where(inArray(questionSets.status, ["PUBLISHED", "RETIRED"]))
    .orderBy(asc(questionSets.id), asc(questions.position), asc(scaleOptions.position));
  const instruments = new Map<number, Instrument>();
  for (const r of rows) {
    let instrument = instruments.get(r.setId);
    if (!instrument) {
      instrument = { id: r.setId, code: r.code, version: r.version, publishedOn: r.publishedOn, areaType: collectedIn(r.code), questions: new Map() };
      instruments.set(r.setId, instrument);
    }
    let question = instrument.questions.get(r.question);
    if (!question) {
      question = { id: r.questionId, code: r.question, kind: r.kind, graded: false, multiple: r.multiple, position: r.position, options: new Map() };
      instrument.questions.set(r.question, question);
    }
    question.options.set(r.option, { id: r.optionId, code: r.option, label: r.label, band: r.band, bit: r.bit! });
    if (r.band === "POSITIVE" || r.band === "NEGATIVE") question.graded = true;
  }
  return [...instruments.values()];
}

/**
 * An instrument as `loadInstruments` builds it, from its definition alone (ids are positions):
 * for checks that need no database, such as the unit tests of validation and the CSV header.
 */
export function instrumentFromDefinition(definition: QuestionSetDefinition): Instrument {
  const scales = new Map(definition.scales.map((s) => [s.code, s]));
  const instrument: Instrument = {
    id: 1,
    code: definition.code,
    version: definition.version,
    publishedOn: definition.publishedOn,
    areaType: collectedIn(definition.code),
    questions: new Map(),
  };
  definition.questions.forEach((q, position) => {
    const scale = scales.get(q.scale)!;
    const options = new Map(scale.options.map((o, i) => [o.code, { id: i + 1, code: o.code, label: o.label, band: o.band, bit: 1 << i }]));
    const graded = scale.options.some((o) => o.band === "POSITIVE" || o.band === "NEGATIVE");
    instrument.questions.set(q.code, { id: position + 1, code: q.code, kind: q.kind, graded, multiple: !!scale.multiple, position, options });
  });
  return instrument;
}

/**
 * A checked response's answers as stored: `choices`, one bitmask per question of the version (0
 * for a question skipped), and the (question id, option id) pair of each option chosen.
 */
export function encodeAnswers(
  instrument: Instrument,
  answers: readonly { question: string; option?: string | null; options?: readonly string[] | null }[],
): { choices: number[]; pairs: [number, number][] } {
  const choices = new Array<number>(instrument.questions.size).fill(0);
  const pairs: [number, number][] = [];
  for (const answer of answers) {
    const question = instrument.questions.get(answer.question)!;
    for (const code of answer.options ?? [answer.option!]) {
      const option = question.options.get(code)!;
      choices[question.position]! |= option.bit;
      pairs.push([question.id, option.id]);
    }
  }
  return { choices, pairs };
}

/** Per list of instruments, each answer of `pickVersion` once found: an import asks once a row. */
const picked = new WeakMap<readonly Instrument[], Map<string, Instrument | undefined>>();

/** The version asked for, or the latest published one. */
export function pickVersion(instruments: readonly Instrument[], code: QuestionSetCode, version?: number | null): Instrument | undefined {
  const answers = picked.get(instruments) ?? new Map<string, Instrument | undefined>();
  picked.set(instruments, answers);
  const key = `${code}@${version ?? ""}`;
  if (answers.has(key)) return answers.get(key);
  const versions = instruments.filter((i) => i.code === code).sort((a, b) => b.version - a.version);
  const answer = version == null ? versions[0] : versions.find((i) => i.version === version);
  answers.set(key, answer);
  return answer;
}
