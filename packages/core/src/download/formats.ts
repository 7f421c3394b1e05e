import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { type BasicType, parquetWriteBuffer } from "hyparquet-writer";
import { csvField } from "../util/csv.ts";
import { dataNotice } from "../util/notice.ts";
import { type DownloadField, fieldsOf, PRIMARY_KEY } from "./columns.ts";
import { fileName } from "./names.ts";
import type { DownloadTable } from "./table.ts";

export { dataNotice };

export const LICENCE = {
  name: "OGL-UK-3.0",
  title: "Open Government Licence v3.0",
  path: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
} as const;

export const MEDIA_TYPES = {
  csv: "text/csv; charset=utf-8",
  "csv.gz": "application/gzip",
  parquet: "application/vnd.apache.parquet",
  datapackage: "application/json; charset=utf-8",
} as const;

/** One built file: its bytes and the strong validator of exactly those bytes. */
export interface BuiltFile {
  bytes: Uint8Array;
  etag: string;
  sha256: string;
}

/** The files of one question-set version in one release, built together from one table. */
export interface DownloadFiles {
  csv: BuiltFile;
  /** The CSV gzipped: the `.csv.gz` file, and the `.csv` sent with `Content-Encoding: gzip`. */
  "csv.gz": BuiltFile;
  parquet: BuiltFile;
  datapackage: BuiltFile;
  rowCount: number;
}

function built(bytes: Uint8Array): BuiltFile {
  const digest = createHash("sha256").update(bytes).digest();
  return { bytes, etag: `"${digest.toString("base64url").slice(0, 27)}"`, sha256: digest.toString("hex") };
}

export function toCsv(table: DownloadTable, fields: readonly DownloadField[]): string {
  const lines = [fields.map((f) => f.name).join(",")];
  for (const row of table.rows) lines.push(fields.map((f) => csvField(row[f.name])).join(","));
  return lines.join("\n") + "\n";
}

const PARQUET_TYPES: Record<DownloadField["type"], BasicType> = { string: "STRING", integer: "INT32", number: "DOUBLE", boolean: "BOOLEAN" };

export function toParquet(table: DownloadTable, fields: readonly DownloadField[]): Uint8Array {
  const buffer = parquetWriteBuffer({
    columnData: fields.map((f) => ({
      name: f.name,
      data: table.rows.map((r) => r[f.name]),
      type: PARQUET_TYPES[f.type],
      nullable: !f.required,
    })),
    kvMetadata: [
      { key: "poet.data_notice", value: dataNotice(table.synthetic) },
      { key: "poet.licence", value: `${LICENCE.title} (${LICENCE.path})` },
      { key: "poet.release", value: table.release.name },
    ],
    createdBy: "POET API",
  });
  return new Uint8Array(buffer);
}

function tableSchema(fields: readonly DownloadField[]) {
  return {
    fields: fields.map((f) => ({
      name: f.name,
      type: f.type,
      description: f.description,
      constraints: { required: f.required, ...(f.enum ? { enum: f.enum } : {}), ...(f.pattern ? { pattern: f.pattern } : {}) },
    })),
    missingValues: [""],
    primaryKey: [...PRIMARY_KEY],
  };
}

/** A Frictionless Data Package (v1) describing both files, with their sizes and hashes. */
export function toDatapackage(table: DownloadTable, fields: readonly DownloadField[], files: Omit<DownloadFiles, "datapackage" | "rowCount">, created: Date) {
  const set = table.questionSet;
  const notice = dataNotice(table.synthetic);
  const base = fileName({ code: set.code, version: set.version, release: table.release.name });
  const schema = tableSchema(fields);
  const resource = (format: "csv" | "csv.gz" | "parquet", title: string, file: BuiltFile) => ({
    name: `${base}-${format.replace(".", "-")}`,
    title: `${set.name}, version ${set.version}: published figures (${title})`,
    profile: format === "parquet" ? "data-resource" : "tabular-data-resource",
    path: `${base}.${format}`,
    format: format === "parquet" ? "parquet" : "csv",
    mediatype: format === "parquet" ? MEDIA_TYPES.parquet : "text/csv",
    ...(format === "parquet" ? {} : { encoding: "utf-8" }),
    ...(format === "csv.gz" ? { compression: "gz" } : {}),
    bytes: file.bytes.byteLength,
    hash: `sha256:${file.sha256}`,
    schema,
  });
  return {
    profile: "data-package",
    name: `poet-${base}`,
    title: `POET published figures: ${set.name} (${set.code} version ${set.version})`,
    description: [
      table.synthetic ? `${notice}\n\n` : "",
      `The published figures of ${set.code} version ${set.version} of the Personal Outcomes Evaluation Tool (POET): one row per area, `,
      "question, financial year and band, with the published counts, percentage, 95% Wilson interval, status, GSS symbol and the ",
      "comparison with England. They are the figures the POET API publishes (its `benchmark` query for the same area, question, ",
      "version, year and band), under the same disclosure control: no figure is shown with fewer than 10 answers in its band or ",
      "outside it, and every count, England's too, is rounded to a multiple of 5 by the cell key method. ",
      `Release ${table.release.name}: a release never changes; a later release is published under its own name.`,
    ].join(""),
    version: `${set.version}.${table.release.id}.0`,
    created: created.toISOString(),
    licenses: [LICENCE],
    sources: [{ title: notice }],
    keywords: ["POET", "personal budgets", "personal health budgets", "EHCP", "outcomes", set.code],
    data_notice: notice,
    synthetic_data: table.synthetic,
    release: table.release.name,
    financial_years: fields.find((f) => f.name === "financial_year")!.enum,
    resources: [resource("csv", "CSV", files.csv), resource("csv.gz", "CSV, gzipped", files["csv.gz"]), resource("parquet", "Parquet", files.parquet)],
  };
}

/** Builds the CSV, the Parquet and the datapackage.json of one table. */
export function buildFiles(table: DownloadTable, created: Date): DownloadFiles {
  const fields = fieldsOf(table);
  const text = Buffer.from(toCsv(table, fields), "utf8");
  const files = { csv: built(text), "csv.gz": built(gzipSync(text)), parquet: built(toParquet(table, fields)) };
  const datapackage = built(Buffer.from(JSON.stringify(toDatapackage(table, fields, files, created), null, 2) + "\n", "utf8"));
  return { ...files, datapackage, rowCount: table.rows.length };
}
