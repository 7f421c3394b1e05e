import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/index.ts";

/** A release as readers see it: its name, when it was cut, and the financial years it holds. */
export interface ReleaseInfo {
  id: number;
  name: string;
  cutAt: Date;
  /** The day whose publication rule it applied (yyyy-mm-dd). */
  asOf: string;
  /** Every financial year it holds (by start year, 2023 = 2023-24), oldest first. */
  years: number[];
  /** The years it was the first to publish. */
  newYears: number[];
  /** Whether any response it counts is synthetic (demo data). */
  synthetic: boolean;
  /**
   * What its figures are made of: each year it holds with the release that published (froze) it.
   * Two releases with the same content publish the same figures (a month with no year closing),
   * so reads are kept under this, not under the name.
   */
  content: string;
}

/** How long this process trusts its list of releases: a release cut elsewhere shows within this. */
const TTL_MS = 1000;
const cache = new WeakMap<Db, { at: number; list: Promise<ReleaseInfo[]> }>();

async function load(db: Db): Promise<ReleaseInfo[]> {
  const rows = await queryRows<{ id: number; name: string; cut_at: string | Date; as_of: string; years: string | null; synthetic: boolean | null }>(
    db,
    sql`select r.id, r.name, r.cut_at, r.as_of::text as as_of,
          string_agg(y.financial_year::text, ',' order by y.financial_year) as years, bool_or(y.synthetic) as synthetic
        from releases r left join published_years y on y.release_id = r.id
        group by r.id order by r.id`,
  );
  const list: ReleaseInfo[] = [];
  let years: number[] = [];
  let synthetic = false;
  const publishedBy = new Map<number, number>();
  for (const row of rows) {
    const newYears = row.years ? row.years.split(",").map(Number) : [];
    for (const year of newYears) publishedBy.set(year, row.id);
    years = [...years, ...newYears].sort((a, b) => a - b);
    synthetic ||= Boolean(row.synthetic);
    const content = years.map((y) => `${y}@${publishedBy.get(y)}`).join(",");
    list.push({ id: row.id, name: row.name, cutAt: new Date(row.cut_at), asOf: row.as_of, years, newYears, synthetic, content });
  }
  return list.reverse();
}

/** Every release, newest first; read at most once a second per process (`forgetReleases` after a cut). */
export function releaseList(db: Db): Promise<ReleaseInfo[]> {
  const hit = cache.get(db);
  if (hit && performance.now() - hit.at < TTL_MS) return hit.list;
  const list = load(db);
  cache.set(db, { at: performance.now(), list });
  list.catch(() => cache.delete(db));
  return list;
}

/** After a release is cut (or the releases replaced) in this process: the next read sees it. */
export function forgetReleases(db: Db): void {
  cache.delete(db);
}

/** The latest release's id, or 0: what caches of published answers (ETags) are keyed on. */
export async function latestReleaseId(db: Db): Promise<number> {
  return (await releaseList(db))[0]?.id ?? 0;
}
