import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { APIGatewayProxyEventV2, ScheduledEvent } from "aws-lambda";
import { afterAll, beforeAll, vi } from "vitest";

/** An API Gateway HTTP API (payload format 2.0) event for /graphql, as Lambda receives it. */
export function graphqlEvent(
  method: "GET" | "POST",
  request: { query: string; variables?: Record<string, unknown>; operationName?: string },
  headers: Record<string, string> = {},
): APIGatewayProxyEventV2 {
  const isGet = method === "GET";
  const query = isGet
    ? Object.fromEntries(
        Object.entries({
          query: request.query,
          operationName: request.operationName,
          variables: request.variables && JSON.stringify(request.variables),
        }).filter((e): e is [string, string] => e[1] !== undefined),
      )
    : undefined;
  return {
    version: "2.0",
    routeKey: `${method} /graphql`,
    rawPath: "/graphql",
    rawQueryString: query ? new URLSearchParams(query).toString() : "",
    queryStringParameters: query,
    headers: isGet ? { accept: "application/json", ...headers } : { "content-type": "application/json", accept: "application/json", ...headers },
    requestContext: {
      accountId: "123456789012",
      apiId: "api",
      domainName: "api.example.com",
      domainPrefix: "api",
      http: { method, path: "/graphql", protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "vitest" },
      requestId: "request",
      routeKey: `${method} /graphql`,
      stage: "$default",
      time: "01/Jan/2025:00:00:00 +0000",
      timeEpoch: 1735689600000,
    },
    body: isGet ? undefined : JSON.stringify(request),
    isBase64Encoded: false,
  };
}

/**
 * The event an EventBridge schedule (an SST `Cron`'s rule) sends its target at `time`
 * ("2026-12-01T06:00:00Z": the scheduled time, to the minute, in UTC). A retried or duplicated
 * delivery carries the same `id`.
 */
export function scheduledEvent(time: string, rule = "poet-api-test-ReleaseCronRule"): ScheduledEvent<Record<string, never>> {
  const hex = createHash("sha256").update(`${rule} ${time}`).digest("hex");
  return {
    version: "0",
    id: hex.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, "$1-$2-$3-$4-$5"),
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: "123456789012",
    time,
    region: "eu-west-2",
    resources: [`arn:aws:events:eu-west-2:123456789012:rule/${rule}`],
    detail: {},
  };
}

export type Result = { statusCode?: number; headers?: Record<string, unknown>; body?: string };

export function json(result: unknown): { status: number | undefined; body: any; headers: Record<string, unknown> } {
  const r = result as Result;
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : undefined, headers: r.headers ?? {} };
}

/**
 * A Lambda module imported as it runs outside Lambda with no DATABASE_URL: core then opens PGlite
 * in a temporary folder (`dataDir`, which exists only once something opened the database).
 */
export function useLambdaModule<T>(load: () => Promise<T>) {
  const fixture = {} as { module: T; dataDir: string };
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "poet-functions-"));
    fixture.dataDir = path.join(dir, "pglite");
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("SST_Secret_value_DATABASE_URL", "");
    vi.stubEnv("AWS_LAMBDA_FUNCTION_NAME", "");
    vi.stubEnv("POET_DATA_DIR", fixture.dataDir);
    fixture.module = await load();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await rm(dir, { recursive: true, force: true });
  });
  return fixture;
}
