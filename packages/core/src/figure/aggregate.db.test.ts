import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../db/types.ts";
import { cutRelease } from "../release/index.ts";
import { submitResponses, withdrawResponses } from "../response/index.ts";
import { useDemoApi } from "../testing/fixtures.ts";
import { systemScope } from "../testing/keys.ts";
import { trueCells, trueResponses } from "../testing/truth.ts";
import { groupBy } from "../util/loader.ts";
import { publishedCount } from "./disclosure.ts";

// Two changes in different regions, each kept in the live cubes by its own delta: a response added
// in the East of England, forty withdrawn in the South West, after the demo's releases were cut.
const demo = useDemoApi({ writes: true });
const ADDED_IN = "E12000006";
const WITHDRAWN_IN = "E12000009";
// Version 1's figures (2022-23 to 2024-25), where the changes fall.
const FIGURES = `query($a: String!, $b: Band) { benchmark(questionSet: ADULT_PB, version: 1, question: "quality_of_life", area: $a, band: $b) { value { numerator denominator } } }`;
const look = async (area: string, band: string) => (await demo.api.data(FIGURES, { a: area, b: band })).benchmark.value;
let elsewhere: string;
let before: { negative: unknown; elsewhere: unknown; withdrawn: Awaited<ReturnType<typeof trueCells>>; responses: Awaited<ReturnType<typeof trueResponses>> };

beforeAll(async () => {
  const db = demo.database.db;
  const [{ council, other }] = (await queryRows<{ council: string; other: string }>(
    db,
    sql`select min(a.code) filter (where a.parent_code = ${ADDED_IN}) as council, min(a.code) filter (where a.parent_code not in (${ADDED_IN}, ${WITHDRAWN_IN})) as other
        from areas a where a.type = 'LOCAL_AUTHORITY' and a.code in (select area_code from responses)`,
  )) as [{ council: string; other: string }];
  elsewhere = other;
  before = {
    negative: await look(ADDED_IN, "NEGATIVE"),
    elsewhere: await look(elsewhere, "POSITIVE"),
    withdrawn: await trueCells(db, { questionSet: "ADULT_PB", area: WITHDRAWN_IN, question: "quality_of_life", to: 2024 }),
    responses: await trueResponses(db, { questionSet: "ADULT_PB", area: WITHDRAWN_IN }),
  };
  // Both changes go through the write path every submission and withdrawal takes.
  const system = systemScope(db);
  const added = await submitResponses(
    system,
    {
      responses: [
        {
          externalRef: "ONE-MORE",
          questionSet: "ADULT_PB",
          version: 1,
          area: council,
          collectedOn: "2024-06-01",
          collectionMode: "ONLINE",
          completedBy: "SELF",
          answers: [{ question: "quality_of_life", option: "better" }],
        },
      ],
    },
    { organisation: `demo-${council.toLowerCase()}` },
  );
  expect(added.created).toBe(1);
  const withdrawn = await queryRows<{ slug: string; ref: string }>(
    db,
    sql`select o.slug, r.external_ref as ref from responses r join question_sets s on s.id = r.question_set_id join areas a on a.code = r.area_code
        join organisations o on o.id = r.organisation_id
        where s.code = 'ADULT_PB' and a.parent_code = ${WITHDRAWN_IN} order by r.id limit 40`,
  );
  for (const [slug, rows] of groupBy(withdrawn, (r) => r.slug)) {
    const result = await withdrawResponses(
      system,
      rows.map((r) => r.ref),
      { organisation: slug },
    );
    expect(result.withdrawn).toBe(rows.length);
  }
});

describe("the live cubes count live responses only; a release keeps what it published", () => {
  it("drops withdrawn responses from the live cubes at once, and leaves every published figure as it was, in a later release too", async () => {
    const scope = { questionSet: "ADULT_PB", area: WITHDRAWN_IN };
    const after = await trueCells(demo.database.db, { ...scope, question: "quality_of_life", to: 2024 });
    expect(before.withdrawn.answered.count - after.answered.count).toBeGreaterThan(30);
    const published = { numerator: publishedCount(before.withdrawn.POSITIVE), denominator: publishedCount(before.withdrawn.answered) };
    expect(await look(WITHDRAWN_IN, "POSITIVE")).toEqual(published);
    // A release cut afterwards holds the same published years unchanged: a published year is final.
    await cutRelease(systemScope(demo.database.db), { name: "2026-12", asOf: "2026-12-01" });
    expect(await look(WITHDRAWN_IN, "POSITIVE")).toEqual(published);
    const responses = await trueResponses(demo.database.db, scope);
    expect(responses.count).toBeLessThan(before.responses.count);
    const [cube] = await queryRows<{ n: number }>(
      demo.database.db,
      sql`select coalesce(sum(c.count), 0)::int as n from band_counts c join questions q on q.id = c.question_id join question_sets s on s.id = q.question_set_id
          join areas a on a.code = c.area_code where s.code = 'ADULT_PB' and q.code = 'quality_of_life' and a.parent_code = ${WITHDRAWN_IN} and c.band <> 'EXCLUDED'`,
    );
    expect(cube!.n).toBe((await trueCells(demo.database.db, { ...scope, question: "quality_of_life" })).answered.count);
  });
});

describe("a set of records publishes one value", () => {
  it("keeps a cell's published count when a response joins another band, or another area", async () => {
    // Nothing published moves with a write: the region's NEGATIVE share, and an area's elsewhere.
    expect(await look(ADDED_IN, "NEGATIVE")).toEqual(before.negative);
    expect(await look(elsewhere, "POSITIVE")).toEqual(before.elsewhere);
    // And the region's published counts are those of its records when the release was cut.
    const region = await demo.api.data(FIGURES, { a: ADDED_IN, b: "POSITIVE" });
    expect(region.benchmark.value.numerator % 5).toBe(0);
  });
});
