import type { Actor } from "../actor/index.ts";
import { PoetError } from "../errors/index.ts";
import type { LocalReport, ReportArgs, ReportRenderer } from "./types.ts";

/** What the GraphQL function sends the report function: the caller, whose access the figures are read with, and the report asked for. */
export interface RenderRequest {
  kind: "poet.renderReport";
  actor: Actor;
  args: ReportArgs;
}

/** The report function's answer: a report, or a domain error to raise again on this side. */
export type RenderResponse = { ok: true; report: LocalReport } | { ok: false; code: PoetError["code"]; message: string; details: Record<string, unknown> };

/** Invokes a function with a JSON payload and gives back its payload: the AWS SDK's `Invoke`, or a test's. */
export type Invoke = (functionName: string, payload: string) => Promise<{ payload: string; functionError?: string | undefined }>;

let client: Promise<{ send(command: unknown): Promise<{ Payload?: Uint8Array; FunctionError?: string }> }> | undefined;

/** The SDK the Lambda runtime provides, loaded on the first report asked for. */
const invokeLambda: Invoke = async (functionName, payload) => {
  client ??= import("@aws-sdk/client-lambda").then(({ LambdaClient }) => new LambdaClient({}));
  const { InvokeCommand } = await import("@aws-sdk/client-lambda");
  const result = await (await client).send(new InvokeCommand({ FunctionName: functionName, Payload: new TextEncoder().encode(payload) }));
  return { payload: result.Payload ? new TextDecoder().decode(result.Payload) : "", functionError: result.FunctionError };
};

/** Reports drawn by the report function, invoked directly (not over HTTP). */
export function lambdaReports(functionName: string, invoke: Invoke = invokeLambda): ReportRenderer {
  return {
    async render(scope, args) {
      const request: RenderRequest = { kind: "poet.renderReport", actor: scope.actor, args };
      const result = await invoke(functionName, JSON.stringify(request));
      if (result.functionError) throw new Error(`The report function failed: ${result.payload.slice(0, 500)}`);
      const response = JSON.parse(result.payload) as RenderResponse;
      if (!response.ok) throw new PoetError(response.code, response.message, response.details);
      return response.report;
    },
  };
}
