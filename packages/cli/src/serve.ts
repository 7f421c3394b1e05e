import type { Config } from "@poet/core/app";
import type { Database } from "@poet/core/db";
import { createDownloadHandler } from "@poet/core/download";
import { createApolloServer, createHttpHandler } from "@poet/core/graphql";
import { createReportHandler, inProcessReports, lambdaReports } from "@poet/core/report";
import { s3Uploads } from "@poet/core/response";
import { createLogger } from "@poet/core/util/log";
import { loadExamples } from "./examples.ts";
import { graphiqlAssets, graphqlRoute } from "./graphiql.ts";
import { listen } from "./http.ts";

/**
 * The API on Node's http server, through the same handlers the Lambdas use: GraphQL (with
 * GraphiQL for browsers), the open-data downloads and the local reports, drawn in this process.
 */
export async function serve(database: Database, config: Config) {
  const logger = createLogger(config.logLevel);
  const { settings } = config;
  // Reports are drawn here unless a report function is named; large imports go to a bucket if one is.
  const services = {
    uploads: config.importBucket ? s3Uploads(config.importBucket) : null,
    reports: config.reportFunction ? lambdaReports(config.reportFunction) : inProcessReports,
  };
  const server = createApolloServer({ production: config.production, introspection: config.introspection, logger });
  const graphql = createHttpHandler({ server, database, settings, services, logger });
  const downloads = createDownloadHandler({ database, settings, logger });
  const reports = createReportHandler({ database, settings, logger });
  const http = await listen(
    [
      graphqlRoute(graphql, loadExamples()),
      graphiqlAssets(),
      { prefix: "/downloads", handle: downloads },
      { prefix: "/downloads/", handle: downloads },
      { prefix: "/reports/", handle: reports },
    ],
    config.port,
  );
  return { url: `${http.origin}/graphql`, stop: async () => (await http.close(), await server.stop(), await database.close()) };
}
