/** The Lambda adapter: API Gateway events in, results out, and the lazy database. */
import type { Database } from "@poet/core/db";
import type { HttpRequest } from "@poet/core/http";
import { describe, expect, it, vi } from "vitest";
import { lazyDatabase } from "./database.ts";
import { downloadEvent } from "./download-events.test-helper.ts";
import { graphqlEvent } from "./events.test-helper.ts";
import { createLambdaHandler } from "./lambda.ts";

describe("createLambdaHandler", () => {
  const seen: HttpRequest[] = [];
  const handler = createLambdaHandler(async (request) => {
    seen.push(request);
    return { status: 201, headers: { "x-test": "yes" }, body: "answer" };
  });

  it("hands a POST's method, headers, body and request id to the handler, and returns its answer", async () => {
    const result = await handler(graphqlEvent("POST", { query: "{ hello }" }, { authorization: "Bearer k" }));
    expect(result).toEqual({ statusCode: 201, headers: { "x-test": "yes" }, body: "answer" });
    expect(seen.at(-1)).toEqual({
      method: "POST",
      path: "/graphql",
      headers: { "content-type": "application/json", accept: "application/json", authorization: "Bearer k" },
      search: "",
      body: JSON.stringify({ query: "{ hello }" }),
      requestId: "request",
    });
  });

  it("passes a GET's raw query string, and decodes a base64 body", async () => {
    await handler(graphqlEvent("GET", { query: "{ hello }", operationName: "Q" }));
    expect(seen.at(-1)).toMatchObject({ method: "GET", search: "query=%7B+hello+%7D&operationName=Q", body: undefined });
    const event = graphqlEvent("POST", { query: "{ é }" });
    await handler({ ...event, body: Buffer.from(event.body!).toString("base64"), isBase64Encoded: true });
    expect(seen.at(-1)?.body).toBe(JSON.stringify({ query: "{ é }" }));
  });
});

describe("createLambdaHandler with a binary answer", () => {
  const parquet = new Uint8Array([0x50, 0x41, 0x52, 0x31, 0, 255, 0x50, 0x41, 0x52, 0x31]);
  const handler = createLambdaHandler(async (request) => ({
    status: 200,
    headers: { "content-type": "application/vnd.apache.parquet", "x-path": request.path },
    body: parquet.subarray(0, request.path.endsWith("short") ? 4 : 10),
  }));

  it("sends it in base64, flagged for API Gateway to decode, with the raw path handed over", async () => {
    const result = await handler(downloadEvent("GET", "/downloads/adult_pb-v1-c3.parquet"));
    expect(result).toEqual({
      statusCode: 200,
      headers: { "content-type": "application/vnd.apache.parquet", "x-path": "/downloads/adult_pb-v1-c3.parquet" },
      body: Buffer.from(parquet).toString("base64"),
      isBase64Encoded: true,
    });
    expect(Buffer.from(result.body!, "base64")).toEqual(Buffer.from(parquet));
  });

  it("encodes only the view's bytes, not the whole buffer beneath it", async () => {
    const result = await handler(downloadEvent("GET", "/downloads/short"));
    expect(Buffer.from(result.body!, "base64")).toEqual(Buffer.from([0x50, 0x41, 0x52, 0x31]));
  });
});

describe("lazyDatabase", () => {
  it("forgets a failed open so the next request retries", async () => {
    const db = { driver: "neon", db: {}, close: vi.fn(async () => {}) } as unknown as Database;
    const open = vi.fn<() => Promise<Database>>().mockRejectedValueOnce(new Error("Neon unreachable")).mockResolvedValue(db);
    const lazy = lazyDatabase(open);
    expect(lazy.opened()).toBe(false);
    await expect(lazy.get()).rejects.toThrow("Neon unreachable");
    expect(lazy.opened()).toBe(false);
    await expect(lazy.get()).resolves.toBe(db);
    await expect(lazy.get()).resolves.toBe(db);
    expect(open).toHaveBeenCalledTimes(2);
    await lazy.close();
    expect(db.close).toHaveBeenCalledOnce();
  });
});
