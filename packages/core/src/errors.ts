import { GraphQLError } from "graphql";

/** The `extensions.code` values this API uses, beside Apollo's own (GRAPHQL_VALIDATION_FAILED, …). */
export type ErrorCode = "BAD_USER_INPUT" | "NOT_FOUND" | "FORBIDDEN" | "UNAUTHENTICATED" | "INTERNAL_SERVER_ERROR";

/** An error whose message is meant for the caller: never masked. */
export class PoetError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
  }
}

export const badInput = (message: string, argument?: string) =>
  new PoetError("BAD_USER_INPUT", message, argument ? { argument } : {});

export const notFound = (message: string, argument?: string) =>
  new PoetError("NOT_FOUND", message, argument ? { argument } : {});
