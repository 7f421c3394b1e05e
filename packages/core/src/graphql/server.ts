import { ApolloServer } from "@apollo/server";
import { ApolloServerErrorCode, unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import { PoetError } from "../errors.ts";
import type { GraphQLContext } from "./context.ts";
import { typeDefs } from "./generated/type-defs.ts";
import { resolvers } from "./resolvers/index.ts";

export type { GraphQLContext } from "./context.ts";

export interface ServerOptions {
  /** Mask unexpected errors' messages and hide stack traces. */
  production?: boolean;
  /** Allow schema introspection (on by default: the schema is the public documentation). */
  introspection?: boolean;
}

/** The codes Apollo gives a request it refuses before running it (parse, validation, variables). */
const REQUEST_ERROR_CODES: ReadonlySet<unknown> = new Set(Object.values(ApolloServerErrorCode).filter((code) => code !== ApolloServerErrorCode.INTERNAL_SERVER_ERROR));

/** Errors the caller should see as they are: ours, and GraphQL's own request errors. */
function isCallerError(formatted: GraphQLFormattedError, error: unknown): boolean {
  return unwrapResolverError(error) instanceof PoetError || REQUEST_ERROR_CODES.has(formatted.extensions?.code);
}

/** The one Apollo server: `npm start`, the tests and the Lambda handler all run this. */
export function createApolloServer(options: ServerOptions = {}): ApolloServer<GraphQLContext> {
  const production = options.production ?? false;
  return new ApolloServer<GraphQLContext>({
    typeDefs,
    resolvers,
    introspection: options.introspection ?? true,
    includeStacktraceInErrorResponses: !production,
    formatError: (formatted, error) => {
      if (!production || isCallerError(formatted, error)) return formatted;
      return { message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } };
    },
  });
}
