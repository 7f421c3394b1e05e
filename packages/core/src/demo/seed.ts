import { setImmediate } from "node:timers/promises";
import { count, eq, sql } from "drizzle-orm";
import { systemActor } from "../actor/index.ts";
import { areas } from "../area/index.ts";
import type { Database, Db } from "../db/index.ts";
import { rebuildFigureCubes } from "../figure/index.ts";
import { organisationAreas, organisations } from "../organisation/index.ts";
import { questionSets, questions, scaleOptions } from "../questionset/index.ts";
import { cutRelease, forgetReleases, releaseList } from "../release/index.ts";
import { financialYearOf, insertResponses, type NewResponse, responses } from "../response/index.ts";
import { DEFAULT_SETTINGS } from "../scope/index.ts";
import { type DemoResponse, demoResponseCount, generateDemoResponses } from "./generate.ts";

/**
 * The releases the demo data set comes with, as if cut on these days: 2022-23 to 2024-25 were
 * published in July 2025, 2025-26 in July 2026. Figures read the latest unless asked.
 */
export const DEMO_RELEASES = [
  { name: "2025-07", asOf: "2025-07-01" },
  { name: "2026-07", asOf: "2026-07-01" },
] as const;

/** Responses written per statement, at most: fewer in a small seed, so that progress is reported often. */
const BATCH = 2000;
/** Progress is reported once per batch written, so at least this many times. */
const PROGRESS_STEPS = 25;

/** question set "CODE@version" → its number of questions, and question code → { position, option code → bit } */
type Catalogue = Map<string, { size: number; questions: Map<string, { position: number; options: Map<string, number> }> }>;

async function loadCatalogue(db: Db): Promise<Catalogue> {
  const rows = await db
    .select({
      set: questionSets.code,
      version: questionSets.version,
      setId: questionSets.id,
      question: questions.code,
      position: questions.position,
      option: scaleOptions.code,
      bit: scaleOptions.bit,
    })
    .from(questions)
    .innerJoin(questionSets, eq(questionSets.id, questions.questionSetId))
    .innerJoin(scaleOptions, eq(scaleOptions.scaleId, questions.scaleId));
  const catalogue: Catalogue = new Map();
  for (const r of rows) {
    const key = `${r.set}@${r.version}`;
    const set = catalogue.get(key) ?? { size: 0, questions: new Map() };
    catalogue.set(key, set);
    set.size = Math.max(set.size, r.position + 1);
    const question = set.questions.get(r.question) ?? { position: r.position, options: new Map() };
    set.questions.set(r.question, question);
    question.options.set(r.option, r.bit!);
  }
  return catalogue;
}

async function questionSetIds(db: Db): Promise<Map<string, number>> {
  const rows = await db.select({ id: questionSets.id, code: questionSets.code, version: questionSets.version }).from(questionSets);
  return new Map(rows.map((r) => [`${r.code}@${r.version}`, r.id]));
}

/** One synthetic organisation per demo area, so demo rows are never mistaken for a member's. */
async function demoOrganisations(db: Db): Promise<Map<string, number>> {
  const leaves = (await db.select().from(areas)).filter((a) => a.type === "LOCAL_AUTHORITY" || a.type === "ICB");
  const slugOf = (code: string) => `demo-${code.toLowerCase()}`;
  await db
    .insert(organisations)
    .values(
      leaves.map((a) => ({
        slug: slugOf(a.code),
        name: `${a.name} (synthetic demo data)`,
        type: a.type === "ICB" ? ("HEALTH_BODY" as const) : ("COUNCIL" as const),
        synthetic: true,
      })),
    )
    .onConflictDoNothing({ target: organisations.slug });
  const ids = new Map(
    (await db.select({ id: organisations.id, slug: organisations.slug }).from(organisations).where(eq(organisations.synthetic, true))).map((r) => [
      r.slug,
      r.id,
    ]),
  );
  const byArea = new Map(leaves.map((a) => [a.code, ids.get(slugOf(a.code))!]));
  await db
    .insert(organisationAreas)
    .values([...byArea].map(([areaCode, organisationId]) => ({ organisationId, areaCode })))
    .onConflictDoNothing();
  return byArea;
}

/** A fixed key per demo response (FNV-1a of its reference), so figures are reproducible. */
function demoRecordKey(ref: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < ref.length; i++) hash = Math.imul(hash ^ ref.charCodeAt(i), 0x01000193);
  return (hash >>> 0) & 0xff;
}

function toNewResponse(r: DemoResponse, catalogue: Catalogue, setIds: Map<string, number>, orgs: Map<string, number>): NewResponse {
  const setId = setIds.get(`${r.questionSet}@${r.version}`);
  const organisationId = orgs.get(r.areaCode);
  if (setId === undefined || organisationId === undefined) throw new Error(`demo response ${r.externalRef}: unknown question set or area`);
  const set = catalogue.get(`${r.questionSet}@${r.version}`)!;
  const choices = new Array<number>(set.size).fill(0);
  // Called once per response (a million times in a large seed): plain loops, no intermediate arrays.
  const choose = (code: string, optionCode: string) => {
    const question = set.questions.get(code);
    const bit = question?.options.get(optionCode);
    if (!question || bit === undefined) throw new Error(`demo response ${r.externalRef}: no option ${code}=${optionCode}`);
    choices[question.position]! |= bit;
  };
  for (const code in r.answers) choose(code, r.answers[code]!);
  for (const code in r.ticks) for (const optionCode of r.ticks[code]!) choose(code, optionCode);
  return {
    questionSetId: setId,
    areaCode: r.areaCode,
    organisationId,
    externalRef: r.externalRef,
    collectedOn: r.collectedOn,
    financialYear: financialYearOf(r.collectedOn),
    collectionMode: r.collectionMode,
    completedBy: r.completedBy,
    comment: r.comment,
    contentHash: null,
    recordKey: demoRecordKey(r.externalRef),
    synthetic: true,
    choices,
  };
}

export interface SeedResult {
  responses: number;
  skipped: boolean;
}

export interface SeedOptions {
  /** Multiplies the counts (scale 1: about 15.6 thousand responses). */
  scale?: number;
  seed?: number;
  /** Deletes demo responses already there (and every release, which holds them) and loads them again. */
  replace?: boolean;
  /** Cut the demo's releases (`DEMO_RELEASES`) after loading; true unless false. */
  releases?: boolean;
  /**
   * Called as batches of responses are written (at least every few percent of them), and once
   * at the end with `done === total`; the figure cubes are rebuilt after that last call.
   */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Loads the synthetic demo data set in one transaction (all or nothing), then cuts its releases
 * (`DEMO_RELEASES`), so that the first start shows figures. Does nothing when demo responses are
 * already there, unless `replace` is set (but cuts the releases if there are none).
 */
export async function seedDemoData(database: Database, options: SeedOptions = {}): Promise<SeedResult> {
  const { db } = database;
  const [existing] = await db.select({ n: count() }).from(responses).where(eq(responses.synthetic, true));
  if (existing && existing.n > 0 && !options.replace) {
    if (options.releases !== false && !(await releaseList(db)).length) await cutDemoReleases(db);
    return { responses: existing.n, skipped: true };
  }
  const expected = demoResponseCount({ scale: options.scale });
  const size = Math.min(BATCH, Math.ceil(expected / PROGRESS_STEPS));
  let total = 0;
  let done = 0;
  await db.transaction(async (tx) => {
    // Releases hold the demo responses' aggregates: replaced data, replaced releases.
    await tx.execute(sql`truncate published_joint, published_band_counts, published_response_counts, published_years, releases`);
    await tx.delete(responses).where(eq(responses.synthetic, true));
    const [catalogue, setIds, orgs] = [await loadCatalogue(tx), await questionSetIds(tx), await demoOrganisations(tx)];
    let batch: NewResponse[] = [];
    // One batch is written while the next is generated: the database and Node work at once.
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      const rows = batch;
      batch = [];
      const previous = writing;
      writing = previous.then(async () => {
        total += (await insertResponses(tx, rows)).size;
        done += rows.length;
        options.onProgress?.(done, expected);
      });
      // Awaited by the next flush or at the end; until then a failure must not count as unhandled.
      writing.catch(() => {});
      await previous;
      await setImmediate();
    };
    for (const response of generateDemoResponses({ scale: options.scale, seed: options.seed })) {
      batch.push(toNewResponse(response, catalogue, setIds, orgs));
      if (batch.length === size) await flush();
      // Let the driver's I/O (the write going out, its answer coming back) through now and then.
      else if (batch.length % 20 === 0) await setImmediate();
    }
    if (batch.length) await flush();
    await writing;
    if (done !== expected) throw new Error(`demo seed: ${done} responses generated where ${expected} were expected`);
    await rebuildFigureCubes(tx);
  });
  forgetReleases(db);
  if (options.releases !== false) await cutDemoReleases(db);
  return { responses: total, skipped: false };
}

/** The demo's releases, each as if cut on its day. */
async function cutDemoReleases(db: Db): Promise<void> {
  const scope = { db, actor: systemActor("demo"), settings: DEFAULT_SETTINGS };
  for (const release of DEMO_RELEASES) await cutRelease(scope, release);
}
