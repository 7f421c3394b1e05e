import type { GraphQLFormattedError } from "graphql";
import type { Database } from "../db/types.ts";
import type { Services } from "../graphql/context.ts";
import { createHttpHandler } from "../graphql/http.ts";
import { createApolloServer, type ServerOptions } from "../graphql/server.ts";
import type { HttpResponse } from "../http/index.ts";
import { inProcessReports } from "../report/local.ts";
import { DEFAULT_SETTINGS, type Settings } from "../scope/index.ts";

export interface QueryResult<T> {
  data?: T | null;
  errors?: readonly GraphQLFormattedError[];
  extensions?: Record<string, any>;
}

/**
 * The real server over its real HTTP handler (credentials, limits, parsing, validation,
 * resolvers, error formatting), called in-process: only the socket is left out.
 */
export function createTestClient(database: Database, options: ServerOptions & { settings?: Partial<Settings>; services?: Partial<Services> } = {}) {
  const server = createApolloServer(options);
  const handle = createHttpHandler({
    server,
    database,
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
    services: { reports: inProcessReports, ...options.services },
    logger: options.logger,
  });
  return {
    server,
    handle,
    /** POSTs a query; `headers` are the request's, e.g. `{ authorization: "Bearer poet_…" }`. */
    async post(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<HttpResponse> {
      return handle({ method: "POST", headers: { "content-type": "application/json", ...headers }, search: "", body: JSON.stringify({ query, variables }) });
    },
    async query<T = any>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<QueryResult<T>> {
      return JSON.parse((await this.post(query, variables, headers)).body) as QueryResult<T>;
    },
    /** The data of a query that must succeed. */
    async data<T = any>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<T> {
      const result = await this.query<T>(query, variables, headers);
      if (result.errors?.length) throw new Error(`query failed: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
    /** The `extensions.code` of each error of a query that must fail. */
    async errorCodes(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<string[]> {
      const result = await this.query(query, variables, headers);
      return (result.errors ?? []).map((e) => String(e.extensions?.code));
    },
  };
}
