import * as z from "zod/mini";
import { areaCode } from "../area/validation.ts";
import { plainText } from "../util/validate.ts";

export const ORGANISATION_TYPES = ["COUNCIL", "HEALTH_BODY", "RESEARCH", "ADMINISTRATOR"] as const;
export const ROLES = ["MEMBER", "RESEARCHER", "ADMIN"] as const;

export const slug = plainText(64).check(
  z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case letters and digits joined by hyphens, e.g. hartlepool-council"),
);

export const newOrganisation = z.object({
  slug,
  name: plainText(200),
  type: z.enum(ORGANISATION_TYPES),
  areas: z._default(z.array(areaCode).check(z.maxLength(500)), []),
});
export type NewOrganisation = z.input<typeof newOrganisation>;

/** The roles a key of each kind of organisation may carry; the first is the default. */
export const ROLES_BY_TYPE: Record<(typeof ORGANISATION_TYPES)[number], readonly (typeof ROLES)[number][]> = {
  COUNCIL: ["MEMBER"],
  HEALTH_BODY: ["MEMBER"],
  RESEARCH: ["RESEARCHER"],
  ADMINISTRATOR: ["ADMIN", "RESEARCHER"],
};

export const newApiKey = z.object({
  organisation: slug,
  name: z._default(plainText(200), "API key"),
  role: z.optional(z.enum(ROLES)),
  /** When the key stops working; none by default. */
  expiresAt: z.optional(z.date()),
});
export type NewApiKey = z.input<typeof newApiKey>;

/** A key's public prefix, `poet_` and 8 characters: how listings, revocation and logs name it. */
export const keyPrefix = plainText(40).check(z.regex(/^poet_[A-Za-z0-9]{8}$/, "is not an API key prefix (poet_ and 8 letters or digits)"));
