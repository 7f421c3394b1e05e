import { ApolloServer } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
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

/** Errors the caller should see as they are: ours, and GraphQL's own request errors. */
function isCallerError(formatted: GraphQLFormattedError, error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof PoetError) return true;
  return original instanceof GraphQLError && formatted.extensions?.code !== "INTERNAL_SERVER_ERROR";
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
