import { type SQL, sql } from "drizzle-orm";
import type { Actor } from "../actor/index.ts";
import type { AreaRow } from "../area/index.ts";
import { type Db, queryRows } from "../db/index.ts";
import { notFound, PoetError } from "../errors/index.ts";
import type { Scope } from "../scope/index.ts";
import { cachedRead } from "./caching.ts";
import { countedRelations } from "./counting.ts";
import type { CubeSource } from "./cube.ts";
import { idList } from "./cube.ts";
import type { JointRow } from "./joint-count.ts";
import { liveJointRows } from "./live-joint.ts";
import { type ReferenceData, type StaticReference, staticReference } from "./reference.ts";
import { type ReleaseInfo, releaseList } from "./releases.ts";

/** The release name that asks for an organisation's own live figures. */
export const LIVE = "LIVE";

/**
 * Where a figure is counted from. Everyone reads releases: the figures frozen when each financial
 * year was published, under disclosure control. A member (or administrator) may read `LIVE`: the
 * responses its own organisation sent, in the areas it covers, exact and unsuppressed, as it can
 * read those rows already; comparators beside a live figure come from the latest release.
 */
export interface FigureSource extends CubeSource {
  kind: "RELEASE" | "LIVE";
  /** The release's name, or "LIVE". */
  name: string;
  /** The release read; for LIVE, the latest release (where comparators come from), null when none is cut. */
  release: ReleaseInfo | null;
  ref: ReferenceData;
  /** Live figures are the organisation's own: true counts, none hidden. */
  exact: boolean;
  /** Where comparators (England, region, neighbours, ranks) come from: the release itself, or for LIVE the latest. */
  comparators: FigureSource | null;
  /** Whether the source answers for the area: a release for every area, LIVE for the areas the organisation covers. */
  covers(area: AreaRow): boolean;
  /** FORBIDDEN unless the source answers for the area. */
  assertArea(area: AreaRow, argument?: string): void;
  /** The packed joint counts of these years, kind and questions (`published_joint`, or counted live). */
  jointRows(kind: number, years: number[], keys: readonly (readonly [number, number, number])[]): Promise<Map<string, JointRow>>;
}

export const jointKey = (year: number, first: number, second: number, third: number) => `${year}|${first}|${second}|${third}`;

/** The figure source a request names: a release by name, LIVE, or (none named) the latest release. */
export async function figureSource(scope: Scope, release: string | null | undefined): Promise<FigureSource> {
  const { db } = scope;
  const [reference, list] = await Promise.all([staticReference(db), releaseList(db)]);
  if (release === LIVE) return liveSource(db, scope.actor, reference, list[0] ?? null);
  if (release != null) {
    const found = list.find((r) => r.name === release);
    if (!found) {
      const known = list.length ? ` (published: ${list.map((r) => r.name).join(", ")})` : ": none has been cut yet";
      throw notFound(`No release named "${String(release).slice(0, 40)}"${known}`, "release");
    }
    return releaseSource(db, reference, found);
  }
  if (!list[0]) throw notFound("No release has been cut yet: figures are published from releases (an administrator cuts one with `cutRelease`)", "release");
  return releaseSource(db, reference, list[0]);
}

const perRelease = new WeakMap<Db, Map<string, Promise<{ yearsBySet: Map<number, number[]> }>>>();

async function releaseFacts(db: Db, release: ReleaseInfo) {
  const known = perRelease.get(db) ?? new Map<string, Promise<{ yearsBySet: Map<number, number[]> }>>();
  perRelease.set(db, known);
  let facts = known.get(release.content);
  if (!facts) {
    facts = (async () => {
      const rows = release.years.length
        ? await queryRows<{ set: number; year: number }>(
            db,
            sql`select distinct question_set_id as set, financial_year as year from published_response_counts
                where financial_year in ${idList(release.years)} order by 1, 2`,
          )
        : [];
      return { yearsBySet: yearsBySet(rows) };
    })();
    facts.catch(() => known.delete(release.content));
    known.set(release.content, facts);
  }
  return facts;
}

function yearsBySet(rows: { set: number; year: number }[]): Map<number, number[]> {
  const by = new Map<number, number[]>();
  for (const { set, year } of rows) by.set(set, [...(by.get(set) ?? []), year]);
  return by;
}

const within = (years: number[]) => (years.length ? sql`financial_year in ${idList(years)}` : sql`false`);

async function releaseSource(db: Db, reference: StaticReference, release: ReleaseInfo): Promise<FigureSource> {
  const facts = await releaseFacts(db, release);
  // Kept under what the release holds, not its name (a month in which no year closed publishes
  // the same), and the reference data its comparators and ranks are worked out with.
  const key = `published:${release.content}:${reference.fingerprint}`;
  const source: FigureSource = {
    kind: "RELEASE",
    name: release.name,
    release,
    db,
    key,
    ref: { ...reference, yearsBySet: facts.yearsBySet, synthetic: release.synthetic },
    exact: false,
    bandCounts: sql`(select * from published_band_counts where ${within(release.years)})`,
    responseCounts: sql`(select * from published_response_counts where ${within(release.years)})`,
    comparators: null,
    covers: () => true,
    assertArea: () => {},
    jointRows: (kind, years, keys) =>
      publishedJointRows(
        db,
        key,
        kind,
        years.filter((y) => release.years.includes(y)),
        keys,
      ),
  };
  source.comparators = source;
  return source;
}

async function publishedJointRows(db: Db, key: string, kind: number, years: number[], keys: readonly (readonly [number, number, number])[]) {
  const found = new Map<string, JointRow>();
  if (!years.length || !keys.length) return found;
  const wanted = sql.join(
    keys.map(([a, b, c]) => sql`(${a}::int, ${b}::int, ${c}::int)`),
    sql`, `,
  );
  const read = () =>
    queryRows<{ year: number; first: number; second: number; third: number; cells: Uint8Array | string; size: number }>(
      db,
      sql`select financial_year as year, first, second, third, cells, size from published_joint
          where kind = ${kind} and financial_year in ${idList(years)} and (first, second, third) in (${wanted})`,
    );
  const rows = await cachedRead(db, key, `joint|${kind}|${years.join(",")}|${keys.map((k) => k.join(".")).join(",")}`, read);
  for (const r of rows)
    found.set(jointKey(r.year, r.first, r.second, r.third), {
      kind: kind as JointRow["kind"],
      first: r.first,
      second: r.second,
      third: r.third,
      cells: bytesOf(r.cells),
      size: Number(r.size),
    });
  return found;
}

/** A bytea as bytes: PGlite gives a Uint8Array, the Neon driver a Buffer (or, as text, `\x…` hex). */
export function bytesOf(value: Uint8Array | string): Uint8Array {
  if (typeof value !== "string") return value;
  return Uint8Array.from(Buffer.from(value.startsWith("\\x") ? value.slice(2) : value, "hex"));
}

/** The areas an actor's organisation covers, when it may read live figures at all. */
async function liveAreas(db: Db, actor: Actor): Promise<{ organisationId: number; areas: string[] }> {
  const forbidden = (why: string) =>
    new PoetError("FORBIDDEN", `${why}; everyone else reads a release (leave out \`release\`, or name one)`, { argument: "release" });
  let found: { organisationId: number; areas: string[] } | null = null;
  if (actor.type === "member") found = { organisationId: actor.organisation.id, areas: [...actor.areas] };
  else if (actor.type === "admin") {
    const rows = await queryRows<{ area: string }>(db, sql`select area_code as area from organisation_areas where organisation_id = ${actor.organisation.id}`);
    found = { organisationId: actor.organisation.id, areas: rows.map((r) => r.area) };
  }
  if (!found) throw forbidden("Live figures are a member organisation's own responses, read with its key");
  if (!found.areas.length) throw forbidden("Live figures are an organisation's own responses in the areas it covers, and yours covers none");
  return found;
}

async function liveSource(db: Db, actor: Actor, reference: StaticReference, latest: ReleaseInfo | null): Promise<FigureSource> {
  const { organisationId, areas } = await liveAreas(db, actor);
  const covered = new Set(areas);
  const which: SQL = sql`r.withdrawn_at is null and r.organisation_id = ${organisationId} and r.area_code in (${sql.join(
    areas.map((a) => sql`${a}`),
    sql`, `,
  )})`;
  const [years, comparators] = await Promise.all([
    queryRows<{ set: number; year: number; synthetic: boolean }>(
      db,
      sql`select question_set_id as set, financial_year as year, bool_or(synthetic) as synthetic from responses r where ${which} group by 1, 2 order by 1, 2`,
    ),
    latest ? releaseSource(db, reference, latest) : null,
  ]);
  const relations = countedRelations(which);
  return {
    kind: "LIVE",
    name: LIVE,
    release: latest,
    db,
    key: null,
    ref: { ...reference, yearsBySet: yearsBySet(years), synthetic: years.some((y) => y.synthetic) },
    exact: true,
    ...relations,
    comparators,
    covers: (area) => covered.has(area.code),
    assertArea(area, argument = "area") {
      if (!covered.has(area.code))
        throw new PoetError("FORBIDDEN", `Live figures are for the areas your organisation covers (${areas.join(", ")}), not ${area.code}`, { argument });
    },
    jointRows: (kind, yearList, keys) => liveJointRows(db, reference, which, areas, kind, yearList, keys),
  };
}
