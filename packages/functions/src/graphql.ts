/**
 * The GraphQL Lambda: API Gateway HTTP API (payload v2), `GET /graphql` and `POST /graphql`,
 * behind CloudFront, which caches the public GETs.
 *
 * It serves the same Apollo server and HTTP handler as the local run. What happens at module load
 * (the cold start) is only reading the configuration, building the schema and starting Apollo;
 * the database is opened when a request first needs it (a credential to check, a figure to read)
 * and kept for the container's life (database.ts), and DATABASE_URL itself is read from SSM only
 * then (secret.ts). A cold anonymous `{ __typename }` POST thus costs no SDK load, no SSM call and
 * no connection.
 */
import { loadConfig } from "@poet/core/app";
import { createApolloServer, createHttpHandler } from "@poet/core/graphql";
import { lambdaReports } from "@poet/core/report";
import { s3Uploads } from "@poet/core/response";
import { createLogger } from "@poet/core/util/log";
import { lazyDatabase } from "./database.ts";
import { createLambdaHandler } from "./lambda.ts";

// Checked once, at cold start: a bad setting fails the deploy's first request loudly.
const config = loadConfig();
const logger = createLogger(config.logLevel);
const database = lazyDatabase();
const server = createApolloServer({ production: config.production, introspection: config.introspection, logger });

// What the API reaches besides the database: the imports bucket and the report function, if set.
const services = {
  uploads: config.importBucket ? s3Uploads(config.importBucket) : null,
  reports: config.reportFunction ? lambdaReports(config.reportFunction) : null,
};

export const handler = createLambdaHandler(createHttpHandler({ server, database: database.get, settings: config.settings, services, logger }));
