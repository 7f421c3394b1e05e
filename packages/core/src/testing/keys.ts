import { type Role, systemActor } from "../actor/index.ts";
import type { Db } from "../db/types.ts";
import { createApiKey, createOrganisation } from "../organisation/index.ts";
import type { ORGANISATION_TYPES } from "../organisation/validation.ts";
import { DEFAULT_SETTINGS, type Scope } from "../scope/index.ts";

export const systemScope = (db: Db): Scope => ({ db, actor: systemActor("tests"), settings: DEFAULT_SETTINGS });

let made = 0;

/** A new organisation of this kind (covering `areas`) and a key for it: the Authorization header value. */
export async function testCredential(
  db: Db,
  options: { type: (typeof ORGANISATION_TYPES)[number]; role?: Role; areas?: string[]; slug?: string; expiresAt?: Date },
): Promise<{ header: string; key: string; prefix: string; slug: string }> {
  const scope = systemScope(db);
  const slug = options.slug ?? `test-${options.type.toLowerCase().replace("_", "-")}-${process.pid}-${++made}`;
  await createOrganisation(scope, { slug, name: `Test ${options.type}`, type: options.type, areas: options.areas ?? [] });
  const { key, apiKey } = await createApiKey(scope, { organisation: slug, name: "tests", role: options.role, expiresAt: options.expiresAt });
  return { header: `Bearer ${key}`, key, prefix: apiKey.prefix, slug };
}
