import { systemActor } from "@poet/core/actor";
import type { Db } from "@poet/core/db";
import type { NewOrganisation } from "@poet/core/organisation";
import { createApiKey, createOrganisation, listApiKeys, revokeApiKey } from "@poet/core/organisation";
import type { Scope, Settings } from "@poet/core/scope";
import { parseInstant } from "@poet/core/time";
import { print } from "./output.ts";

export interface AdminOptions {
  slug?: string;
  name?: string;
  type?: string;
  area?: string[];
  organisation?: string;
  role?: string;
  label?: string;
  expires?: string;
  prefix?: string;
}

const SETTINGS: Settings = { reportThreshold: 100, jwt: null };

/** `--expires`: as the API's DateTime arguments take it, a date (midnight UTC) or a date-time with its offset. */
function expiry(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = parseInstant(value);
  if (!date) throw new Error("--expires must be an ISO 8601 date, e.g. 2027-03-31");
  return date;
}

/** Organisation and key administration as the system actor: how the first administrator key is made. */
export async function runAdminCommand(db: Db, command: "organisation" | "key", args: string[], options: AdminOptions): Promise<void> {
  const scope: Scope = { db, actor: systemActor("cli"), settings: SETTINGS };
  if (command === "organisation") {
    const organisation = await createOrganisation(scope, {
      slug: options.slug!,
      name: options.name!,
      type: options.type as NewOrganisation["type"],
      areas: options.area ?? [],
    });
    print(
      `poet: added ${organisation.type} organisation "${organisation.name}" (${organisation.slug}) covering ${options.area?.length ? options.area.join(", ") : "no areas"}`,
    );
    return;
  }
  const [action] = args;
  if (action === "create") {
    const { key, apiKey } = await createApiKey(scope, {
      organisation: options.organisation!,
      role: options.role as "MEMBER" | undefined,
      name: options.label ?? options.name ?? "issued with the poet command",
      expiresAt: expiry(options.expires),
    });
    print(
      `poet: ${apiKey.role} key ${apiKey.prefix} for ${options.organisation}${apiKey.expiresAt ? `, expiring ${apiKey.expiresAt.toISOString()}` : ""} (shown once, keep it safe):`,
    );
    print(key);
  } else if (action === "revoke") {
    const revoked = await revokeApiKey(scope, options.prefix ?? args[1] ?? "");
    print(`poet: key ${revoked.prefix} revoked at ${revoked.revokedAt?.toISOString()}`);
  } else if (action === "list") {
    const keys = await listApiKeys(scope, { organisation: options.organisation });
    if (!keys.length) {
      const whose = options.organisation ? ` for ${options.organisation}` : "";
      const create = `poet key create --organisation ${options.organisation ?? "SLUG"}`;
      print(`poet: no API keys${whose} yet (${create} issues one)`);
      return;
    }
    for (const { key, organisation } of keys) {
      const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : key.expiresAt && key.expiresAt <= new Date() ? "expired" : "active";
      print([key.prefix, organisation, key.role, state, key.lastUsedAt ? `last used ${key.lastUsedAt.toISOString()}` : "never used", key.name].join("\t"));
    }
  } else {
    throw new Error("key needs an action: create, revoke or list");
  }
}
