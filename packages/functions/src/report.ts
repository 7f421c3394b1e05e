/**
 * The report Lambda: draws local reports, so that their drawing stays out of the GraphQL
 * function's bundle and their pages are served apart from the API. Two callers:
 * - the GraphQL function, for `localReport`, invoking it directly with the caller and the
 *   report asked for (`RenderRequest`); the figures are read with that caller's access;
 * - API Gateway, for `GET /reports/{GSS code}/{question set}.html`, a public page behind CloudFront.
 *
 * As in graphql.ts, the cold start reads the configuration only; the database is opened on the
 * first request and kept for the container's life.
 */
import { loadConfig } from "@poet/core/app";
import { databaseGetter } from "@poet/core/db";
import { PoetError } from "@poet/core/errors";
import type { RenderRequest, RenderResponse } from "@poet/core/report";
import { createReportHandler, localReport } from "@poet/core/report";
import { createLogger } from "@poet/core/util/log";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { lazyDatabase } from "./database.ts";
import { createLambdaHandler } from "./lambda.ts";

type Options = Parameters<typeof createReportHandler>[0];

/** The handler over a database and settings: the deployed one below, or a test's. */
export function createReportFunction(options: Options) {
  const http = createLambdaHandler(createReportHandler(options));
  const getDb = databaseGetter(options.database);

  async function render(request: RenderRequest): Promise<RenderResponse> {
    try {
      const scope = { db: await getDb(), actor: request.actor, settings: options.settings };
      return { ok: true, report: await localReport(scope, request.args) };
    } catch (error) {
      // A caller's mistake (an unknown area, a bad period) goes back to be raised as it is; anything else fails the invocation.
      if (error instanceof PoetError) return { ok: false, code: error.code, message: error.message, details: error.details };
      throw error;
    }
  }

  return async (event: APIGatewayProxyEventV2 | RenderRequest) => {
    if ("kind" in event && event.kind === "poet.renderReport") return render(event);
    return http(event as APIGatewayProxyEventV2);
  };
}

const config = loadConfig();
export const handler = createReportFunction({ database: lazyDatabase().get, settings: config.settings, logger: createLogger(config.logLevel) });
