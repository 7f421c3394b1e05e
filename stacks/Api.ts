import { Duration, Fn } from "aws-cdk-lib";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as cloudwatchActions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3n from "aws-cdk-lib/aws-s3-notifications";
import * as sns from "aws-cdk-lib/aws-sns";
import { Cron, Api as HttpApi, Script, Function as SstFunction, type StackContext, use } from "sst/constructs";
import { IMPORT_NODE_OPTIONS } from "./bundling.ts";
import { Database } from "./Database.ts";

/** Lambda + HTTP API settings, exported so the stack tests assert against the same numbers. */
export const GRAPHQL_FUNCTION = { memorySize: "1024 MB", timeout: "15 seconds" } as const;
export const API_THROTTLE = { rate: 200, burst: 400 } as const;
/** The longest CloudFront keeps an answer; the function's own Cache-Control (5 minutes) decides below it. */
export const CDN_MAX_TTL_SECONDS = 3600;
/** Builds a question set's files in about a second; the gateway gives up at 30 s. */
export const DOWNLOADS_FUNCTION = { memorySize: "1024 MB", timeout: "25 seconds" } as const;
/** CloudFront keeps an immutable download for as long as the function's Cache-Control says: a year. */
export const DOWNLOADS_MAX_TTL_SECONDS = 365 * 24 * 3600;
/**
 * Draws a report (a few dozen figures, a dozen charts) in well under a second; room for a cold
 * start, and under the GraphQL function's timeout, which waits on it for `localReport`.
 */
export const REPORT_FUNCTION = { memorySize: "1536 MB", timeout: "12 seconds" } as const;
/** The import function reads a whole file in one transaction: room for a large one. */
export const IMPORT_FUNCTION = { memorySize: "2048 MB", timeout: "15 minutes" } as const;
/** Uploaded files are deleted after this: the responses are in the database by then. */
export const IMPORT_OBJECT_DAYS = 7;
/**
 * A cut counts every response of each financial year it publishes for the first time (joint
 * counts, in one transaction): memory for the counters (and with it about two vCPUs), and Lambda's
 * longest timeout.
 */
export const RELEASE_FUNCTION = { memorySize: "3008 MB", timeout: "15 minutes" } as const;
/** When a release is cut unless POET_RELEASE_SCHEDULE says otherwise: 06:00 UTC on the 1st of each month. */
export const RELEASE_SCHEDULE = "cron(0 6 1 * ? *)";
/** One failed cut is worth a look: the next attempt is a month away. */
export const RELEASE_ERRORS_ALARM_THRESHOLD = 1;
/** Report pages under a release's name are immutable: CloudFront keeps them as long as the function says, a year. */
export const REPORTS_MAX_TTL_SECONDS = 365 * 24 * 3600;

type Schedule = `cron(${string})` | `rate(${string})`;

/** The release schedule for this synthesis: POET_RELEASE_SCHEDULE (an EventBridge `cron(…)` or `rate(…)`), else the default. */
export function releaseSchedule(env: Record<string, string | undefined> = process.env): Schedule {
  const value = env.POET_RELEASE_SCHEDULE?.trim();
  if (!value) return RELEASE_SCHEDULE;
  if (!/^(cron|rate)\(.+\)$/.test(value)) {
    throw new Error(`POET_RELEASE_SCHEDULE must be an EventBridge schedule expression, cron(…) or rate(…): ${JSON.stringify(value)}`);
  }
  return value as Schedule;
}

export function Api({ stack, app }: StackContext) {
  const { DATABASE_URL } = use(Database);

  // One function behind both routes, so GET (cacheable dashboard reads) and POST share warm
  // containers and the per-container database connection.
  const graphql = new SstFunction(stack, "GraphQL", {
    handler: "packages/functions/src/graphql.handler",
    description: "POET GraphQL API",
    bind: [DATABASE_URL],
    // 1 GB buys a full vCPU share: faster cold starts and schema building, still cheap.
    memorySize: GRAPHQL_FUNCTION.memorySize,
    // Under API Gateway's 30 s integration limit: a stuck request ends as a function timeout
    // (logged, counted by the Errors alarm) rather than an anonymous 503 from the gateway.
    timeout: GRAPHQL_FUNCTION.timeout,
    environment: {
      POET_INTROSPECTION: "true",
    },
  });

  // Large CSV imports: PUT by presigned URL (createImport) into a private, encrypted bucket whose
  // objects expire, and read by the import function when they land.
  const imports = new s3.Bucket(stack, "Imports", {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    lifecycleRules: [{ expiration: Duration.days(IMPORT_OBJECT_DAYS), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    // Portal front-ends upload from the browser.
    cors: [{ allowedMethods: [s3.HttpMethods.PUT], allowedOrigins: ["*"], allowedHeaders: ["content-type"], maxAge: 3600 }],
  });
  const importFunction = new SstFunction(stack, "Import", {
    handler: "packages/functions/src/import.handler",
    description: "POET CSV import",
    bind: [DATABASE_URL],
    memorySize: IMPORT_FUNCTION.memorySize,
    timeout: IMPORT_FUNCTION.timeout,
    environment: { NODE_OPTIONS: IMPORT_NODE_OPTIONS },
  });
  imports.grantRead(importFunction);
  imports.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(importFunction), { prefix: "imports/", suffix: ".csv" });
  // The API signs upload URLs with its own role.
  imports.grantPut(graphql);
  graphql.addEnvironment("POET_IMPORT_BUCKET", imports.bucketName);

  // Open-data downloads: a function of its own, so that the GraphQL bundle carries neither the
  // file builders nor the Parquet writer. Its built files live in its containers' memory.
  const downloads = new SstFunction(stack, "Downloads", {
    handler: "packages/functions/src/downloads.handler",
    description: "POET open-data downloads",
    bind: [DATABASE_URL],
    memorySize: DOWNLOADS_FUNCTION.memorySize,
    timeout: DOWNLOADS_FUNCTION.timeout,
  });

  // Local reports: a function of its own, so that the GraphQL bundle carries no charting library.
  // The GraphQL function invokes it directly for `localReport`; API Gateway sends it the public
  // `/reports/…` pages.
  const reports = new SstFunction(stack, "Report", {
    handler: "packages/functions/src/report.handler",
    description: "POET local reports",
    bind: [DATABASE_URL],
    memorySize: REPORT_FUNCTION.memorySize,
    timeout: REPORT_FUNCTION.timeout,
  });
  reports.grantInvoke(graphql);
  graphql.addEnvironment("POET_REPORT_FUNCTION", reports.functionName);

  const api = new HttpApi(stack, "Api", {
    cors: {
      // Third-party dashboards call the API from their own origins; no cookies are used
      // (credentials travel in headers), so any origin may read. The headers are those the API's
      // own preflight allows (CORS_ALLOW_HEADERS in graphql/http.ts; a test checks), Apollo's
      // clients' `apollo-require-preflight` among them.
      allowOrigins: ["*"],
      allowMethods: ["GET", "POST", "OPTIONS"],
      allowHeaders: [
        "content-type",
        "authorization",
        "x-api-key",
        "apollo-require-preflight",
        "x-apollo-operation-name",
        "apollographql-client-name",
        "apollographql-client-version",
      ],
      maxAge: "1 day",
    },
    accessLog: { retention: "one_month" },
    defaults: {
      throttle: { rate: API_THROTTLE.rate, burst: API_THROTTLE.burst },
    },
    routes: {
      "GET /graphql": graphql,
      "POST /graphql": graphql,
      // ANY, so that HEAD reaches the function and other methods get its 405 in the API's error shape.
      "ANY /downloads": downloads,
      "ANY /downloads/{proxy+}": downloads,
      "ANY /reports/{proxy+}": reports,
    },
  });

  // Migrations, reference areas and question sets, on every deploy, before traffic needs them.
  // One function for both hooks (a string per hook would build and deploy two copies).
  const migrateFunction = new SstFunction(stack, "Migrate", {
    handler: "packages/functions/src/migrate.handler",
    description: "POET database migrations and reference data",
    bind: [DATABASE_URL],
    memorySize: "1024 MB",
    timeout: "10 minutes",
    enableLiveDev: false,
    copyFiles: [{ from: "packages/core/migrations", to: "migrations" }],
  });
  const migrate = new Script(stack, "MigrateScript", {
    onCreate: migrateFunction,
    onUpdate: migrateFunction,
  });
  // The API's function must not serve a schema the database doesn't have yet.
  graphql.node.addDependency(migrate);
  downloads.node.addDependency(migrate);
  reports.node.addDependency(migrate);

  // Releases: cut on a schedule (monthly unless POET_RELEASE_SCHEDULE says otherwise), named after
  // the month; a retried or duplicated event finds the month's release cut and does nothing.
  const release = new SstFunction(stack, "Release", {
    handler: "packages/functions/src/release.handler",
    description: "POET release cut",
    bind: [DATABASE_URL],
    memorySize: RELEASE_FUNCTION.memorySize,
    timeout: RELEASE_FUNCTION.timeout,
  });
  // A cut must see the schema of the code that cuts it.
  release.node.addDependency(migrate);
  const releaseCron = new Cron(stack, "ReleaseCron", { schedule: releaseSchedule(), job: release });

  // Alarms go to one topic; subscribe on-call e-mail/Slack to it per stage.
  const alarms = new sns.Topic(stack, "Alarms", { displayName: `POET API alarms (${app.stage})` });
  const notify = new cloudwatchActions.SnsAction(alarms);

  const FIVE_MINUTES = Duration.minutes(5);
  /** An alarm to the topic: at or over the threshold for one period, unless `over` (and `periods`) say otherwise. */
  const alarm = (id: string, description: string, metric: cloudwatch.IMetric, threshold: number, options: { over?: boolean; periods?: number } = {}) =>
    new cloudwatch.Alarm(stack, id, {
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods: options.periods ?? 1,
      comparisonOperator: options.over
        ? cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD
        : cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(notify);

  // Failed invocations (crashes, timeouts) of each function, not GraphQL errors: five in five minutes
  // of those that answer requests; any of the release's, which runs once a month (a failed cut
  // fails once, and again on each of Lambda's retries minutes apart, never five times in a period).
  for (const [id, fn, what, threshold] of [
    ["GraphQLErrorsAlarm", graphql, "GraphQL", 5],
    ["DownloadsErrorsAlarm", downloads, "downloads", 5],
    ["ReportErrorsAlarm", reports, "report", 5],
    ["ReleaseErrorsAlarm", release, "release", RELEASE_ERRORS_ALARM_THRESHOLD],
  ] as const) {
    const description = `The ${what} function failed invocations (crashes, timeouts)${fn === graphql ? ", not GraphQL errors" : ""}`;
    alarm(id, description, fn.metricErrors({ period: FIVE_MINUTES, statistic: "Sum" }), threshold);
  }
  alarm(
    "GraphQLThrottlesAlarm",
    "The GraphQL function is being throttled (account or reserved concurrency)",
    graphql.metricThrottles({ period: FIVE_MINUTES, statistic: "Sum" }),
    1,
  );
  alarm("Api5xxAlarm", "The HTTP API answered 5xx", api.cdk.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: "Sum" }), 5);
  alarm("ApiLatencyAlarm", "p99 latency of the HTTP API above 3 s", api.cdk.httpApi.metricLatency({ period: FIVE_MINUTES, statistic: "p99" }), 3000, {
    over: true,
    periods: 3,
  });

  // CloudFront in front: public GETs (the same figure queries, all day) are answered from the edge
  // for as long as the function's Cache-Control allows, then revalidated with their ETag. The
  // Authorization header is part of the cache key, so no answer is shared across credentials
  // (and the function marks every credentialed answer private, no-store besides).
  /** A cache policy whose TTLs the function's own Cache-Control decides, up to `maxTtl`. */
  const cachePolicy = (id: string, comment: string, key: Pick<cloudfront.CachePolicyProps, "queryStringBehavior" | "headerBehavior">, maxTtl: number) =>
    new cloudfront.CachePolicy(stack, id, {
      comment,
      ...key,
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(maxTtl),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
  const publicReads = cachePolicy(
    "PublicReads",
    "POET API: GET /graphql keyed on the query string and the Authorization header",
    { queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(), headerBehavior: cloudfront.CacheHeaderBehavior.allowList("Authorization") },
    CDN_MAX_TTL_SECONDS,
  );
  // Downloads are the same for everyone: keyed on the path alone (no query string, no
  // Authorization, no cookie), nothing of the viewer's request forwarded, kept as long as the
  // function says (a year for immutable names, a minute for aliases and the index).
  const publicDownloads = cachePolicy(
    "PublicDownloads",
    "POET API: /downloads keyed on the path only",
    { queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(), headerBehavior: cloudfront.CacheHeaderBehavior.none() },
    DOWNLOADS_MAX_TTL_SECONDS,
  );
  // Report pages are read anonymously: keyed on the path and the period's query string, never on a
  // credential, kept as long as the function says: a year for a page under a release's name (which
  // never changes), five minutes for the redirect from the unnamed address to the latest release's.
  const publicReports = cachePolicy(
    "PublicReports",
    "POET API: /reports keyed on the path and the period",
    { queryStringBehavior: cloudfront.CacheQueryStringBehavior.allowList("from", "to"), headerBehavior: cloudfront.CacheHeaderBehavior.none() },
    REPORTS_MAX_TTL_SECONDS,
  );
  const origin = new origins.HttpOrigin(Fn.select(2, Fn.split("/", api.url)), { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY });
  /** GET and HEAD only (anything else is refused at the edge), over HTTPS, compressed. */
  const readOnly = (cachePolicy: cloudfront.ICachePolicy): cloudfront.BehaviorOptions => ({
    origin,
    allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
    cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
    cachePolicy,
    viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    compress: true,
  });
  const cdn = new cloudfront.Distribution(stack, "Cdn", {
    comment: `POET API (${app.stage})`,
    additionalBehaviors: {
      "/downloads*": readOnly(publicDownloads),
      "/reports/*": readOnly(publicReports),
    },
    defaultBehavior: {
      origin,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      cachePolicy: publicReads,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      compress: true,
    },
    priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
  });

  stack.addOutputs({
    ApiUrl: api.url,
    CdnUrl: `https://${cdn.distributionDomainName}`,
    GraphQLUrl: `https://${cdn.distributionDomainName}/graphql`,
    DownloadsUrl: `https://${cdn.distributionDomainName}/downloads/`,
    ReportsUrl: `https://${cdn.distributionDomainName}/reports/`,
    AlarmTopicArn: alarms.topicArn,
    // For operators: the first release after the first deploy, or a large cut between schedules.
    ReleaseFunction: release.functionName,
  });

  return { api, graphql, downloads, reports, release, releaseCron, alarms, cdn };
}
