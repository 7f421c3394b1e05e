import { Config, type StackContext } from "sst/constructs";

/**
 * The Neon connection string, kept in SSM as an SST secret (encrypted, never in the template or
 * the function's environment):
 *   npx sst secrets set DATABASE_URL "postgres://…" --stage <stage>
 * Functions bound to it read it lazily (packages/functions/src/secret.ts).
 */
export function Database({ stack }: StackContext) {
  const DATABASE_URL = new Config.Secret(stack, "DATABASE_URL");
  return { DATABASE_URL };
}
