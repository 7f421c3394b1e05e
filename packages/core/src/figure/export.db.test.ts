import { describe, expect, it } from "vitest";
import { useDemoApi } from "../testing/fixtures.ts";
import { parseCsv } from "../util/csv.ts";

// figureExport asks for less when the caller does, and what cannot fit in an answer is refused
// before a figure is read: an export reserves its size from the request's 5 MB.
const demo = useDemoApi();

const EXPORT = `query($s: QuestionSetCode!, $f: ExportFormat!, $p: PeriodInput, $t: AreaType, $a: [String!], $q: [String!], $b: Band) {
  figureExport(questionSet: $s, format: $f, period: $p, areaType: $t, areas: $a, questions: $q, band: $b) { rowCount content } }`;
const exported = async (variables: Record<string, unknown>) => {
  const { figureExport } = await demo.api.data(EXPORT, { f: "CSV", ...variables });
  return { rowCount: figureExport.rowCount as number, rows: parseCsv(figureExport.content) };
};

describe("figureExport, asked for less", () => {
  it("keeps only the areas, questions and band asked for, with the same figures as the whole export", async () => {
    const whole = await exported({ s: "CARER" });
    const key = (r: Record<string, string>) => `${r.area_code} ${r.question_code} ${r.band}`;
    const byKey = new Map(whole.rows.map((r) => [key(r), r]));

    const councils = await exported({ s: "CARER", t: "LOCAL_AUTHORITY", b: "POSITIVE" });
    expect(councils.rows.length).toBe(councils.rowCount);
    expect(councils.rows).toEqual(whole.rows.filter((r) => r.area_type === "LOCAL_AUTHORITY" && r.band === "POSITIVE"));
    expect(new Set(councils.rows.map((r) => r.area_code)).size).toBe(153);

    const named = await exported({ s: "CARER", a: ["E92000001", "E10000024"], q: ["continue_caring"] });
    expect(named.rows.map(key).sort()).toEqual(
      ["E92000001", "E10000024"]
        .flatMap((area) => ["POSITIVE", "NEUTRAL", "NEGATIVE"].map((band) => `${area} continue_caring ${band}`))
        .filter((k) => byKey.has(k))
        .sort(),
    );
    for (const row of named.rows) expect(row).toEqual(byKey.get(key(row)));
  });

  it("refuses names it does not know, and too many of them", async () => {
    const codes = async (variables: Record<string, unknown>) =>
      (await demo.api.query(EXPORT, { s: "CARER", f: "CSV", ...variables })).errors?.map((e) => [e.extensions?.code, e.message]);
    expect(await codes({ a: ["E10009999"] })).toEqual([["NOT_FOUND", 'No area has the code "E10009999"']]);
    expect(await codes({ q: ["no_such_question"] })).toEqual([["NOT_FOUND", expect.stringMatching(/has no graded question "no_such_question"$/)]]);
    expect(await codes({ a: Array.from({ length: 301 }, () => "E92000001") })).toEqual([["BAD_USER_INPUT", expect.stringMatching(/^At most 300 areas/)]]);
    expect(await codes({ b: "EXCLUDED" })).toEqual([["BAD_USER_INPUT", "band must be one of POSITIVE, NEUTRAL, NEGATIVE"]]);
  });
});

describe("figureExport, within the answer's 5 MB", () => {
  it("refuses ADULT_PB's JSON for a year before reading a figure, saying how to ask for less, and answers the smaller ask", async () => {
    const year = { from: "2024-25" };
    const { errors, data } = await demo.api.query(EXPORT, { s: "ADULT_PB", f: "JSON", p: year });
    expect(data?.figureExport).toBeNull();
    expect(errors?.map((e) => e.extensions?.code)).toEqual(["RESPONSE_TOO_LARGE"]);
    expect(errors?.[0]?.message).toMatch(/^This export would be about \d+\.\d MB \(\d+ rows\) .*ask for less with `areaType`, `areas`, `questions` or `band`/);
    const smaller = await demo.api.query(EXPORT, { s: "ADULT_PB", f: "JSON", p: year, b: "POSITIVE" });
    expect(smaller.errors).toBeUndefined();
    expect(JSON.parse(smaller.data.figureExport.content)).toHaveLength(smaller.data.figureExport.rowCount);
  });

  it("answers as many aliased exports as fit and refuses the rest unbuilt; a row count alone reserves nothing", async () => {
    const four = `{ ${["a", "b", "c", "d"].map((n) => `${n}: figureExport(questionSet: ADULT_PB) { rowCount content }`).join(" ")} }`;
    const { data, errors } = await demo.api.query(four);
    expect(Object.values(data).filter(Boolean)).toHaveLength(1);
    expect(data.a.content.length).toBeGreaterThan(1_000_000);
    expect(errors?.map((e) => [e.path?.[0], e.extensions?.code])).toEqual([
      ["b", "RESPONSE_TOO_LARGE"],
      ["c", "RESPONSE_TOO_LARGE"],
      ["d", "RESPONSE_TOO_LARGE"],
    ]);
    const counts = await demo.api.query(`{ ${["a", "b", "c", "d"].map((n) => `${n}: figureExport(questionSet: ADULT_PB) { rowCount }`).join(" ")} }`);
    expect(counts.errors).toBeUndefined();
    expect(new Set(Object.values(counts.data).map((e: any) => e.rowCount))).toEqual(new Set([data.a.rowCount]));
  });
});
