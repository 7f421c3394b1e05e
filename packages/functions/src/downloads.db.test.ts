/**
 * Downloads through the Lambda adapter with API Gateway v2 events, on every driver: binary
 * bodies arrive base64-encoded and decode to the files the handler built.
 */
import { gunzipSync } from "node:zlib";
import { createDownloadHandler } from "@poet/core/download/handler";
import { useDemoApi } from "@poet/core/testing/fixtures";
import { parquetReadObjects } from "hyparquet";
import { beforeAll, describe, expect, it } from "vitest";
import { downloadEvent } from "./download-events.test-helper.ts";
import { createLambdaHandler } from "./lambda.ts";

const demo = useDemoApi();
let handler: ReturnType<typeof createLambdaHandler>;

beforeAll(() => {
  handler = createLambdaHandler(createDownloadHandler({ database: demo.database }));
});

/** Follows redirects as `curl -L` does. */
async function curl(path: string, headers: Record<string, string> = {}, method = "GET") {
  const result = await handler(downloadEvent(method, path, headers));
  if (result.statusCode === 307) return curl(String(result.headers!.location), headers, method);
  const bytes = result.isBase64Encoded ? Buffer.from(result.body ?? "", "base64") : Buffer.from(result.body ?? "", "utf8");
  return { ...result, bytes };
}

describe("downloads through API Gateway", () => {
  it("lists the files, and follows an alias to the Parquet, sent in base64", async () => {
    const index = JSON.parse((await curl("/downloads")).bytes.toString("utf8"));
    const carer = index.datasets.find((d: { question_set: string; version: number }) => d.question_set === "CARER" && d.version === 1);
    const parquet = await curl(carer.aliases.parquet);
    expect(parquet).toMatchObject({ statusCode: 200, isBase64Encoded: true });
    expect(parquet.headers).toMatchObject({ "content-type": "application/vnd.apache.parquet", "cache-control": "public, max-age=31536000, immutable" });
    const rows = await parquetReadObjects({ file: parquet.bytes.buffer.slice(parquet.bytes.byteOffset, parquet.bytes.byteOffset + parquet.bytes.byteLength) });
    const csv = await curl(carer.files.csv, { "accept-encoding": "gzip" });
    expect(csv).toMatchObject({ statusCode: 200, isBase64Encoded: true, headers: { "content-encoding": "gzip" } });
    const lines = gunzipSync(csv.bytes).toString("utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(rows.length + 1);
    expect(rows.length).toBeGreaterThan(1000);
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
