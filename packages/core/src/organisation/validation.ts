import * as z from "zod/mini";
import type { Role } from "../actor/index.ts";
import { areaCode } from "../area/index.ts";
import { pageSize } from "../util/page.ts";
import { blankOr, plainText, refusal } from "../util/validate.ts";

export const ORGANISATION_TYPES = ["COUNCIL", "HEALTH_BODY", "RESEARCH", "ADMINISTRATOR"] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
export const ROLES = ["MEMBER", "RESEARCHER", "ADMIN"] as const satisfies readonly Role[];

export const slugSchema = plainText(64).check(
  z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case letters and digits joined by hyphens, e.g. hartlepool-council"),
);

export const newOrganisation = z.object({
  slug: slugSchema,
  name: plainText(200),
  type: z.enum(ORGANISATION_TYPES),
  areas: z._default(z.array(areaCode).check(z.maxLength(500)), []),
});
export type NewOrganisation = z.input<typeof newOrganisation>;

/** The roles each kind of organisation's credentials may carry; the first is a new key's default. */
export const ROLES_BY_TYPE: Record<OrganisationType, readonly Role[]> = {
  COUNCIL: ["MEMBER"],
  HEALTH_BODY: ["MEMBER"],
  RESEARCH: ["RESEARCHER"],
  ADMINISTRATOR: ["ADMIN", "RESEARCHER"],
};

/**
 * The one rule for roles: why an organisation of `type` may not act as `role`, or null when it
 * may. Issuing a key (GraphQL and the CLI alike), accepting a key and accepting a portal token
 * all ask here, so a council can no more be ADMIN by a token than by a key.
 */
export function roleRefusal(type: OrganisationType, role: Role): string | null {
  const allowed = ROLES_BY_TYPE[type];
  if (allowed.includes(role)) return null;
  return `${/^[AEIOU]/.test(type) ? "An" : "A"} ${type} organisation's keys and tokens may carry ${allowed.join(" or ")}, not ${role}`;
}

export const newApiKey = z.object({
  organisation: slugSchema,
  name: z._default(plainText(200), "API key"),
  role: z.optional(z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")} (in capitals)` })),
  /** When the key stops working; none by default. */
  expiresAt: z.optional(
    z.date().check(
      refusal(
        (at) => at.getTime() > Date.now(),
        () => "`expiresAt` must be in the future",
      ),
    ),
  ),
});
export type NewApiKey = z.input<typeof newApiKey>;

/** A key's public prefix, `poet_` and 8 characters: how listings, revocation and logs name it. */
export const keyPrefix = plainText(40).check(z.regex(/^poet_[A-Za-z0-9]{8}$/, "is not an API key prefix (poet_ and 8 letters or digits)"));

/** `apiKeys`: every key, or one organisation's (its slug). */
export const apiKeyListArgs = z.looseObject({ organisation: blankOr(slugSchema) });

/** `auditEvents`: a page of 1 to 100. */
export const auditPageArgs = z.looseObject({ first: pageSize, after: z.optional(z.nullable(z.string())) });
