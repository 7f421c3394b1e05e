/**
 * The downloads Lambda: API Gateway HTTP API (payload v2), `/downloads` and `/downloads/{proxy+}`,
 * behind CloudFront, which keeps each immutable file for a year. A function of its own, so the
 * GraphQL function's bundle carries neither the file builders nor the Parquet writer.
 *
 * As in graphql.ts, the cold start reads the configuration only; the database is opened on the
 * first request and kept for the container's life, and the built files are kept in memory.
 */
import { loadConfig } from "@poet/core/app";
import { createDownloadHandler } from "@poet/core/download";
import { createLogger } from "@poet/core/util/log";
import { lazyDatabase } from "./database.ts";
import { createLambdaHandler } from "./lambda.ts";

const config = loadConfig();
const logger = createLogger(config.logLevel);
const database = lazyDatabase();

export const handler = createLambdaHandler(createDownloadHandler({ database: database.get, settings: config.settings, logger }));
