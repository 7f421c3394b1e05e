import type { HttpRequest, HttpResponse } from "@poet/core/graphql/http";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";

/**
 * An API Gateway HTTP API (payload v2) handler over core's transport-neutral GraphQL handler:
 * the event becomes a request and the response a result, nothing more, so Lambda and
 * `npm start` answer every request alike.
 */
export function createLambdaHandler(handle: (request: HttpRequest) => Promise<HttpResponse>) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const body = event.body === undefined ? undefined : event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
    const response = await handle({
      method: event.requestContext.http.method,
      headers: event.headers ?? {},
      search: event.rawQueryString ?? "",
      body,
      requestId: event.requestContext.requestId,
    });
    return { statusCode: response.status, headers: response.headers, body: response.body };
  };
}
