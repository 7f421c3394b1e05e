import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { ENGLAND } from "../area/index.ts";
import { publishedCount } from "../figure/disclosure.ts";
import { COARSE_REASON, COUNTABLE_BANDS, type CountableBand } from "../figure/measure.ts";
import { compareWithComparator, wilsonInterval } from "../figure/statistics.ts";
import { polarityOf } from "../figure/target.ts";
import { releaseList } from "../release/index.ts";
import { useDemoApi } from "../testing/fixtures.ts";
import { expectedMeasure, trueCells, trueResponseCounts } from "../testing/truth.ts";
import { financialYearLabel } from "../time/index.ts";
import { parseCsv } from "../util/csv.ts";
import { DOWNLOAD_FIELDS } from "./columns.ts";
import { createDownloadHandler } from "./handler.ts";

// The files, read back as a researcher's tools would, against the API's own figures: one set of
// records, one published value, by the GraphQL API and by the download alike, release by release
// (the demo data set comes with 2025-07, holding 2022-23 to 2024-25, and 2026-07, adding 2025-26).
const demo = useDemoApi();
let handle: ReturnType<typeof createDownloadHandler>;
type Row = Record<string, string | number | boolean | null>;
type Field = { name: string; type: string; description: string; constraints: { required: boolean; enum?: unknown[]; pattern?: string } };

beforeAll(() => {
  handle = createDownloadHandler({ database: demo.database });
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await handle({ method: "GET", path, headers, search: "" });
  if (response.status === 307) return get(response.headers.location!, headers);
  return response;
};
const bytesOf = (body: string | Uint8Array) => (typeof body === "string" ? Buffer.from(body) : Buffer.from(body));

/** A CSV cell as its declared type says, or why it cannot be: the checks a Frictionless validator makes. */
function typed(field: Field, text: string, problems: string[]): string | number | boolean | null {
  const { required, enum: allowed, pattern } = field.constraints;
  if (text === "") {
    if (required) problems.push(`${field.name} is empty`);
    return null;
  }
  let value: string | number | boolean = text;
  if (field.type === "integer") value = /^-?\d+$/.test(text) ? Number(text) : (problems.push(`${field.name}: ${text} is not an integer`), text);
  if (field.type === "number") value = Number.isFinite(Number(text)) ? Number(text) : (problems.push(`${field.name}: ${text} is not a number`), text);
  if (field.type === "boolean") value = text === "true" ? true : text === "false" ? false : (problems.push(`${field.name}: ${text} is not a boolean`), text);
  if (allowed && !allowed.includes(value)) problems.push(`${field.name}: ${text} is not one of its enum`);
  if (pattern && !new RegExp(pattern).test(text)) problems.push(`${field.name}: ${text} does not match ${pattern}`);
  return value;
}

async function download(set: string, release: string) {
  const base = `/downloads/${set}-${release}`;
  const datapackage = JSON.parse(String((await get(`${base}-datapackage.json`)).body));
  const [csvResource, gzResource, parquetResource] = datapackage.resources;
  const csvResponse = await get(`${base}.csv`, { "accept-encoding": "gzip" });
  const csvText = gunzipSync(bytesOf(csvResponse.body)).toString("utf8");
  const parquet = bytesOf((await get(`${base}.parquet`)).body);
  const gz = bytesOf((await get(`${base}.csv.gz`)).body);
  const fields: Field[] = csvResource.schema.fields;
  const parsed = Papa.parse<Record<string, string>>(csvText, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual(fields.map((f) => f.name));
  const problems: string[] = [];
  const csvRows: Row[] = parsed.data.map((r) => Object.fromEntries(fields.map((f) => [f.name, typed(f, r[f.name]!, problems)])));
  expect(problems.slice(0, 10)).toEqual([]);
  const buffer = parquet.buffer.slice(parquet.byteOffset, parquet.byteOffset + parquet.byteLength);
  const parquetRows = (await parquetReadObjects({ file: buffer })) as Row[];
  return { datapackage, csvResource, gzResource, parquetResource, csvText, gz, parquet, buffer, fields, csvRows, parquetRows };
}

describe.each([
  ["adult_pb-v1", "2026-07", ["2022-23", "2023-24", "2024-25"]],
  ["phb-v1", "2026-07", ["2022-23", "2023-24", "2024-25"]],
  ["carer-v2", "2026-07", ["2025-26"]],
  ["carer-v1", "2025-07", ["2022-23", "2023-24", "2024-25"]],
])("%s of release %s, downloaded", (set, release, years) => {
  let file: Awaited<ReturnType<typeof download>>;
  beforeAll(async () => {
    file = await download(set, release);
  });

  it("describes every column, in order, and both files hold the same rows", () => {
    expect(file.fields.map((f) => f.name)).toEqual(DOWNLOAD_FIELDS.map((f) => f.name));
    for (const f of file.fields) expect(f.description.length, f.name).toBeGreaterThan(10);
    expect(file.parquetResource.schema).toEqual(file.csvResource.schema);
    expect(file.csvRows.length).toBeGreaterThan(1000);
    expect(file.parquetRows).toHaveLength(file.csvRows.length);
    expect(file.parquetRows).toEqual(file.csvRows);
    const key = (r: Row) => file.csvResource.schema.primaryKey.map((k: string) => r[k]).join("|");
    expect(new Set(file.csvRows.map(key)).size).toBe(file.csvRows.length);
    // The Parquet schema's types are the dictionary's.
    const physical = Object.fromEntries(
      parquetMetadata(file.buffer)
        .schema.slice(1)
        .map((s) => [s.name, s.type]),
    );
    const expected = { string: "BYTE_ARRAY", integer: "INT32", number: "DOUBLE", boolean: "BOOLEAN" } as Record<string, string>;
    for (const f of file.fields) expect(physical[f.name], f.name).toBe(expected[f.type]);
  });

  it("says what it is: its release, sizes, hashes, licence and the synthetic-data notice", async () => {
    const sha = (b: Buffer) => `sha256:${createHash("sha256").update(b).digest("hex")}`;
    expect(file.csvResource).toMatchObject({
      format: "csv",
      mediatype: "text/csv",
      bytes: Buffer.byteLength(file.csvText),
      hash: sha(Buffer.from(file.csvText)),
    });
    expect(file.gzResource).toMatchObject({ compression: "gz", bytes: file.gz.byteLength, hash: sha(file.gz) });
    expect(gunzipSync(file.gz).toString("utf8")).toBe(file.csvText);
    expect(file.parquetResource).toMatchObject({ format: "parquet", mediatype: "application/vnd.apache.parquet", bytes: file.parquet.byteLength });
    expect([file.csvResource.path, file.gzResource.path, file.parquetResource.path]).toEqual([
      `${set}-${release}.csv`,
      `${set}-${release}.csv.gz`,
      `${set}-${release}.parquet`,
    ]);
    // The release names the file and versions the package: the set's version, then the release's id.
    const { id } = (await releaseList(demo.database.db)).find((r) => r.name === release)!;
    expect(file.datapackage).toMatchObject({
      name: `poet-${set}-${release}`,
      release,
      version: `${set.split("-v")[1]}.${id}.0`,
      financial_years: years,
      licenses: [{ name: "OGL-UK-3.0", title: "Open Government Licence v3.0" }],
      synthetic_data: true,
    });
    expect(file.datapackage).not.toHaveProperty("cube_version");
    expect(file.datapackage.description).toContain(`Release ${release}`);
    expect([...new Set(file.csvRows.map((r) => r.financial_year))]).toEqual(years);
    expect(file.datapackage.data_notice).toMatch(/^SYNTHETIC DEMO DATA/);
    expect(file.datapackage.description).toContain(file.datapackage.data_notice);
    expect(file.csvRows.every((r) => r.synthetic === true)).toBe(true);
    expect(Number.isNaN(Date.parse(file.datapackage.created))).toBe(false);
    for (const key of ["name", "title", "version", "sources"]) expect(file.datapackage[key], key).toBeTruthy();
  });

  it("holds together: percentages and intervals of the published counts, every count rounded (England's too), England's comparisons", () => {
    const england = new Map(file.csvRows.filter((r) => r.area_code === ENGLAND).map((r) => [`${r.financial_year}|${r.question_code}|${r.band}`, r]));
    for (const row of file.csvRows) {
      const label = `${row.area_code} ${row.question_code} ${row.financial_year} ${row.band}`;
      // A release publishes nothing exact: the cell key method rounds every level's counts.
      expect(row.disclosure, label).toBe("ROUNDED");
      expect(row.status === "AVAILABLE", label).toBe(row.numerator !== null && row.denominator !== null && row.percentage !== null);
      expect(row.symbol, label).toBe({ AVAILABLE: null, SUPPRESSED: "c", NO_DATA: "x", NOT_COMPARABLE: "z" }[String(row.status)]);
      if (row.status === "AVAILABLE") {
        const [n, d] = [Number(row.numerator), Number(row.denominator)];
        expect(row.percentage, label).toBe((100 * n) / d);
        const { lower, upper } = wilsonInterval(n, d);
        expect([row.lower_ci_95, row.upper_ci_95], label).toEqual([100 * lower, 100 * upper]);
        expect([n % 5, d % 5], label).toEqual([0, 0]);
      }
      const inEngland = england.get(`${row.financial_year}|${row.question_code}|${row.band}`)!;
      const interval = row.status === "AVAILABLE" ? { lower: Number(row.lower_ci_95), upper: Number(row.upper_ci_95) } : null;
      const outcome =
        row.area_code === ENGLAND ? null : compareWithComparator(interval, inEngland.percentage as number | null, polarityOf(row.band as CountableBand));
      expect(row.compared_with_england, label).toBe(outcome);
    }
    expect(new Set(file.csvRows.map((r) => r.compared_with_england)).size).toBeGreaterThanOrEqual(set === "carer-v2" ? 3 : 4);
    expect(file.csvRows.filter((r) => r.area_code === ENGLAND).every((r) => r.status === "AVAILABLE" || r.status === "SUPPRESSED")).toBe(true);
  });

  it.runIf(set === "adult_pb-v1")("never shows a council's year too small to publish on its own, while its region's years are shown", async () => {
    const counts = (await trueResponseCounts(demo.database.db, "LOCAL_AUTHORITY")).filter((c) => c.code === "ADULT_PB" && c.version === 1);
    // Fewer than 20 responses in a year: no band and its rest can both reach 10 there. The busiest such year.
    const [thin] = counts.filter((c) => c.cell.count < 20).sort((a, b) => b.cell.count - a.cell.count);
    expect(thin, "a demo council with a thin year of ADULT_PB version 1").toBeDefined();
    const year = financialYearLabel(thin!.year);
    const rows = file.csvRows.filter((r) => r.area_code === thin!.area && r.financial_year === year);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.status === "AVAILABLE")).toEqual([]);
    // The API says why: the year is finer than the blocks its family may publish.
    const { benchmark } = await demo.api.data(
      `query($a: String!, $y: String!) { benchmark(questionSet: ADULT_PB, question: "quality_of_life", area: $a, version: 1, period: { from: $y }, release: "2026-07") {
        area { parent { code } } value { status reason } } }`,
      { a: thin!.area, y: year },
    );
    expect(benchmark.value).toEqual({ status: "SUPPRESSED", reason: COARSE_REASON });
    const region = file.csvRows.filter((r) => r.area_code === benchmark.area.parent.code && r.financial_year === year);
    expect(region.filter((r) => r.status === "AVAILABLE").length).toBeGreaterThan(0);
  });

  it("publishes, for a sample across area types, years and bands, what benchmark publishes from the same release", async () => {
    const sample = sampleRows(file.csvRows, 20);
    expect(new Set(sample.map((r) => r.area_type)).size).toBe(5);
    expect(sample.filter((r) => r.status === "AVAILABLE").length).toBeGreaterThanOrEqual(5);
    for (const row of sample) {
      const { benchmark } = await demo.api.data(
        `query($s: QuestionSetCode!, $q: String!, $a: String!, $b: Band!, $y: String!, $v: Int, $r: String) {
          benchmark(questionSet: $s, question: $q, area: $a, band: $b, period: { from: $y }, version: $v, release: $r) {
            release value { numerator denominator percentage confidenceInterval { lower upper } status symbol disclosure reason }
            comparisons { comparator outcome } } }`,
        { s: row.question_set, q: row.question_code, a: row.area_code, b: row.band, y: row.financial_year, v: row.version, r: release },
      );
      expect(benchmark.release).toBe(release);
      const v = benchmark.value;
      const label = `${row.area_code} ${row.question_code} ${row.financial_year} ${row.band}`;
      expect(
        pick(row, ["numerator", "denominator", "percentage", "lower_ci_95", "upper_ci_95", "status", "symbol", "disclosure", "compared_with_england"]),
        label,
      ).toEqual({
        numerator: v.numerator,
        denominator: v.denominator,
        percentage: v.percentage,
        lower_ci_95: v.confidenceInterval?.lower ?? null,
        upper_ci_95: v.confidenceInterval?.upper ?? null,
        status: v.status,
        symbol: v.symbol,
        disclosure: v.disclosure,
        compared_with_england: benchmark.comparisons.find((c: { comparator: string }) => c.comparator === "ENGLAND")?.outcome ?? null,
      });
      // And what the disclosure pipeline makes of the stored answers, counted without the cubes
      // (nothing was written after the demo's releases were cut, so they are what each holds):
      // the cell key method's counts, England's too, for a year its family's blocks let be shown.
      const year = Number(String(row.financial_year).slice(0, 4));
      const version = Number(row.version);
      const bands = COUNTABLE_BANDS.filter((b) => file.csvRows.some((r) => r.question_code === row.question_code && r.band === b));
      const scope = { questionSet: String(row.question_set), area: String(row.area_code), question: String(row.question_code), from: year, to: year };
      const expected = await expectedMeasure(demo.database.db, {
        ...scope,
        familyVersions: [version],
        countedVersions: [version],
        band: row.band as CountableBand,
        bands,
      });
      expect(pick(row, ["numerator", "denominator", "status"]), label).toEqual(pick(expected as unknown as Row, ["numerator", "denominator", "status"]));
      // Held back for a small count, or because the year is finer than its family's blocks: the API says which.
      if (expected.status === "SUPPRESSED") expect(v.reason, label).toBe(expected.reason);
      const truth = await trueCells(demo.database.db, { ...scope, version });
      if (row.area_code === ENGLAND && row.status === "AVAILABLE")
        expect([row.numerator, row.denominator], label).toEqual([publishedCount(truth[row.band as CountableBand]), publishedCount(truth.answered)]);
    }
  });
});

const pick = (row: Row, keys: string[]) => Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));

/** Up to `n` rows, spread over area types, years and bands, published ones first. Deterministic. */
function sampleRows(rows: Row[], n: number): Row[] {
  const hash = (r: Row) => createHash("sha256").update(`${r.area_code}|${r.question_code}|${r.financial_year}|${r.band}`).digest("hex");
  const ordered = [...rows].sort((a, b) => Number(b.status === "AVAILABLE") - Number(a.status === "AVAILABLE") || hash(a).localeCompare(hash(b)));
  const chosen: Row[] = [];
  const seen = new Set<string>();
  const keys = [(r: Row) => `${r.area_type}`, (r: Row) => `${r.compared_with_england}`, (r: Row) => `${r.area_type}|${r.financial_year}|${r.band}`, hash];
  for (const key of keys) {
    for (const row of ordered) {
      if (chosen.length >= n) break;
      if (!seen.has(key(row)) && !chosen.includes(row)) seen.add(key(row)), chosen.push(row);
    }
  }
  return chosen;
}

// Issue 27, one vocabulary: `figureExport` of one version, one year and one release is the
// download's rows of that year, with the same columns in the same order and the same values.
describe.each([
  ["carer-v2", "CARER", 2, "2026-07", "2025-26"],
  ["adult_pb-v1", "ADULT_PB", 1, "2025-07", "2023-24"],
])("%s of release %s, against figureExport", (set, code, version, release, year) => {
  it("has the export's header, and the export's row for each cell", async () => {
    const file = await download(set, release);
    const { figureExport } = await demo.api.data(
      `query($s: QuestionSetCode!, $v: Int, $y: String!, $r: String) {
        figureExport(questionSet: $s, version: $v, period: { from: $y }, release: $r, band: POSITIVE) { content } }`,
      { s: code, v: version, y: year, r: release },
    );
    const [exportHeader] = figureExport.content.split("\n");
    expect(exportHeader).toBe(file.csvText.split("\n")[0]);
    const key = (r: Record<string, string>) => `${r.financial_year}|${r.area_code}|${r.question_code}|${r.band}`;
    const downloaded = new Map(parseCsv(file.csvText).map((r) => [key(r), r]));
    const exported = parseCsv(figureExport.content);
    expect(exported.length).toBeGreaterThan(100);
    expect(new Set(exported.map((r) => r.compared_with_england))).toContain("SIMILAR");
    for (const row of exported) expect(row, key(row)).toEqual(downloaded.get(key(row)));
  });
});
