import type { ApolloServer, BaseContext } from "@apollo/server";
import { handlers, startServerAndCreateLambdaHandler } from "@as-integrations/aws-lambda";
import type { Database } from "@poet/core/db/index";

export type RequestInfo = { headers: Record<string, string | undefined> };

export interface GraphQLHandlerOptions<TContext extends BaseContext> {
  /** The same Apollo server the local run uses (core's `createApolloServer`). */
  server: ApolloServer<TContext>;
  /** Memoised, lazy database (database.ts): nothing is opened until it is first called. */
  getDatabase: () => Promise<Database>;
  /**
   * Core's `createContext`: it takes the getter and calls it only when the first resolver asks
   * for the database, so a `{ __typename }` or introspection request never opens one.
   */
  createContext: (database: () => Promise<Database>, request: RequestInfo) => TContext | Promise<TContext>;
}

/** An API Gateway HTTP API (payload v2) handler over an Apollo server. */
export function createGraphQLHandler<TContext extends BaseContext>(options: GraphQLHandlerOptions<TContext>) {
  return startServerAndCreateLambdaHandler(options.server, handlers.createAPIGatewayProxyEventV2RequestHandler(), {
    context: async ({ event }) => options.createContext(options.getDatabase, { headers: event.headers ?? {} }),
  });
}
