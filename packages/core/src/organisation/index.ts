import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/types.ts";
import { PoetError } from "../errors.ts";
import type { Access } from "../figure/disclosure.ts";
import { apiKeys } from "./apikey.sql.ts";
import { organisations, type OrganisationRow } from "./organisation.sql.ts";

export interface Viewer {
  access: Access;
  organisation: OrganisationRow | null;
}

export const ANONYMOUS: Viewer = { access: "PUBLIC", organisation: null };
const KEY_PREFIX = "poet_";

const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

/** Issues an API key for an organisation: returned once, stored only as a hash. */
export async function issueApiKey(db: Db, organisationId: number, name: string): Promise<string> {
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  await db.insert(apiKeys).values({ organisationId, name, keyHash: hashKey(key) });
  return key;
}

export async function revokeApiKey(db: Db, key: string): Promise<void> {
  await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.keyHash, hashKey(key)));
}

const unauthenticated = (message: string) => new PoetError("UNAUTHENTICATED", message);

/**
 * The caller behind an `Authorization` header: anonymous without one; a presented key that is
 * malformed, unknown or revoked is an error, never a silent downgrade to public access.
 */
export async function authenticate(db: Db, authorization: string | undefined): Promise<Viewer> {
  if (!authorization) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match || !match[1]!.startsWith(KEY_PREFIX)) throw unauthenticated("The Authorization header must be `Bearer poet_…` with an API key");
  const [row] = await db
    .select({ organisation: organisations })
    .from(apiKeys)
    .innerJoin(organisations, eq(organisations.id, apiKeys.organisationId))
    .where(and(eq(apiKeys.keyHash, hashKey(match[1]!)), isNull(apiKeys.revokedAt)));
  if (!row) throw unauthenticated("This API key is not valid (unknown or revoked)");
  const { organisation } = row;
  return { organisation, access: organisation.type === "RESEARCH" || organisation.type === "ADMINISTRATOR" ? "RESEARCHER" : "PUBLIC" };
}
