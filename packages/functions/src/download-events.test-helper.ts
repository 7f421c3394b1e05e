import type { APIGatewayProxyEventV2 } from "aws-lambda";

/**
 * An API Gateway HTTP API (payload format 2.0) event for a download, as Lambda receives it from
 * the `ANY /downloads/{proxy+}` route (or `ANY /downloads`, without path parameters).
 */
export function downloadEvent(method: string, path: string, headers: Record<string, string> = {}, rawQueryString = ""): APIGatewayProxyEventV2 {
  const proxy = path.startsWith("/downloads/") ? path.slice("/downloads/".length) : undefined;
  const routeKey = proxy === undefined ? "ANY /downloads" : "ANY /downloads/{proxy+}";
  return {
    version: "2.0",
    routeKey,
    rawPath: path,
    rawQueryString,
    headers: { accept: "*/*", "user-agent": "curl/8.5.0", host: "api.example.com", ...headers },
    ...(proxy !== undefined ? { pathParameters: { proxy } } : {}),
    requestContext: {
      accountId: "123456789012",
      apiId: "api",
      domainName: "api.example.com",
      domainPrefix: "api",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "curl/8.5.0" },
      requestId: "request",
      routeKey,
      stage: "$default",
      time: "01/Jan/2025:00:00:00 +0000",
      timeEpoch: 1735689600000,
    },
    isBase64Encoded: false,
  };
}
