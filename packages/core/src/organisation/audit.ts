import { desc, lt } from "drizzle-orm";
import * as z from "zod/mini";
import { assertAdmin, describeActor } from "../actor/index.ts";
import type { Scope } from "../scope/index.ts";
import { cursors, page } from "../util/page.ts";
import { validated } from "../util/validate.ts";
import { auditEvents } from "./apikey.sql.ts";
import { auditPageArgs } from "./validation.ts";

export type AuditEventRow = typeof auditEvents.$inferSelect;

export interface AuditEntry {
  action: string;
  subject: string;
  rows?: number;
  detail?: Record<string, unknown>;
}

/** Records who did what, in the caller's transaction so a rolled-back change leaves no record. */
export async function recordAudit(scope: Scope, entry: AuditEntry): Promise<void> {
  await scope.db
    .insert(auditEvents)
    .values({ actor: describeActor(scope.actor), action: entry.action, subject: entry.subject, rows: entry.rows ?? null, detail: entry.detail ?? null });
}

function auditCursors() {
  return cursors("audit", z.coerce.number().check(z.int(), z.minimum(1), z.maximum(2_147_483_647)));
}

/** The newest records first, one page at a time. */
export const listAuditEvents = validated(auditPageArgs, async (scope: Scope, args) => {
  assertAdmin(scope.actor);
  const after = args.after ? auditCursors().decode(args.after) : null;
  const rows = await scope.db
    .select()
    .from(auditEvents)
    .where(after ? lt(auditEvents.id, after) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(args.first + 1);
  return page(rows, args.first, after !== null, (event) => auditCursors().encode(event.id));
});
