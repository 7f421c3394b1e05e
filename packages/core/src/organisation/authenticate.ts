import { createHash } from "node:crypto";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { type Actor, type ActorOrganisation, ANONYMOUS, type Role } from "../actor/index.ts";
import type { Db } from "../db/index.ts";
import { PoetError } from "../errors/index.ts";
import type { JwtSettings, Settings } from "../scope/index.ts";
import { apiKeys } from "./apikey.sql.ts";
import { organisationAreas, organisations } from "./organisation.sql.ts";
import { ROLES, roleRefusal } from "./validation.ts";

export const KEY_PREFIX = "poet_";
export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

function unauthenticated(message: string): PoetError {
  return new PoetError("UNAUTHENTICATED", message);
}
const MALFORMED = "The Authorization header must be `Bearer <API key>` (poet_…) or `Bearer <JWT>` from the membership portal";

/** `lastUsedAt` is written at most this often per key, so reads don't each cost a write. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** The areas an organisation covers, in the query that finds its credential: a member's are part of its actor. */
const coveredAreas = () => sql<string[]>`array(select ${organisationAreas.areaCode} from ${organisationAreas}
  where ${organisationAreas.organisationId} = ${organisations.id} order by 1)`;

function actorFor(organisation: ActorOrganisation, areas: string[], role: Role, credential: string): Actor {
  if (role === "MEMBER") return { type: "member", organisation, areas, credential };
  return { type: role === "ADMIN" ? "admin" : "researcher", organisation, credential };
}

async function fromApiKey(db: Db, key: string): Promise<Actor> {
  const [row] = await db
    .select({
      id: apiKeys.id,
      prefix: apiKeys.prefix,
      role: apiKeys.role,
      expiresAt: apiKeys.expiresAt,
      lastUsedAt: apiKeys.lastUsedAt,
      organisation: { id: organisations.id, slug: organisations.slug, name: organisations.name },
      type: organisations.type,
      areas: coveredAreas(),
    })
    .from(apiKeys)
    .innerJoin(organisations, eq(organisations.id, apiKeys.organisationId))
    .where(and(eq(apiKeys.keyHash, hashKey(key)), isNull(apiKeys.revokedAt)));
  if (!row) throw unauthenticated("This API key is not valid (unknown or revoked)");
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) throw unauthenticated(`This API key expired at ${row.expiresAt.toISOString()}`);
  // Keys are issued under the same rule; this refuses one whose organisation is no longer of a kind that allows its role.
  const refusal = roleRefusal(row.type, row.role);
  if (refusal) throw unauthenticated(`This API key's role does not fit its organisation "${row.organisation.slug}": ${refusal}`);
  // Most requests find it fresh and write nothing.
  const stale = !row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS;
  if (stale)
    await db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(
        and(
          eq(apiKeys.id, row.id),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - make_interval(secs => ${LAST_USED_RESOLUTION_MS / 1000})`)),
        ),
      );
  return actorFor(row.organisation, row.areas, row.role, row.prefix);
}

type JwtVerifier = (token: string) => Promise<Record<string, unknown>>;
const verifiers = new Map<string, Promise<JwtVerifier>>();

/** One verifier per JWKS URL and claims: jose caches the provider's keys between requests. */
function verifier(settings: JwtSettings): Promise<JwtVerifier> {
  const id = JSON.stringify(settings);
  let found = verifiers.get(id);
  if (!found) {
    found = import("jose").then(({ createRemoteJWKSet, jwtVerify }) => {
      const keys = createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: 3_000 });
      return async (token: string) =>
        (
          await jwtVerify(token, keys, {
            issuer: settings.issuer,
            audience: settings.audience,
            clockTolerance: settings.clockToleranceSeconds,
            requiredClaims: ["exp", "org", "role"],
          })
        ).payload as Record<string, unknown>;
    });
    verifiers.set(id, found);
  }
  return found;
}

/** A membership-portal JWT: signed by the configured provider, naming `org` (a slug) and `role`. */
async function fromJwt(db: Db, token: string, settings: JwtSettings): Promise<Actor> {
  let claims: Record<string, unknown>;
  try {
    claims = await (await verifier(settings))(token);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw unauthenticated(`This token is not valid: ${reason}`);
  }
  const role = ROLES.find((r) => r === claims.role);
  if (!role || typeof claims.org !== "string") throw unauthenticated(`This token's role must be one of ${ROLES.join(", ")} and org an organisation's slug`);
  const [organisation] = await db
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name, type: organisations.type, areas: coveredAreas() })
    .from(organisations)
    .where(eq(organisations.slug, claims.org));
  if (!organisation) throw unauthenticated(`This token names an organisation POET does not know ("${claims.org.slice(0, 64)}")`);
  const { areas, type, ...named } = organisation;
  // A bad credential, like a bad signature: refused whole (401), never narrowed to a role the organisation may have.
  const refusal = roleRefusal(type, role);
  if (refusal) throw unauthenticated(`This token's role does not fit its organisation "${named.slug}": ${refusal}`);
  return actorFor(named, areas, role, `jwt:${String(claims.sub ?? "?").slice(0, 64)}`);
}

const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/**
 * The actor behind an `Authorization` header: anonymous without one. A credential that is
 * malformed, unknown, expired or revoked is UNAUTHENTICATED, never a silent downgrade.
 */
export async function authenticate(db: Db, authorization: string | undefined, settings: Pick<Settings, "jwt">): Promise<Actor> {
  if (!authorization) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  const token = match?.[1];
  if (!token || token.length > 4096) throw unauthenticated(MALFORMED);
  if (token.startsWith(KEY_PREFIX)) return fromApiKey(db, token);
  if (JWT.test(token)) {
    if (!settings.jwt) throw unauthenticated("This deployment accepts API keys only, not tokens");
    return fromJwt(db, token, settings.jwt);
  }
  throw unauthenticated(MALFORMED);
}
