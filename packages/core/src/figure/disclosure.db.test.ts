import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Actor } from "../actor/index.ts";
import { queryRows } from "../db/types.ts";
import { DEFAULT_SETTINGS } from "../scope/index.ts";
import { useDemoApi } from "../testing/fixtures.ts";
import { trueCells } from "../testing/truth.ts";
import { parseCsv } from "../util/csv.ts";
import { breakdown } from "./breakdown.ts";
import { wilsonInterval } from "./statistics.ts";

const RESEARCHER: Actor = { type: "researcher", organisation: { id: 0, slug: "tests", name: "Tests" }, credential: "tests" };

// Attacks on the published figures, through the real server and SQL, on every driver.
const demo = useDemoApi();

describe("the same records always give the same published figure", () => {
  it("however often, and however the question is phrased", async () => {
    const area = "E12000002";
    const q = `{ benchmark(questionSet: CYP_EHCP, question: "being_heard", area: "${area}") { value { numerator denominator percentage } } }`;
    const first = (await demo.api.data(q)).benchmark.value;
    for (let i = 0; i < 3; i++) expect((await demo.api.data(q)).benchmark.value).toEqual(first);
    const profile = (
      await demo.api.data(`{ areaProfile(questionSet: CYP_EHCP, area: "${area}") { items { question { code } value { numerator denominator percentage } } } }`)
    ).areaProfile;
    expect(profile.items.find((i: { question: { code: string } }) => i.question.code === "being_heard").value).toEqual(first);
    const split = (
      await demo.api.data(
        `{ breakdown(questionSet: CYP_EHCP, question: "being_heard", by: "gender", area: "${area}") { total { numerator denominator percentage } } }`,
      )
    ).breakdown;
    expect(split.total).toEqual(first);
    const views = (
      await demo.api.data(
        `{ triangulation(area: "${area}", theme: "being_heard") { views { questionSet { code } measure { numerator denominator percentage } } } }`,
      )
    ).triangulation.views;
    expect(views.find((v: { questionSet: { code: string } }) => v.questionSet.code === "CYP_EHCP").measure).toEqual(first);
    const rows = parseCsv((await demo.api.data(`{ figureExport(questionSet: CYP_EHCP) { content } }`)).figureExport.content);
    const row = rows.find((r) => r.area_code === area && r.question_code === "being_heard" && r.band === "POSITIVE")!;
    expect({ numerator: Number(row.numerator), denominator: Number(row.denominator) }).toEqual({ numerator: first.numerator, denominator: first.denominator });
  });
});

describe("counts cannot be recovered from percentages or intervals", () => {
  it("publishes only multiples of 5, with the percentage and interval of those, which differ from the truth", async () => {
    const rows = parseCsv((await demo.api.data(`{ figureExport(questionSet: ADULT_PB) { content } }`)).figureExport.content).filter(
      (r) => r.status === "AVAILABLE" && r.disclosure === "ROUNDED",
    );
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) {
      const [n, d] = [Number(r.numerator), Number(r.denominator)];
      expect((n % 5) + (d % 5)).toBe(0);
      expect(Number(r.percentage)).toBeCloseTo((100 * n) / d, 9);
      expect(Number(r.lower_ci_95)).toBeCloseTo(100 * wilsonInterval(n, d).lower, 9);
      expect(Number(r.upper_ci_95)).toBeCloseTo(100 * wilsonInterval(n, d).upper, 9);
    }
    const sample = rows.filter((r) => r.area_type === "REGION" && r.question_code === "quality_of_life");
    expect(sample.length).toBeGreaterThan(9);
    const truths = await Promise.all(
      sample.map((r) => trueCells(demo.database.db, { questionSet: "ADULT_PB", question: "quality_of_life", area: r.area_code! })),
    );
    expect(truths.filter((t, i) => t[sample[i]!.band as "POSITIVE"].count !== Number(sample[i]!.numerator)).length).toBeGreaterThan(sample.length / 3);
  });
});

describe("a true zero cannot be told from a suppressed cell", () => {
  it("shows a council's empty band exactly as it shows a band of a few", async () => {
    const cells = await queryRows<{ question: string; area: string; band: string; n: number }>(
      demo.database.db,
      sql`with t as (
            select q.code as question, c.area_code as area, b.band, coalesce(sum(c.count) filter (where c.band = b.band), 0)::int as n,
                   sum(c.count) filter (where c.band <> 'EXCLUDED')::int as d
            from band_counts c join questions q on q.id = c.question_id join question_sets s on s.id = q.question_set_id
            cross join (values ('POSITIVE'::band), ('NEGATIVE'::band)) b(band)
            where s.code = 'ADULT_PB' and q.kind <> 'ABOUT_YOU' group by 1, 2, 3)
          select question, area, band::text, n from t where d >= 20 and n < 10 order by n, area, question`,
    );
    const zero = cells.find((c) => c.n === 0);
    const few = cells.find((c) => c.n > 0);
    expect(zero && few).toBeTruthy();
    const shown = async (c: typeof zero) =>
      (
        await demo.api.data(
          `query($q: String!, $a: String!, $b: Band) { benchmark(questionSet: ADULT_PB, question: $q, area: $a, band: $b) { value { numerator denominator percentage confidenceInterval { lower } status symbol reason } } }`,
          { q: c!.question, a: c!.area, b: c!.band },
        )
      ).benchmark.value;
    expect(await shown(zero)).toEqual(await shown(few));
    expect((await shown(zero)).symbol).toBe("c");
  });
});

describe("breakdowns resist recovery by subtraction", () => {
  it("never leaves a single hidden category beside published ones", async () => {
    const [set] = await queryRows<{ id: number }>(demo.database.db, sql`select id from question_sets where code = 'ADULT_PB' and version = 1`);
    const areas = await queryRows<{ area_code: string }>(
      demo.database.db,
      sql`select area_code from responses where question_set_id = ${set!.id} group by 1 order by count(*) desc, 1 limit 12`,
    );
    const hiddenCounts: number[] = [];
    for (const { area_code } of areas) {
      for (const by of ["gender", "age_band", "type_of_need", "budget_management", "completed_by"]) {
        const result = await breakdown(
          { db: demo.database.db, actor: RESEARCHER, settings: DEFAULT_SETTINGS },
          { questionSet: "ADULT_PB", version: 1, question: "quality_of_life", by, area: area_code, band: "POSITIVE" },
        );
        const hidden = result.categories.filter((c) => c.measure.status !== "AVAILABLE").length;
        const shown = result.categories.length - hidden;
        expect(hidden === 1 && shown > 0, `${area_code} by ${by}`).toBe(false);
        hiddenCounts.push(hidden);
      }
    }
    expect(hiddenCounts).toHaveLength(60);
    expect(hiddenCounts.filter((n) => n >= 2).length).toBeGreaterThan(0);
  });
});

describe("nothing internal is ever shown", () => {
  it("has no record key, cell key, true count or perturbation anywhere in the schema", async () => {
    const { __schema } = await demo.api.data(`{ __schema { types { name fields { name args { name } } inputFields { name } } } }`);
    // API keys (credentials, not record keys) are the one kind of key the schema may name.
    // A member's own rows say whether each was withdrawn; no figure ever does.
    const credentials = new Set(["ApiKey", "CreatedApiKey", "CreateApiKeyInput", "Response", "ResponseFilter", "WithdrawResponsesPayload"]);
    type SchemaType = { name: string; fields: { name: string; args: { name: string }[] }[] | null; inputFields: { name: string }[] | null };
    const names: string[] = __schema.types
      .filter((t: SchemaType) => !credentials.has(t.name))
      .flatMap((t: SchemaType) => [
        t.name,
        ...(t.fields ?? []).flatMap((f) => [f.name, ...f.args.map((a) => a.name)]),
        ...(t.inputFields ?? []).map((f) => f.name),
      ]);
    expect(names.filter((n) => /key|true|perturb|withdrawn|recordId|responseId/i.test(n) && !/^(apiKeys|createApiKey|revokeApiKey)$/.test(n))).toEqual([]);
  });
});
