import { randomBytes } from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import { assertAdmin } from "../actor/index.ts";
import { badInput, notFound } from "../errors/index.ts";
import type { Scope } from "../scope/index.ts";
import { transaction } from "../scope/index.ts";
import { validated } from "../util/validate.ts";
import { apiKeys } from "./apikey.sql.ts";
import { recordAudit } from "./audit.ts";
import { hashKey, KEY_PREFIX } from "./authenticate.ts";
import { organisations } from "./organisation.sql.ts";
import { apiKeyListArgs, keyPrefix, newApiKey, ROLES_BY_TYPE, roleRefusal } from "./validation.ts";

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** `length` letters and digits: twice the bytes, so that dropping base64url's - and _ leaves enough. */
function alphanumeric(length: number): string {
  return randomBytes(length * 2)
    .toString("base64url")
    .replace(/[-_]/g, "")
    .slice(0, length);
}

/**
 * Issues a key for an organisation: `poet_<8 characters>_<secret>`, returned once here and stored
 * only as its SHA-256. The role defaults to what the organisation's kind allows.
 */
export const createApiKey = validated(newApiKey, async (scope: Scope, args): Promise<{ key: string; apiKey: ApiKeyRow }> => {
  assertAdmin(scope.actor);
  return transaction(scope, async (tx) => {
    const [organisation] = await tx.db.select().from(organisations).where(eq(organisations.slug, args.organisation));
    if (!organisation) throw notFound(`No organisation "${args.organisation}"`, "organisation");
    const role = args.role ?? ROLES_BY_TYPE[organisation.type][0]!;
    const refusal = roleRefusal(organisation.type, role);
    if (refusal) throw badInput(refusal, "role");
    const prefix = `${KEY_PREFIX}${alphanumeric(8)}`;
    const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
    const [apiKey] = await tx.db
      .insert(apiKeys)
      .values({ organisationId: organisation.id, name: args.name, prefix, role, keyHash: hashKey(key), expiresAt: args.expiresAt ?? null })
      .returning();
    await recordAudit(tx, {
      action: "key.create",
      subject: prefix,
      detail: { organisation: organisation.slug, role, expiresAt: args.expiresAt?.toISOString() ?? null },
    });
    return { key, apiKey: apiKey! };
  });
});

/** Revokes a key by its prefix. Revoking a revoked key changes nothing and records nothing. */
export const revokeApiKey = validated(
  keyPrefix,
  async (scope: Scope, prefix): Promise<ApiKeyRow> => {
    assertAdmin(scope.actor);
    return transaction(scope, async (tx) => {
      const [revoked] = await tx.db
        .update(apiKeys)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiKeys.prefix, prefix), isNull(apiKeys.revokedAt)))
        .returning();
      if (revoked) {
        await recordAudit(tx, { action: "key.revoke", subject: prefix });
        return revoked;
      }
      const [existing] = await tx.db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix));
      if (!existing) throw notFound(`No API key ${prefix}`, "prefix");
      return existing;
    });
  },
  "prefix",
);

/** Every key (never a secret), or one organisation's, oldest first. */
const listKeys = validated(apiKeyListArgs, async (scope: Scope, args) => {
  assertAdmin(scope.actor);
  return scope.db
    .select({ key: apiKeys, organisation: organisations.slug })
    .from(apiKeys)
    .innerJoin(organisations, eq(organisations.id, apiKeys.organisationId))
    .where(args.organisation ? eq(organisations.slug, args.organisation) : undefined)
    .orderBy(asc(apiKeys.id));
});

export const listApiKeys = (scope: Scope, args: { organisation?: string | null } = {}) => listKeys(scope, args);
