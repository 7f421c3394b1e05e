import type { GraphQLFormattedError } from "graphql";
import type { Database } from "../db/types.ts";
import { createContext, type ContextSettings } from "../graphql/context.ts";
import { createApolloServer, type ServerOptions } from "../graphql/server.ts";

export interface QueryResult<T> {
  data?: T | null;
  errors?: readonly GraphQLFormattedError[];
}

/** The real Apollo server (parsing, validation, resolvers, error formatting), without HTTP. */
export function createTestClient(database: Database, options: ServerOptions & { settings?: ContextSettings } = {}) {
  const server = createApolloServer(options);
  return {
    server,
    /** `headers` are the request's, e.g. `{ authorization: "Bearer poet_…" }`. */
    async query<T = any>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<QueryResult<T>> {
      const response = await server.executeOperation<T>({ query, variables }, { contextValue: createContext(database, { headers }, options.settings) });
      if (response.body.kind !== "single") throw new Error("expected a single (non-incremental) result");
      return response.body.singleResult;
    },
    /** The data of a query that must succeed. */
    async data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const result = await this.query<T>(query, variables);
      if (result.errors?.length) throw new Error(`query failed: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
    /** The `extensions.code` of each error of a query that must fail. */
    async errorCodes(query: string, variables?: Record<string, unknown>): Promise<string[]> {
      const result = await this.query(query, variables);
      return (result.errors ?? []).map((e) => String(e.extensions?.code));
    },
  };
}
