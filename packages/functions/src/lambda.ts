import type { HttpRequest, HttpResponse } from "@poet/core/http";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";

/**
 * An API Gateway HTTP API (payload v2) handler over one of core's transport-neutral handlers:
 * the event becomes a request and the response a result, nothing more, so Lambda and
 * `npm start` answer every request alike. A binary body (a Parquet file, a gzipped CSV) goes
 * back in base64, which API Gateway decodes.
 */
export function createLambdaHandler(handle: (request: HttpRequest & { path: string }) => Promise<HttpResponse<string | Uint8Array>>) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const body = event.body === undefined ? undefined : event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
    const response = await handle({
      method: event.requestContext.http.method,
      path: event.rawPath ?? event.requestContext.http.path,
      headers: event.headers ?? {},
      search: event.rawQueryString ?? "",
      body,
      requestId: event.requestContext.requestId,
    });
    if (typeof response.body !== "string") {
      const bytes = response.body;
      return {
        statusCode: response.status,
        headers: response.headers,
        body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64"),
        isBase64Encoded: true,
      };
    }
    return { statusCode: response.status, headers: response.headers, body: response.body };
  };
}
