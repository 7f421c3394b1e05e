/**
 * Where the Lambdas find DATABASE_URL, read lazily: only when a request first needs the database.
 *
 * How SST v2 does it, and why we don't use `import { Config } from "sst/node/config"`:
 * binding a `Config.Secret` to a function sets `SST_Secret_value_DATABASE_URL=__FETCH_FROM_SSM__`
 * (plus `SST_APP`, `SST_STAGE`, `SST_SSM_PREFIX=/sst/<app>/<stage>/`) and grants
 * `ssm:GetParameters` on `<prefix>Secret/DATABASE_URL/value` and on the app-wide fallback
 * `/sst/<app>/.fallback/Secret/DATABASE_URL/value`. `sst/node/config` imports
 * `sst/node/util`, whose module body runs `const allVariables = await parseEnvironment()`: a
 * top-level await that fetches every bound secret from SSM before the handler module finishes
 * loading, on every cold start, and that statically imports `@aws-sdk/client-ssm` (≈150-250 ms
 * just to load, measured locally). Even a dynamic `import("sst/node/config")` doesn't help: esbuild
 * defers the await into a lazy initialiser, but hoists the external `@aws-sdk/client-ssm` import
 * to the top of the bundle, so the SDK still loads at cold start.
 *
 * So we read the same SSM parameters ourselves, in one `GetParameters` call (stage value and
 * fallback together, stage value preferred: SST's own order), with the SDK the nodejs22.x runtime
 * ships imported dynamically (it is external in the bundle, see stacks/bundling.ts). A
 * `{ __typename }` request on a cold start therefore loads no SDK and makes no SSM call.
 *
 * Order: a plain `DATABASE_URL` env var wins (local runs, tests, `sst bind`-free setups); then the
 * SST binding: a real value (what `sst bind` / `sst dev` inject) is used as is, the
 * `__FETCH_FROM_SSM__` placeholder is fetched from SSM.
 */

export const SSM_PLACEHOLDER = "__FETCH_FROM_SSM__";

type Env = Record<string, string | undefined>;

/** A minimal SSM client shape, so tests can stand in for the AWS SDK. */
export interface ParameterStore {
  getParameters(names: string[]): Promise<{ name: string; value: string | undefined }[]>;
}

export function secretParameterNames(name: string, env: Env = process.env): { stage: string; fallback: string } {
  const id = name.replace(/-/g, "_");
  return {
    stage: `${env.SST_SSM_PREFIX ?? ""}Secret/${id}/value`,
    fallback: `/sst/${env.SST_APP}/.fallback/Secret/${id}/value`,
  };
}

/** Reads the value of an SST `Config.Secret` bound to this function, or undefined if unbound. */
export async function readSecret(
  name: string,
  env: Env = process.env,
  store: ParameterStore | (() => Promise<ParameterStore>) = awsParameterStore,
): Promise<string | undefined> {
  const bound = env[`SST_Secret_value_${name.replace(/-/g, "_")}`];
  if (bound === undefined || bound === "") return undefined;
  if (bound !== SSM_PLACEHOLDER) return bound;
  const names = secretParameterNames(name, env);
  const client = typeof store === "function" ? await store() : store;
  const found = new Map((await client.getParameters([names.stage, names.fallback])).map((p) => [p.name, p.value]));
  const value = found.get(names.stage) ?? found.get(names.fallback);
  if (value === undefined) {
    throw new Error(`The secret ${name} is not set for stage "${env.SST_STAGE}". Set it with: npx sst secrets set ${name} <value> --stage ${env.SST_STAGE}`);
  }
  return value;
}

/** DATABASE_URL from the environment, else from the bound SST secret (fetched once, lazily). */
export async function resolveDatabaseUrl(env: Env = process.env): Promise<string | undefined> {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  return readSecret("DATABASE_URL", env);
}

let ssmStore: Promise<ParameterStore> | undefined;

function awsParameterStore(): Promise<ParameterStore> {
  ssmStore ??= (async () => {
    const { SSMClient, GetParametersCommand } = await import("@aws-sdk/client-ssm");
    const client = new SSMClient({ region: process.env.SST_REGION ?? process.env.AWS_REGION });
    return {
      async getParameters(names) {
        const result = await client.send(new GetParametersCommand({ Names: names, WithDecryption: true }));
        return (result.Parameters ?? []).map((p) => ({ name: p.Name ?? "", value: p.Value }));
      },
    };
  })();
  ssmStore.catch(() => (ssmStore = undefined));
  return ssmStore;
}
