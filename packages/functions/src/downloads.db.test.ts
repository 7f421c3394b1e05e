/**
 * Downloads through the Lambda adapter with API Gateway v2 events, on every driver: binary
 * bodies arrive base64-encoded and decode to the files the handler built. The demo data set comes
 * with the releases 2025-07 and 2026-07 (the latest).
 */
import { gunzipSync } from "node:zlib";
import { createDownloadHandler } from "@poet/core/download";
import { useDemoApi } from "@poet/core/testing";
import { parquetReadObjects } from "hyparquet";
import { beforeAll, describe, expect, it } from "vitest";
import { downloadEvent } from "./download-events.test-helper.ts";
import { createLambdaHandler } from "./lambda.ts";

const demo = useDemoApi();
let handler: ReturnType<typeof createLambdaHandler>;

beforeAll(() => {
  handler = createLambdaHandler(createDownloadHandler({ database: demo.database }));
});

/** Follows redirects as `curl -L` does, noting where it went. */
async function curl(path: string, headers: Record<string, string> = {}, method = "GET", redirects: string[] = []) {
  const result = await handler(downloadEvent(method, path, headers));
  if (result.statusCode === 307) return curl(String(result.headers!.location), headers, method, [...redirects, String(result.headers!.location)]);
  const bytes = result.isBase64Encoded ? Buffer.from(result.body ?? "", "base64") : Buffer.from(result.body ?? "", "utf8");
  return { ...result, bytes, redirects };
}

describe("downloads through API Gateway", () => {
  it("lists the latest release's files, and follows an alias to its Parquet, sent in base64", async () => {
    const index = JSON.parse((await curl("/downloads")).bytes.toString("utf8"));
    expect(index).toMatchObject({ release: "2026-07", releases: ["2026-07", "2025-07"] });
    const carer = index.datasets.find((d: { question_set: string; version: number }) => d.question_set === "CARER" && d.version === 1);
    expect(carer.files.parquet).toBe("/downloads/carer-v1-2026-07.parquet");
    const parquet = await curl(carer.aliases.parquet);
    expect(parquet.redirects).toEqual([carer.files.parquet]);
    expect(parquet).toMatchObject({ statusCode: 200, isBase64Encoded: true });
    expect(parquet.headers).toMatchObject({ "content-type": "application/vnd.apache.parquet", "cache-control": "public, max-age=31536000, immutable" });
    const rows = await parquetReadObjects({ file: parquet.bytes.buffer.slice(parquet.bytes.byteOffset, parquet.bytes.byteOffset + parquet.bytes.byteLength) });
    const csv = await curl(carer.files.csv, { "accept-encoding": "gzip" });
    expect(csv).toMatchObject({ statusCode: 200, isBase64Encoded: true, headers: { "content-encoding": "gzip" } });
    const lines = gunzipSync(csv.bytes).toString("utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(rows.length + 1);
    expect(rows.length).toBeGreaterThan(1000);
    // An earlier release's file is served as well, by its own name.
    const older = await curl("/downloads/carer-v1-2025-07.parquet");
    expect(older).toMatchObject({ statusCode: 200, isBase64Encoded: true, redirects: [] });
    expect(older.headers).toMatchObject({ "content-disposition": 'attachment; filename="carer-v1-2025-07.parquet"' });
  });

  it("sends a small CSV as text, HEAD without a body, and keeps each answer under Lambda's limit", async () => {
    const plain = await curl("/downloads/carer-v2.csv");
    expect(plain).toMatchObject({ statusCode: 200, headers: { "content-type": "text/csv; charset=utf-8" } });
    expect(plain.isBase64Encoded).toBeUndefined();
    const head = await curl("/downloads/carer-v2.csv", {}, "HEAD");
    expect(head.body).toBe("");
    expect(head.headers!["content-length"]).toBe(String(plain.bytes.byteLength));
    for (const path of ["/downloads/adult_pb-v1.csv", "/downloads/adult_pb-v1.csv.gz", "/downloads/adult_pb-v1.parquet"]) {
      const result = await curl(path);
      expect(JSON.stringify(result).length, path).toBeLessThan(6 * 1024 * 1024);
    }
  });
});
