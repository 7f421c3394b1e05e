/**
 * The `extensions.code` values this API gives, beside GraphQL's own request errors
 * (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT for variables, …).
 */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "BAD_REQUEST"
  | "METHOD_NOT_ALLOWED"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "PAYLOAD_TOO_LARGE"
  | "QUERY_TOO_COMPLEX"
  | "RESPONSE_TOO_LARGE"
  | "INTERNAL_SERVER_ERROR";

/**
 * An error whose message is meant for the caller, never masked. The domain throws it knowing
 * nothing of GraphQL; the server maps `code` and `details` to the error's `extensions`, and the
 * CLI prints the message.
 */
export class PoetError extends Error {
  override readonly name = "PoetError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const badInput = (message: string, argument?: string) => new PoetError("BAD_USER_INPUT", message, argument ? { argument } : {});

export const notFound = (message: string, argument?: string) => new PoetError("NOT_FOUND", message, argument ? { argument } : {});

export const forbidden = (message: string) => new PoetError("FORBIDDEN", message);
