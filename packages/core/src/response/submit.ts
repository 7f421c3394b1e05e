import { hash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { queryRows } from "../db/index.ts";
import { recordAudit } from "../organisation/index.ts";
import { QUESTION_SET_CODES, type QuestionSetCode } from "../questionset/index.ts";
import type { Scope } from "../scope/index.ts";
import { transaction } from "../scope/index.ts";
import { financialYearOf } from "../time/index.ts";
import { validated } from "../util/validate.ts";
import { encodeAnswers, type Instrument, instrumentsFingerprint, loadInstruments, pickVersion } from "./instrument.ts";
import { type ResponseRow, responses } from "./response.sql.ts";
import {
  boundedErrors,
  type InputError,
  inputErrors,
  instrumentSchema,
  type ParsedResponse,
  responseInput,
  storedAnswers,
  submittedBatch,
} from "./validation.ts";
import { countResponses, drawRecordKey, insertResponses, type NewResponse, replaceResponses } from "./write.ts";
import { type Writer, writerOf } from "./writer.ts";

export type ResponseStatus = "CREATED" | "UNCHANGED" | "REPLACED" | "REJECTED";

export interface ResponseResult {
  index: number;
  /** As it was sent (the stored response holds it composed and trimmed). */
  externalRef: string;
  status: ResponseStatus;
  response: ResponseRow | null;
  errors: InputError[];
}

export interface SubmitResult {
  results: ResponseResult[];
  created: number;
  unchanged: number;
  replaced: number;
  rejected: number;
}

// Made once, when first needed: building a formatter costs more than a submit's validation.
let englishDate: Intl.DateTimeFormat | undefined;

/** Today's date in England: a response collected later than this is in the future. */
export function todayInEngland(now = new Date()): string {
  englishDate ??= new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });
  return englishDate.format(now);
}

const byQuestionThenOption = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];

/** What the content digest covers: the response's details besides its answers. */
type Content = Pick<NewResponse, "questionSetId" | "areaCode" | "collectedOn" | "collectionMode" | "completedBy" | "comment">;

/**
 * What a response says, as a digest: the same content again is UNCHANGED whatever order its
 * answers came in. The digest is of `contentJson`, which must stay byte for byte what it has
 * been since responses were first stored (a test pins it).
 */
export function contentHash(r: Content, pairs: [number, number][]): string {
  return hash("sha256", contentJson(r, pairs), "base64url");
}

/** The content as JSON, with its (question id, option id) pairs sorted. */
export function contentJson(r: Content, pairs: [number, number][]): string {
  return JSON.stringify([r.questionSetId, r.areaCode, r.collectedOn, r.collectionMode, r.completedBy, r.comment, pairs.sort(byQuestionThenOption)]);
}

/**
 * A checked response: what to store, or why not. `externalRef` is the reference as stored and
 * compared (composed and trimmed, see `externalRef` in validation.ts), `sent` as it was sent.
 */
export type Checked = { index: number; externalRef: string; sent: string; errors: InputError[]; row?: NewResponse; correction: boolean };

function reject(index: number, externalRef: unknown, errors: InputError[]): Checked {
  const sent = typeof externalRef === "string" ? externalRef : "";
  return { index, externalRef: sent, sent, errors: boundedErrors(errors), correction: false };
}

/** What checking a batch needs loaded: the instruments and the types of the areas it names. */
export interface CheckContext {
  instruments: Instrument[];
  areaTypes: Map<string, string>;
  today: string;
  /** The references met so far (in this batch, or in the whole file). */
  seen: Set<string>;
  schemas: Map<Instrument, ReturnType<typeof instrumentSchema>>;
}

/**
 * Loads what checking responses needs, in one query: the instruments (all, or the inputs'; built
 * once per process, see `loadInstruments`) and the types of the areas (all, or the inputs').
 */
export async function checkContext(scope: Scope, inputs?: readonly unknown[]): Promise<CheckContext> {
  // Only values that could be codes go to the database: a megabyte sent as an area code is no area's.
  const named = (field: "questionSet" | "area") =>
    inputs && [
      ...new Set(inputs.map((i) => (i as Record<string, unknown> | null)?.[field]).filter((v): v is string => typeof v === "string" && v.length <= 32)),
    ];
  const sets = named("questionSet")?.filter((code): code is QuestionSetCode => (QUESTION_SET_CODES as readonly string[]).includes(code));
  const codes = named("area");
  const [row] = await queryRows<{ fingerprint: string; areas: Record<string, string> | null }>(
    scope.db,
    sql`select ${instrumentsFingerprint} as fingerprint,
          (select json_object_agg(code, type) from areas ${codes ? sql`where code = any(${sql.param(codes)}::text[])` : sql``}) as areas`,
  );
  const instruments = await loadInstruments(scope.db, sets ?? QUESTION_SET_CODES, row!.fingerprint);
  return { instruments, areaTypes: new Map(Object.entries(row!.areas ?? {})), today: todayInEngland(), seen: new Set(), schemas: new Map() };
}

/**
 * Checks a batch for a writer, with nothing to wait for: each response is parsed once, by the zod
 * schema of the question-set version it names (or, naming none that exists, by the shape alone).
 */
export function checkBatch(context: CheckContext, writer: Writer, inputs: readonly unknown[]): Checked[] {
  const schemaOf = (instrument: Instrument) => {
    const schema = context.schemas.get(instrument) ?? instrumentSchema(instrument, { today: context.today });
    context.schemas.set(instrument, schema);
    return schema;
  };
  return inputs.map((input, index) => {
    const raw = (input ?? {}) as { externalRef?: unknown; questionSet?: unknown; version?: unknown };
    const named =
      typeof raw.questionSet === "string" && (raw.version == null || typeof raw.version === "number")
        ? pickVersion(context.instruments, raw.questionSet as QuestionSetCode, raw.version as number | null | undefined)
        : undefined;
    const parsed = (named ? schemaOf(named) : responseInput).safeParse(input);
    if (!parsed.success) return reject(index, raw.externalRef, inputErrors(parsed.error.issues));
    const response = parsed.data;
    if (!named)
      return reject(index, raw.externalRef, [
        { path: ["version"], code: "UNKNOWN_VERSION", message: `${response.questionSet} has no published version ${response.version}` },
      ]);
    const errors = areaErrors(response, named, writer, context.areaTypes.get(response.area));
    if (context.seen.has(response.externalRef))
      errors.push({ path: ["externalRef"], code: "DUPLICATE_REFERENCE", message: `"${response.externalRef}" is sent more than once in this batch` });
    context.seen.add(response.externalRef);
    if (errors.length) return reject(index, raw.externalRef, errors);
    return {
      index,
      externalRef: response.externalRef,
      sent: raw.externalRef as string,
      errors,
      row: newResponse(response, named, writer),
      correction: response.correction,
    };
  });
}

function areaErrors(response: ParsedResponse, instrument: Instrument, writer: Writer, type: string | undefined): InputError[] {
  const path = ["area"];
  if (!type) return [{ path, code: "UNKNOWN_AREA", message: `No area has the code ${response.area}` }];
  if (type !== instrument.areaType) {
    const wanted = instrument.areaType === "ICB" ? "an integrated care board (ICB)" : "a council";
    return [{ path, code: "WRONG_AREA_TYPE", message: `${instrument.code} responses belong to ${wanted}; ${response.area} is a ${type}` }];
  }
  if (!writer.areas.has(response.area)) return [{ path, code: "FORBIDDEN", message: `${writer.slug} does not cover ${response.area}` }];
  return [];
}

function newResponse(r: ParsedResponse, instrument: Instrument, writer: Writer): NewResponse {
  // The digest is of (question id, option id) pairs, as it has been since responses were first stored.
  const { choices, pairs } = encodeAnswers(instrument, storedAnswers(r, instrument));
  const row: NewResponse = {
    questionSetId: instrument.id,
    areaCode: r.area,
    collectedOn: r.collectedOn,
    financialYear: financialYearOf(r.collectedOn),
    collectionMode: r.collectionMode,
    completedBy: r.completedBy,
    comment: r.comment ?? null,
    choices,
    organisationId: writer.organisationId,
    externalRef: r.externalRef,
    contentHash: null,
    recordKey: drawRecordKey(),
    synthetic: false,
  };
  row.contentHash = contentHash(row, pairs);
  return row;
}

/** What happens to a response whose reference is already stored. */
function against(stored: ResponseRow, checked: Checked): { status: ResponseStatus; errors: InputError[] } {
  const path = ["externalRef"];
  if (stored.withdrawnAt)
    return {
      status: "REJECTED",
      errors: [{ path, code: "WITHDRAWN", message: `"${checked.externalRef}" was withdrawn: a withdrawn reference is never used again` }],
    };
  if (stored.contentHash === checked.row!.contentHash) return { status: "UNCHANGED", errors: [] };
  if (checked.correction) return { status: "REPLACED", errors: [] };
  const message = `"${checked.externalRef}" is stored with different answers: send it with correction: true to replace them`;
  return { status: "REJECTED", errors: [{ path, code: "CONFLICT", message }] };
}

export interface WriteOptions {
  dryRun?: boolean;
  /**
   * Collects the ids of the responses created instead of counting them into the cubes: the caller
   * counts them all at once, before its transaction commits (a file's rows in one delta).
   */
  uncounted?: number[];
  /** Whether results carry the stored rows (an import reports counts and errors only). */
  rows?: boolean;
}

/**
 * Writes a checked batch for a writer, in the scope's transaction: the one write path of
 * submissions and imports. Each response is CREATED, UNCHANGED, REPLACED or REJECTED.
 */
export async function writeBatch(scope: Scope, writer: Writer, checked: readonly Checked[], options: WriteOptions = {}): Promise<ResponseResult[]> {
  const { db } = scope;
  const candidates = checked.filter((c) => c.row);
  const refs = candidates.map((c) => c.externalRef);
  const mine = (wanted: string[]) => and(eq(responses.organisationId, writer.organisationId), inArray(responses.externalRef, wanted));
  // A write tries every reference and reads only those already stored (the insert skips them):
  // a dry run, writing nothing, reads them all first.
  const stored = new Map((options.dryRun && refs.length ? await db.select().from(responses).where(mine(refs)) : []).map((r) => [r.externalRef, r]));
  const outcome = new Map<Checked, { status: ResponseStatus; errors: InputError[]; id?: number }>();
  const fresh = candidates.filter((c) => !stored.has(c.externalRef));
  if (options.dryRun) for (const c of fresh) outcome.set(c, { status: "CREATED", errors: [] });
  else {
    const ids = await insertResponses(
      db,
      fresh.map((c) => c.row!),
    );
    for (const c of fresh) if (ids.has(c.row!)) outcome.set(c, { status: "CREATED", errors: [], id: ids.get(c.row!)! });
    // Stored already, or by a concurrent request first: read (and locked) as stored responses.
    const raced = fresh.filter((c) => !outcome.has(c)).map((c) => c.externalRef);
    if (raced.length) for (const row of await db.select().from(responses).where(mine(raced)).for("update")) stored.set(row.externalRef, row);
    if (options.uncounted) options.uncounted.push(...ids.values());
    else await countResponses(db, [...ids.values()]);
  }
  for (const c of candidates) {
    const row = stored.get(c.externalRef);
    if (!outcome.has(c)) outcome.set(c, { ...against(row!, c), id: row!.id });
  }
  const replacing = candidates.filter((c) => outcome.get(c)!.status === "REPLACED");
  if (!options.dryRun) {
    const replacements = replacing.map((c) => ({ id: outcome.get(c)!.id!, response: c.row! }));
    await replaceResponses(db, replacements);
  }
  // What is stored now: in a dry run only what was already there and stays as it is.
  const shownIds =
    options.rows === false
      ? []
      : [...outcome.values()].flatMap((o) => (o.id && (o.status === "UNCHANGED" || (!options.dryRun && o.status !== "REJECTED")) ? [o.id] : []));
  const shown = new Map((shownIds.length ? await db.select().from(responses).where(inArray(responses.id, shownIds)) : []).map((r) => [r.id, r]));
  return checked.map((c) => {
    const o = outcome.get(c) ?? { status: "REJECTED" as const, errors: c.errors };
    return { index: c.index, externalRef: c.sent, status: o.status, response: o.id ? (shown.get(o.id) ?? null) : null, errors: o.errors };
  });
}

/**
 * Checks and stores a batch of responses for the caller's organisation (or, for the system, the
 * one named). Each response stands alone: a bad one is REJECTED with its errors and the others
 * still go in. A reference already stored with the same content is UNCHANGED, with different
 * content a CONFLICT unless it is a correction. `dryRun` reports the same outcome, writing nothing.
 */
export const submitResponses = validated(submittedBatch, async (scope: Scope, input, options: { organisation?: string | null } = {}): Promise<SubmitResult> => {
  const writer = await writerOf(scope, options.organisation);
  // Checked before the transaction: checking needs nothing from the database but reference data,
  // and on PGlite an open transaction holds every other request's queries.
  const checked = checkBatch(await checkContext(scope, input.responses), writer, input.responses);
  const results = await transaction(scope, async (tx) => {
    const results = await writeBatch(tx, writer, checked, { dryRun: input.dryRun ?? undefined });
    const counts = tally(results);
    if (!input.dryRun) await recordAudit(tx, { action: "responses.submit", subject: writer.slug, rows: counts.created + counts.replaced, detail: counts });
    return results;
  });
  return { results, ...tally(results) };
});

export function tally(results: readonly ResponseResult[]) {
  const count = (status: ResponseStatus) => results.filter((r) => r.status === status).length;
  return { created: count("CREATED"), unchanged: count("UNCHANGED"), replaced: count("REPLACED"), rejected: count("REJECTED") };
}
