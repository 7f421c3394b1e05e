import type { Services } from "../graphql/index.ts";
import { lambdaReports } from "../report/index.ts";
import { s3Uploads } from "../response/index.ts";
import type { Config } from "./config.ts";

/**
 * What the GraphQL API reaches besides the database, as the configuration names it: the imports
 * bucket and the report function. Built only where GraphQL runs, so the other functions' bundles
 * carry neither adapter.
 */
export const servicesOf = (config: Pick<Config, "importBucket" | "reportFunction">): Services => ({
  uploads: config.importBucket ? s3Uploads(config.importBucket) : null,
  reports: config.reportFunction ? lambdaReports(config.reportFunction) : null,
});
