import { gunzipSync } from "node:zlib";
import { parquetReadObjects } from "hyparquet";
import { describe, expect, it } from "vitest";
import type { QuestionRow, QuestionSetRow } from "../questionset/questionset.sql.ts";
import { parseCsv } from "../util/csv.ts";
import { DOWNLOAD_FIELDS, fieldsOf, PRIMARY_KEY } from "./columns.ts";
import { buildFiles } from "./formats.ts";
import type { DownloadRow, DownloadTable } from "./table.ts";

const row = (overrides: Partial<DownloadRow>): DownloadRow => ({
  question_set: "CARER",
  version: 2,
  financial_year: "2025-26",
  area_code: "E92000001",
  area_name: "England",
  area_type: "NATION",
  parent_area_code: null,
  question_code: "quality_of_life",
  question_kind: "OUTCOME",
  theme: null,
  band: "POSITIVE",
  numerator: 40,
  denominator: 61,
  percentage: (100 * 40) / 61,
  lower_ci_95: 53.1,
  upper_ci_95: 76.6,
  status: "AVAILABLE",
  symbol: null,
  disclosure: "EXACT",
  compared_with_england: null,
  synthetic: true,
  release: "2026-07",
  ...overrides,
});

const table: DownloadTable = {
  questionSet: { id: 1, code: "CARER", version: 2, name: "Carers", respondent: "", description: "", status: "PUBLISHED", publishedOn: null } as QuestionSetRow,
  years: [2025],
  questions: [{ code: "quality_of_life" } as QuestionRow],
  synthetic: true,
  release: { id: 7, name: "2026-07" },
  rows: [
    row({}),
    row({
      area_code: "E06000047",
      area_name: 'County Durham, "the Land of the Prince Bishops"',
      area_type: "LOCAL_AUTHORITY",
      parent_area_code: "E12000001",
      theme: "quality_of_life",
      numerator: null,
      denominator: null,
      percentage: null,
      lower_ci_95: null,
      upper_ci_95: null,
      status: "SUPPRESSED",
      symbol: "c",
      disclosure: "ROUNDED",
      compared_with_england: "NOT_COMPARED",
    }),
  ],
};

describe("the download's columns", () => {
  it("are a contract, in order, each described, the key required", () => {
    expect(DOWNLOAD_FIELDS.map((f) => f.name)).toEqual(Object.keys(row({})));
    for (const f of DOWNLOAD_FIELDS) expect(f.description.length, f.name).toBeGreaterThan(10);
    for (const key of PRIMARY_KEY) expect(DOWNLOAD_FIELDS.find((f) => f.name === key)?.required).toBe(true);
  });

  it("close the enums only the file knows: its set, version, years and questions", () => {
    const fields = Object.fromEntries(fieldsOf(table).map((f) => [f.name, f.enum]));
    expect(fields).toMatchObject({ question_set: ["CARER"], version: [2], financial_year: ["2025-26"], question_code: ["quality_of_life"] });
    expect(fields.band).toEqual(["POSITIVE", "NEUTRAL", "NEGATIVE"]);
  });
});

describe("buildFiles", () => {
  const files = buildFiles(table, new Date("2026-01-02T03:04:05Z"));

  it("writes the CSV with its header, quoting and empty missing values, gzipped alike", () => {
    const text = Buffer.from(files.csv.bytes).toString("utf8");
    expect(text.split("\n")[0]).toBe(DOWNLOAD_FIELDS.map((f) => f.name).join(","));
    const rows = parseCsv(text);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ area_name: 'County Durham, "the Land of the Prince Bishops"', numerator: "", symbol: "c", synthetic: "true" });
    expect(rows[0]!.percentage).toBe(String((100 * 40) / 61));
    expect(gunzipSync(files["csv.gz"].bytes).toString("utf8")).toBe(text);
  });

  it("writes Parquet holding the same values, nulls as nulls", async () => {
    const bytes = files.parquet.bytes;
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
    expect(rows).toEqual(table.rows);
  });

  it("describes them in a Data Package, with sizes, hashes and the notice", () => {
    const dp = JSON.parse(Buffer.from(files.datapackage.bytes).toString("utf8"));
    expect(dp).toMatchObject({
      name: "poet-carer-v2-2026-07",
      version: "2.7.0",
      created: "2026-01-02T03:04:05.000Z",
      synthetic_data: true,
      release: "2026-07",
    });
    expect(dp.resources.map((r: { path: string }) => r.path)).toEqual(["carer-v2-2026-07.csv", "carer-v2-2026-07.csv.gz", "carer-v2-2026-07.parquet"]);
    expect(dp.resources[0]).toMatchObject({
      bytes: files.csv.bytes.byteLength,
      hash: `sha256:${files.csv.sha256}`,
      schema: { missingValues: [""], primaryKey: [...PRIMARY_KEY] },
    });
    for (const resource of dp.resources) expect(resource.name).toMatch(/^[a-z0-9._-]+$/);
    expect(dp.description.startsWith(dp.data_notice)).toBe(true);
  });

  it("is the same bytes every time, the datapackage's too when dated alike (by its release's cut)", () => {
    const again = buildFiles(table, new Date("2026-01-02T03:04:05Z"));
    expect([again.csv.etag, again["csv.gz"].etag, again.parquet.etag, again.datapackage.etag]).toEqual([
      files.csv.etag,
      files["csv.gz"].etag,
      files.parquet.etag,
      files.datapackage.etag,
    ]);
  });
});
