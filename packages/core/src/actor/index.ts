import { forbidden } from "../errors/index.ts";

/** Which figures a caller reads: anonymous callers see the public cube; researchers a larger one. */
export type Access = "PUBLIC" | "RESEARCHER";

/** What a credential may do. Anonymous callers have none: they read what is PUBLIC. */
export type Role = "MEMBER" | "RESEARCHER" | "ADMIN";

/** The organisation behind a credential, as much of it as access decisions need. */
export interface ActorOrganisation {
  id: number;
  slug: string;
  name: string;
}

/**
 * Who is asking: resolved once per request, before any field runs, and handed to the domain in
 * its scope. Members act for their organisation in the areas it covers; researchers read finer
 * aggregates; administrators manage organisations and keys; the system is the CLI, migrations
 * and import jobs.
 */
export type Actor =
  | { type: "anonymous" }
  | { type: "member"; organisation: ActorOrganisation; areas: readonly string[]; credential: string }
  | { type: "researcher"; organisation: ActorOrganisation; credential: string }
  | { type: "admin"; organisation: ActorOrganisation; credential: string }
  | { type: "system"; name: string };

export const ANONYMOUS: Actor = { type: "anonymous" };
export const systemActor = (name: string): Actor => ({ type: "system", name });

/** The roles a schema field can allow; PUBLIC means anyone, signed in or not. */
export type AccessRole = "PUBLIC" | Role;

const ROLE_OF: Record<Actor["type"], AccessRole> = { anonymous: "PUBLIC", member: "MEMBER", researcher: "RESEARCHER", admin: "ADMIN", system: "ADMIN" };

export const roleOf = (actor: Actor): AccessRole => ROLE_OF[actor.type];

/** Whether a field open to `allowed` roles may be read by the actor: admins and the system read everything. */
export function mayRead(actor: Actor, allowed: readonly AccessRole[]): boolean {
  const role = roleOf(actor);
  return role === "ADMIN" || allowed.includes("PUBLIC") || allowed.includes(role);
}

/** The figure cube the actor may read: researchers and administrators see single councils' breakdowns. */
export const figureAccess = (actor: Actor): Access => (roleOf(actor) === "RESEARCHER" || roleOf(actor) === "ADMIN" ? "RESEARCHER" : "PUBLIC");

/** How the actor is named in logs and audit records: never a secret. */
export function describeActor(actor: Actor): string {
  switch (actor.type) {
    case "anonymous":
      return "anonymous";
    case "system":
      return `system:${actor.name}`;
    default:
      return `${actor.type}:${actor.organisation.slug}:${actor.credential}`;
  }
}

/** Organisations, keys and the audit trail are for administrators (and the system: the CLI). */
export function assertAdmin(actor: Actor): void {
  if (roleOf(actor) !== "ADMIN") throw forbidden("Only POET administrators manage organisations, keys and the audit trail");
}
