/**
 * Synthesizes the app offline (SST deploy mode, no AWS calls: under vitest NODE_ENV=test, which
 * SST treats as a test run and skips the bootstrap lookups) and asserts on the CloudFormation.
 * Synthesis builds both Lambdas with esbuild, so this also proves the handlers bundle.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Match, Template } from "aws-cdk-lib/assertions";
import { App, getStack } from "sst/constructs";
import { initProject, setProject, useProject } from "sst/project.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORS_ALLOW_HEADERS } from "../packages/core/src/graphql/http.ts";
import config from "../sst.config.ts";
import {
  API_THROTTLE,
  Api,
  CDN_MAX_TTL_SECONDS,
  DOWNLOADS_MAX_TTL_SECONDS,
  IMPORT_OBJECT_DAYS,
  RELEASE_ERRORS_ALARM_THRESHOLD,
  RELEASE_FUNCTION,
  RELEASE_SCHEDULE,
  REPORTS_MAX_TTL_SECONDS,
  releaseSchedule,
} from "./Api.ts";
import { IMPORT_NODE_OPTIONS } from "./bundling.ts";
import { Database } from "./Database.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const STAGE = "test";

let api: Template;
let database: Template;
let artifacts: string;
let out: string | undefined;

beforeAll(async () => {
  // Load sst.config.ts the way the SST CLI does (esbuild, shallow: config() only).
  await initProject({ root, stage: STAGE });
  // Keep build output out of the real .sst/ (a running `sst dev` uses it).
  out = await fs.mkdtemp(path.join(os.tmpdir(), "poet-sst-"));
  artifacts = path.join(out, "artifacts");
  const project = useProject();
  setProject({ ...project, paths: { ...project.paths, out, artifacts } });

  const app = await synthesize();
  await app.finish();
  api = Template.fromStack(getStack(Api));
  database = Template.fromStack(getStack(Database));
}, 120_000);

/**
 * An app built by the real stacks() of sst.config.ts (default function props, then the stacks),
 * as `sst deploy` synthesizes it. `finish()` then builds the functions' bundles.
 */
async function synthesize(): Promise<App> {
  const project = useProject();
  const app = new App({
    mode: "deploy",
    stage: STAGE,
    name: project.config.name,
    region: project.config.region,
    account: "123456789012",
  });
  await config.stacks(app);
  return app;
}

afterAll(async () => {
  if (out) await fs.rm(out, { recursive: true, force: true });
});

function functionDescribed(description: string): { id: string; props: Record<string, any> } {
  const fns = api.findResources("AWS::Lambda::Function", { Properties: { Description: description } });
  const [id, resource] = Object.entries(fns)[0] ?? [];
  if (!id) throw new Error(`${description} function not found`);
  return { id, props: (resource as { Properties: Record<string, any> }).Properties };
}
const graphqlFunction = () => functionDescribed("POET GraphQL API");
const reportFunction = () => functionDescribed("POET local reports");
const releaseFunction = () => functionDescribed("POET release cut");
/** "3008 MB" and "15 minutes" as CloudFormation gives them: megabytes and seconds. */
const megabytes = (size: string) => Number.parseInt(size, 10);
const seconds = (duration: string) => Number.parseInt(duration, 10) * (duration.endsWith("minutes") ? 60 : 1);

/** A function's bundle as synthesis built it. */
async function bundleOf(name: string): Promise<string> {
  for (const dir of await fs.readdir(artifacts)) {
    const file = path.join(artifacts, dir, `packages/functions/src/${name}.mjs`);
    if (await fs.stat(file).catch(() => undefined)) return fs.readFile(file, "utf8");
  }
  throw new Error(`${name} bundle not found`);
}
const downloadsFunction = () => functionDescribed("POET open-data downloads");

/** The source files a function's bundle was built from, as its sourcemap lists them. */
async function sourcesOf(name: string): Promise<string[]> {
  for (const dir of await fs.readdir(artifacts)) {
    const file = path.join(artifacts, dir, `packages/functions/src/${name}.mjs.map`);
    if (await fs.stat(file).catch(() => undefined)) return (JSON.parse(await fs.readFile(file, "utf8")) as { sources: string[] }).sources;
  }
  throw new Error(`${name} sourcemap not found`);
}

function cachePolicy(idPrefix: string): { id: string; config: Record<string, any> } {
  const [id, policy] = Object.entries(api.findResources("AWS::CloudFront::CachePolicy")).find(([key]) => key.startsWith(idPrefix)) as [string, any];
  return { id, config: policy.Properties.CachePolicyConfig };
}

describe("sst.config.ts", () => {
  it("is the poet-api app in eu-west-2 with a stage-parameterized SSM prefix", () => {
    const { config } = useProject();
    expect(config.name).toBe("poet-api");
    expect(config.region).toBe("eu-west-2");
    expect(config.ssmPrefix).toBe(`/sst/poet-api/${STAGE}/`);
  });
});

describe("Api stack", () => {
  it("runs the GraphQL handler on nodejs22.x / arm64 with X-Ray, 1 GB and a 15 s timeout", () => {
    const { props } = graphqlFunction();
    expect(props.Runtime).toBe("nodejs22.x");
    expect(props.Architectures).toEqual(["arm64"]);
    expect(props.TracingConfig).toEqual({ Mode: "Active" });
    expect(props.MemorySize).toBe(1024);
    expect(props.Timeout).toBe(15);
    expect(props.Handler).toBe("packages/functions/src/graphql.handler");
    expect(props.Environment.Variables).toMatchObject({ NODE_ENV: "production", POET_STAGE: STAGE });
  });

  it("bundles the handler as minified ESM with a sourcemap", async () => {
    const dirs = await fs.readdir(artifacts);
    const bundles: string[] = [];
    for (const dir of dirs) {
      const file = path.join(artifacts, dir, "packages/functions/src/graphql.mjs");
      if (await fs.stat(file).catch(() => undefined)) bundles.push(file);
    }
    expect(bundles).toHaveLength(1);
    const code = await fs.readFile(bundles[0]!, "utf8");
    expect(code).toMatch(/^import\{createRequire as \w+\}from"module"|^import \{ createRequire/);
    const averageLine = code.length / code.split("\n").length;
    expect(averageLine).toBeGreaterThan(300); // minified (unminified code averages ~40 chars a line)
    await expect(fs.stat(`${bundles[0]}.map`)).resolves.toBeTruthy();
    // The AWS SDK stays external (the nodejs22.x runtime ships it); local-only packages are stubbed.
    expect(code).not.toMatch(/from\s*"@aws-sdk\/client-ssm"/); // only ever imported dynamically
    expect(code).toContain("is not bundled into the POET Lambda functions");
    expect(code).not.toContain("pglite.wasm");
  });

  it("routes GET and POST /graphql to that one function, and /downloads to its own, over an HTTP API", () => {
    api.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
    api.hasResourceProperties("AWS::ApiGatewayV2::Api", { ProtocolType: "HTTP" });
    const routes = Object.values(api.findResources("AWS::ApiGatewayV2::Route")) as any[];
    const keys = routes.map((r) => r.Properties.RouteKey).sort();
    expect(keys).toEqual(["ANY /downloads", "ANY /downloads/{proxy+}", "ANY /reports/{proxy+}", "GET /graphql", "POST /graphql"]);
    const integrations = api.findResources("AWS::ApiGatewayV2::Integration");
    expect(Object.keys(integrations)).toHaveLength(5);
    for (const route of routes) {
      const target = JSON.stringify(route.Properties.Target);
      const [integrationId, integration] = Object.entries(integrations).find(([id]) => target.includes(id)) as [string, any];
      expect(integrationId).toBeTruthy();
      expect(integration.Properties.PayloadFormatVersion).toBe("2.0");
      const key: string = route.Properties.RouteKey;
      const fn = key.includes("/downloads") ? downloadsFunction() : key.includes("/reports") ? reportFunction() : graphqlFunction();
      expect(JSON.stringify(integration.Properties.IntegrationUri), route.Properties.RouteKey).toContain(fn.id);
    }
  });

  it("runs the downloads on a function of its own: nodejs22.x / arm64, the secret bound, after the migration", () => {
    const { props, id } = downloadsFunction();
    expect(props.Runtime).toBe("nodejs22.x");
    expect(props.Architectures).toEqual(["arm64"]);
    expect(props.Handler).toBe("packages/functions/src/downloads.handler");
    expect(props.MemorySize).toBe(1024);
    expect(props.Timeout).toBeLessThan(30);
    expect(props.Environment.Variables).toMatchObject({ NODE_ENV: "production", SST_Secret_value_DATABASE_URL: "__FETCH_FROM_SSM__" });
    const fn = api.findResources("AWS::Lambda::Function")[id] as any;
    expect(JSON.stringify(fn.DependsOn ?? [])).toMatch(/MigrateScript/);
  });

  it("draws reports on a function of its own, which the GraphQL function may invoke and is told the name of", () => {
    const { props, id } = reportFunction();
    expect(props.Runtime).toBe("nodejs22.x");
    expect(props.Handler).toBe("packages/functions/src/report.handler");
    expect(props.MemorySize).toBe(1536);
    // The GraphQL function waits on it: it must give up first.
    expect(props.Timeout).toBeLessThan(graphqlFunction().props.Timeout);
    expect(props.Environment.Variables).toMatchObject({ SST_Secret_value_DATABASE_URL: "__FETCH_FROM_SSM__" });
    const fn = api.findResources("AWS::Lambda::Function")[id] as any;
    expect(JSON.stringify(fn.DependsOn ?? [])).toMatch(/MigrateScript/);
    expect(JSON.stringify(graphqlFunction().props.Environment.Variables.POET_REPORT_FUNCTION)).toContain(id);
    const invokes = Object.values(api.findResources("AWS::IAM::Policy")).filter(
      (p: any) => JSON.stringify(p.Properties.PolicyDocument).includes("lambda:InvokeFunction") && JSON.stringify(p.Properties.PolicyDocument).includes(id),
    ) as any[];
    expect(invokes).toHaveLength(1);
    expect(JSON.stringify(invokes[0].Properties.Roles)).toContain(graphqlFunction().props.Role["Fn::GetAtt"][0]);
  });

  it("cuts releases on a function of its own: nodejs22.x / arm64, 3 GB and 15 minutes, the secret bound, after the migration", () => {
    const { props, id } = releaseFunction();
    expect(props.Runtime).toBe("nodejs22.x");
    expect(props.Architectures).toEqual(["arm64"]);
    expect(props.Handler).toBe("packages/functions/src/release.handler");
    expect(props.MemorySize).toBe(megabytes(RELEASE_FUNCTION.memorySize));
    expect(props.MemorySize).toBe(3008);
    expect(props.Timeout).toBe(seconds(RELEASE_FUNCTION.timeout));
    expect(props.Timeout).toBe(900);
    expect(props.Environment.Variables).toMatchObject({ NODE_ENV: "production", SST_Secret_value_DATABASE_URL: "__FETCH_FROM_SSM__" });
    expect(props.Environment.Variables.DATABASE_URL).toBeUndefined();
    const fn = api.findResources("AWS::Lambda::Function")[id] as any;
    expect(JSON.stringify(fn.DependsOn ?? [])).toMatch(/MigrateScript/);
    const policies = Object.values(api.findResources("AWS::IAM::Policy")) as any[];
    const own = policies.filter((p) => JSON.stringify(p.Properties.Roles).includes(props.Role["Fn::GetAtt"][0]));
    expect(JSON.stringify(own)).toContain(`parameter/sst/poet-api/${STAGE}/Secret/DATABASE_URL/value`);
  });

  it("bundles the release function without PGlite, Apollo or the charting library", async () => {
    const release = await bundleOf("release");
    expect(release).toContain("exists already: nothing cut");
    for (const marker of ["pglite.wasm", "@apollo/server", "Invalid specification"]) expect(release.includes(marker), marker).toBe(false);
  });

  it("runs the release function on an EventBridge schedule: 06:00 UTC on the 1st of each month by default", () => {
    const { id } = releaseFunction();
    expect(RELEASE_SCHEDULE).toBe("cron(0 6 1 * ? *)");
    const rules = Object.entries(api.findResources("AWS::Events::Rule")) as [string, any][];
    expect(rules).toHaveLength(1);
    const [ruleId, rule] = rules[0]!;
    expect(rule.Properties).toMatchObject({ ScheduleExpression: RELEASE_SCHEDULE, State: "ENABLED" });
    expect(rule.Properties.Targets).toEqual([expect.objectContaining({ Arn: { "Fn::GetAtt": [id, "Arn"] } })]);
    // EventBridge may invoke it, from that rule only.
    api.hasResourceProperties("AWS::Lambda::Permission", {
      Action: "lambda:InvokeFunction",
      FunctionName: { "Fn::GetAtt": [id, "Arn"] },
      Principal: "events.amazonaws.com",
      SourceArn: { "Fn::GetAtt": [ruleId, "Arn"] },
    });
  });

  it("takes the release schedule from POET_RELEASE_SCHEDULE at synthesis", async () => {
    const saved = process.env.POET_RELEASE_SCHEDULE;
    process.env.POET_RELEASE_SCHEDULE = "cron(30 4 ? * MON *)";
    try {
      // Only the template is needed: the functions are not built again.
      await synthesize();
      const template = Template.fromStack(getStack(Api));
      const rules = Object.values(template.findResources("AWS::Events::Rule")) as any[];
      expect(rules.map((r) => r.Properties.ScheduleExpression)).toEqual(["cron(30 4 ? * MON *)"]);
    } finally {
      if (saved === undefined) delete process.env.POET_RELEASE_SCHEDULE;
      else process.env.POET_RELEASE_SCHEDULE = saved;
    }
    expect(releaseSchedule({ POET_RELEASE_SCHEDULE: "rate(7 days)" })).toBe("rate(7 days)");
    expect(releaseSchedule({ POET_RELEASE_SCHEDULE: "" })).toBe(RELEASE_SCHEDULE);
    expect(releaseSchedule({})).toBe(RELEASE_SCHEDULE);
    expect(() => releaseSchedule({ POET_RELEASE_SCHEDULE: "monthly" })).toThrow(/POET_RELEASE_SCHEDULE/);
  }, 60_000);

  it("keeps the report's drawing out of the GraphQL bundle, and Apollo and PGlite out of the report's", async () => {
    const [graphql, report] = await Promise.all([bundleOf("graphql"), bundleOf("report")]);
    // Strings of the report's document and charts, which minification keeps.
    for (const marker of ["POET local report", "Middle half of", "figure-number"]) {
      expect(report.includes(marker), marker).toBe(true);
      expect(graphql.includes(marker), marker).toBe(false);
    }
    expect(report.includes("pglite.wasm")).toBe(false);
    // Charts are drawn by hand now: no charting library, so the report is about the size of the API.
    expect(report.length).toBeLessThan(1.5 * 1024 * 1024);
  });

  it("keeps ingestion (the response domain) out of the report and download bundles", async () => {
    const ingestion = /packages\/core\/src\/response\//;
    for (const name of ["report", "downloads"]) {
      const sources = await sourcesOf(name);
      expect(
        sources.some((s) => s.includes("packages/core/src/figure/")),
        name,
      ).toBe(true);
      expect(
        sources.filter((s) => ingestion.test(s)),
        name,
      ).toEqual([]);
    }
    // The check can fail: the import function is built from exactly that code.
    expect((await sourcesOf("import")).filter((s) => ingestion.test(s)).length).toBeGreaterThan(3);
  });

  it("keeps the download code and the Parquet writer out of the GraphQL bundle", async () => {
    const bundle = async (name: string) => {
      for (const dir of await fs.readdir(artifacts)) {
        const file = path.join(artifacts, dir, `packages/functions/src/${name}.mjs`);
        if (await fs.stat(file).catch(() => undefined)) return fs.readFile(file, "utf8");
      }
      throw new Error(`${name} bundle not found`);
    };
    const [graphql, downloads] = await Promise.all([bundle("graphql"), bundle("downloads")]);
    // Strings of the download handler and of hyparquet-writer, which minification keeps.
    for (const marker of ["No such download", "poet.data_notice", "deltaBinaryPack only supports"]) {
      expect(downloads, marker).toContain(marker);
      expect(graphql, marker).not.toContain(marker);
    }
    expect(downloads).not.toContain("@apollo/server");
    expect(downloads).not.toContain("pglite.wasm");
  });

  it("puts CloudFront in front, caching GETs keyed on the query string and never shared across Authorization values", () => {
    api.resourceCountIs("AWS::CloudFront::Distribution", 1);
    const policy = cachePolicy("PublicReads");
    const config = policy.config;
    expect(config.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
      QueryStringsConfig: { QueryStringBehavior: "all" },
      HeadersConfig: { HeaderBehavior: "whitelist", Headers: ["Authorization"] },
      CookiesConfig: { CookieBehavior: "none" },
    });
    // The function's Cache-Control decides: public answers for 5 minutes, private ones never.
    expect([config.MinTTL, config.DefaultTTL, config.MaxTTL]).toEqual([0, 0, CDN_MAX_TTL_SECONDS]);
    const [distribution] = Object.values(api.findResources("AWS::CloudFront::Distribution")) as any[];
    const behaviour = distribution.Properties.DistributionConfig.DefaultCacheBehavior;
    expect(behaviour.CachedMethods).toEqual(["GET", "HEAD"]);
    expect(behaviour.AllowedMethods).toEqual(expect.arrayContaining(["GET", "POST", "OPTIONS"]));
    expect(behaviour.ViewerProtocolPolicy).toBe("redirect-to-https");
    expect(JSON.stringify(distribution.Properties.DistributionConfig.Origins)).toContain(
      api.findResources("AWS::ApiGatewayV2::Api") && Object.keys(api.findResources("AWS::ApiGatewayV2::Api"))[0],
    );
  });

  it("caches /downloads at CloudFront keyed on the path only, for as long as the function says", () => {
    const [distribution] = Object.values(api.findResources("AWS::CloudFront::Distribution")) as any[];
    const config = distribution.Properties.DistributionConfig;
    const behaviour = config.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === "/downloads*");
    expect(behaviour).toBeDefined();
    expect(behaviour.AllowedMethods).toEqual(["GET", "HEAD"]);
    expect(behaviour.CachedMethods).toEqual(["GET", "HEAD"]);
    expect(behaviour.ViewerProtocolPolicy).toBe("redirect-to-https");
    expect(behaviour.Compress).toBe(true);
    expect(behaviour.OriginRequestPolicyId).toBeUndefined(); // nothing of the viewer's request reaches the function
    expect(behaviour.TargetOriginId).toBe(config.DefaultCacheBehavior.TargetOriginId);
    const policy = cachePolicy("PublicDownloads");
    expect(JSON.stringify(behaviour.CachePolicyId)).toContain(policy.id);
    expect(policy.config.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
      QueryStringsConfig: { QueryStringBehavior: "none" },
      HeadersConfig: { HeaderBehavior: "none" },
      CookiesConfig: { CookieBehavior: "none" },
      EnableAcceptEncodingGzip: true,
    });
    expect([policy.config.MinTTL, policy.config.DefaultTTL, policy.config.MaxTTL]).toEqual([0, 0, DOWNLOADS_MAX_TTL_SECONDS]);
    expect(DOWNLOADS_MAX_TTL_SECONDS).toBeGreaterThanOrEqual(31_536_000);
  });

  it("caches /reports at CloudFront keyed on the path and the period, never on a credential", () => {
    const [distribution] = Object.values(api.findResources("AWS::CloudFront::Distribution")) as any[];
    const behaviour = distribution.Properties.DistributionConfig.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === "/reports/*");
    expect(behaviour).toMatchObject({ AllowedMethods: ["GET", "HEAD"], ViewerProtocolPolicy: "redirect-to-https", Compress: true });
    const policy = cachePolicy("PublicReports");
    expect(JSON.stringify(behaviour.CachePolicyId)).toContain(policy.id);
    expect(policy.config.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
      QueryStringsConfig: { QueryStringBehavior: "whitelist", QueryStrings: ["from", "to"] },
      HeadersConfig: { HeaderBehavior: "none" },
      CookiesConfig: { CookieBehavior: "none" },
    });
    // A page under a release's name is immutable: the function says a year, and CloudFront may keep it that long.
    expect([policy.config.MinTTL, policy.config.DefaultTTL, policy.config.MaxTTL]).toEqual([0, 0, REPORTS_MAX_TTL_SECONDS]);
    expect(REPORTS_MAX_TTL_SECONDS).toBeGreaterThanOrEqual(31_536_000);
  });

  it("allows CORS from any origin for dashboards, with every header the API's own preflight allows", () => {
    expect(CORS_ALLOW_HEADERS).toEqual(expect.arrayContaining(["content-type", "authorization", "apollo-require-preflight"]));
    api.hasResourceProperties("AWS::ApiGatewayV2::Api", {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ["*"],
        AllowMethods: Match.arrayWith(["GET", "POST"]),
        MaxAge: 86400,
      }),
    });
    // API Gateway answers the preflight in AWS, the handler locally: they must allow the same.
    const [gateway] = Object.values(api.findResources("AWS::ApiGatewayV2::Api")) as any[];
    expect(gateway.Properties.CorsConfiguration.AllowHeaders).toEqual(expect.arrayContaining([...CORS_ALLOW_HEADERS]));
  });

  it("throttles the default stage and keeps access logs for a month", () => {
    api.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      DefaultRouteSettings: Match.objectLike({
        ThrottlingRateLimit: API_THROTTLE.rate,
        ThrottlingBurstLimit: API_THROTTLE.burst,
      }),
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
    api.hasResourceProperties("AWS::Logs::LogGroup", { RetentionInDays: 30 });
  });

  it("binds the DATABASE_URL secret: SSM placeholder env and GetParameters on stage + fallback paths", () => {
    const { props } = graphqlFunction();
    expect(props.Environment.Variables).toMatchObject({
      SST_Secret_value_DATABASE_URL: "__FETCH_FROM_SSM__",
      SST_APP: "poet-api",
      SST_STAGE: STAGE,
      SST_SSM_PREFIX: `/sst/poet-api/${STAGE}/`,
    });
    expect(props.Environment.Variables.DATABASE_URL).toBeUndefined(); // never in plain text
    const policies = JSON.stringify(api.findResources("AWS::IAM::Policy"));
    expect(policies).toContain("ssm:GetParameters");
    expect(policies).toContain(`parameter/sst/poet-api/${STAGE}/Secret/DATABASE_URL/value`);
    expect(policies).toContain("parameter/sst/poet-api/.fallback/Secret/DATABASE_URL/value");
  });

  it("runs migrations on create and update through a Script custom resource, migrations copied in", async () => {
    const scripts = api.findResources("Custom::SSTScript");
    expect(Object.keys(scripts)).toHaveLength(1);
    const props = (Object.values(scripts)[0] as any).Properties;
    const migrate = api.findResources("AWS::Lambda::Function", {
      Properties: { Handler: "packages/functions/src/migrate.handler" },
    });
    const [migrateId, migrateFn] = Object.entries(migrate)[0] as [string, any];
    expect(JSON.stringify(props.UserCreateFunction)).toContain(migrateId);
    expect(JSON.stringify(props.UserUpdateFunction)).toContain(migrateId);
    expect(props.UserDeleteFunction).toBeUndefined();
    expect(migrateFn.Properties.Runtime).toBe("nodejs22.x");
    expect(migrateFn.Properties.Timeout).toBe(600);
    expect(migrateFn.Properties.Environment.Variables.SST_Secret_value_DATABASE_URL).toBe("__FETCH_FROM_SSM__");
    // copyFiles put the drizzle migrations next to the bundle.
    const migrations = await fs.readdir(path.join(root, "packages/core/migrations"));
    let copied = false;
    for (const dir of await fs.readdir(artifacts)) {
      const target = path.join(artifacts, dir, "migrations");
      if (await fs.stat(target).catch(() => undefined)) {
        expect((await fs.readdir(target)).sort()).toEqual(migrations.sort());
        copied = true;
      }
    }
    expect(copied).toBe(true);
    // The GraphQL function waits for the migration.
    const { id } = graphqlFunction();
    const fn = api.findResources("AWS::Lambda::Function")[id] as any;
    expect(JSON.stringify(fn.DependsOn ?? [])).toMatch(/MigrateScript/);
  });

  it("keeps function logs for a month", () => {
    api.hasResourceProperties("Custom::LogRetention", {
      LogGroupName: Match.anyValue(),
      RetentionInDays: 30,
    });
  });

  it("alarms on function errors and throttles, API 5xx and latency, to an SNS topic", () => {
    api.resourceCountIs("AWS::SNS::Topic", 1);
    const alarms = Object.values(api.findResources("AWS::CloudWatch::Alarm")) as any[];
    const byMetric = (ns: string, name: string) => alarms.find((a) => a.Properties.Namespace === ns && a.Properties.MetricName === name);
    for (const [ns, name] of [
      ["AWS/Lambda", "Errors"],
      ["AWS/Lambda", "Throttles"],
      ["AWS/ApiGateway", "5xx"],
      ["AWS/ApiGateway", "Latency"],
    ] as const) {
      const alarm = byMetric(ns, name);
      expect(alarm, `${ns} ${name} alarm`).toBeDefined();
      expect(alarm.Properties.AlarmActions).toHaveLength(1);
    }
    const errors = alarms.filter((a) => a.Properties.Namespace === "AWS/Lambda" && a.Properties.MetricName === "Errors");
    const dimensions = errors.map((a) => JSON.stringify(a.Properties.Dimensions));
    for (const fn of [graphqlFunction(), downloadsFunction(), reportFunction(), releaseFunction()])
      expect(dimensions.some((d) => d.includes(fn.id))).toBe(true);
    // The release runs once a month: a single failed cut alarms.
    const release = errors.find((a) => JSON.stringify(a.Properties.Dimensions).includes(releaseFunction().id));
    expect(release.Properties).toMatchObject({
      Threshold: RELEASE_ERRORS_ALARM_THRESHOLD,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      Statistic: "Sum",
      Period: 300,
      EvaluationPeriods: 1,
      TreatMissingData: "notBreaching",
    });
    expect(RELEASE_ERRORS_ALARM_THRESHOLD).toBe(1);
    expect(release.Properties.AlarmActions).toHaveLength(1);
  });

  it("keeps large imports in a private, encrypted bucket whose uploads expire, read by the import function on arrival", () => {
    api.hasResourceProperties("AWS::S3::Bucket", {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ ExpirationInDays: IMPORT_OBJECT_DAYS, Status: "Enabled" })]) },
    });
    api.hasResourceProperties("AWS::S3::BucketPolicy", {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } })]) },
    });
    const importFunctions = api.findResources("AWS::Lambda::Function", { Properties: { Description: "POET CSV import" } });
    const [importId, importFn] = Object.entries(importFunctions)[0]!;
    expect((importFn as { Properties: { Timeout: number; MemorySize: number } }).Properties).toMatchObject({
      Timeout: 900,
      MemorySize: 2048,
      Environment: { Variables: { NODE_OPTIONS: IMPORT_NODE_OPTIONS } },
    });
    expect(graphqlFunction().props.Environment.Variables.NODE_OPTIONS ?? "").not.toContain("semi-space");
    api.hasResourceProperties("Custom::S3BucketNotifications", {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          Match.objectLike({
            Events: ["s3:ObjectCreated:*"],
            LambdaFunctionArn: { "Fn::GetAtt": [importId, "Arn"] },
            Filter: {
              Key: {
                FilterRules: [
                  { Name: "suffix", Value: ".csv" },
                  { Name: "prefix", Value: "imports/" },
                ],
              },
            },
          }),
        ],
      },
    });
    expect(graphqlFunction().props.Environment.Variables.POET_IMPORT_BUCKET).toEqual({ Ref: expect.stringMatching(/^Imports/) });
  });

  it("outputs the API and GraphQL URLs", () => {
    const outputs = api.findOutputs("*");
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(["ApiUrl", "CdnUrl", "GraphQLUrl", "DownloadsUrl", "AlarmTopicArn", "ReleaseFunction"]));
  });
});

describe("Database stack", () => {
  it("declares the secret without a value in the template", () => {
    // Config.Secret creates no resource; its value lives only in SSM (set with `sst secrets set`).
    expect(JSON.stringify(database.toJSON())).not.toContain("postgres://");
  });
});
