import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/index.ts";
import { publishedCount, type ReleaseInfo, releaseList, staticReference } from "../figure/index.ts";
import type { QuestionSetRow } from "../questionset/index.ts";

/** One instrument in a release: its latest version there, its versions and years, and its published count in England. */
export interface ReleaseQuestionSetView {
  questionSet: QuestionSetRow;
  versions: number[];
  years: number[];
  responses: number | null;
}

export interface ReleaseView extends ReleaseInfo {
  latest: boolean;
  questionSets: ReleaseQuestionSetView[];
}

type YearCounts = { set: number; year: number; n: number; k: number }[];
/** The published response counts, per database, read again only when the releases change: they are frozen. */
const counted = new WeakMap<Db, { releases: string; counts: Promise<YearCounts> }>();

function publishedCounts(db: Db, list: readonly ReleaseInfo[]): Promise<YearCounts> {
  const releases = list.map((r) => `${r.id}:${r.content}`).join("|");
  const hit = counted.get(db);
  if (hit?.releases === releases) return hit.counts;
  const counts = queryRows<YearCounts[number]>(
    db,
    sql`select question_set_id as set, financial_year as year, sum(count)::int as n, sum(key_sum)::int as k
        from published_response_counts group by 1, 2 order by 1, 2`,
  );
  counted.set(db, { releases, counts });
  counts.catch(() => counted.delete(db));
  return counts;
}

/** Every release with what it holds, newest first (one query besides the list, once per set of releases). */
export async function describeReleases(db: Db): Promise<ReleaseView[]> {
  const [list, reference] = await Promise.all([releaseList(db), staticReference(db)]);
  if (!list.length) return [];
  const counts = await publishedCounts(db, list);
  const setById = new Map(reference.questionSets.map((s) => [s.id, s]));
  return list.map((release, i) => {
    const held = counts.filter((c) => release.years.includes(c.year) && setById.has(c.set));
    const codes = [...new Set(held.map((c) => setById.get(c.set)!.code))].sort();
    const questionSets = codes.map((code) => {
      const rows = held.filter((c) => setById.get(c.set)!.code === code);
      const versions = [...new Set(rows.map((c) => setById.get(c.set)!.version))].sort((a, b) => a - b);
      const cell = rows.reduce((sum, c) => ({ count: sum.count + c.n, keySum: sum.keySum + c.k }), { count: 0, keySum: 0 });
      const latest = reference.questionSets.find((s) => s.code === code && s.version === versions.at(-1))!;
      return { questionSet: latest, versions, years: [...new Set(rows.map((c) => c.year))].sort((a, b) => a - b), responses: publishedCount(cell) };
    });
    return { ...release, latest: i === 0, questionSets };
  });
}
