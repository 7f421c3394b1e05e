import type { Config } from "@poet/core/config";
import type { Database } from "@poet/core/db/types";
import { createHttpHandler } from "@poet/core/graphql/http";
import { createApolloServer } from "@poet/core/graphql/server";
import { createLogger } from "@poet/core/util/log";
import { listen } from "./http.ts";

/** The API on Node's http server, through the same handler the Lambda uses. */
export async function serve(database: Database, config: Config) {
  const logger = createLogger(config.logLevel);
  const server = createApolloServer({ production: config.production, introspection: config.introspection, logger });
  const http = await listen(createHttpHandler({ server, database, settings: config.settings, logger }), config.port);
  return { url: http.url, stop: async () => (await http.close(), await server.stop(), await database.close()) };
}
