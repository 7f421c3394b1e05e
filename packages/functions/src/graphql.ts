/**
 * The GraphQL Lambda: API Gateway HTTP API (payload v2), `GET /graphql` and `POST /graphql`.
 *
 * It serves the same Apollo server, resolvers and context as the local run. What happens at
 * module load (the cold start) is only building the schema and starting Apollo; the database is
 * opened when the first resolver asks for it (core's context takes a getter) and kept for the
 * container's life (database.ts), and DATABASE_URL itself is read from SSM only then (secret.ts). A cold
 * `{ __typename }` thus costs no SDK load, no SSM call and no connection.
 */
import { loadConfig } from "@poet/core/config";
import { createContext } from "@poet/core/graphql/context";
import { createApolloServer } from "@poet/core/graphql/server";
import { lazyDatabase } from "./database.ts";
import { createGraphQLHandler } from "./lambda.ts";

// Checked once, at cold start: a bad setting fails the deploy's first request loudly.
const config = loadConfig();
const database = lazyDatabase();

export const handler = createGraphQLHandler({
  server: createApolloServer({
    production: process.env.NODE_ENV === "production",
    // A public, schema-first API: dashboards discover it by introspection unless a stage opts out.
    introspection: process.env.POET_INTROSPECTION !== "false",
  }),
  getDatabase: database.get,
  createContext: (getDatabase, request) => createContext(getDatabase, request, { reportThreshold: config.reportThreshold }),
});
