import { desc, lt } from "drizzle-orm";
import * as z from "zod/mini";
import { assertAdmin, describeActor } from "../actor/index.ts";
import { pageSize } from "../area/validation.ts";
import { badInput } from "../errors.ts";
import type { Scope } from "../scope.ts";
import { parseInput } from "../util/validate.ts";
import { auditEvents } from "./apikey.sql.ts";

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

const encodeCursor = (id: number) => Buffer.from(`audit:${id}`).toString("base64url");
const auditId = z.coerce.number().check(z.int(), z.minimum(1), z.maximum(2_147_483_647));

function decodeCursor(cursor: string): number {
  const decoded = cursor.length <= 64 ? Buffer.from(cursor, "base64url").toString() : "";
  const parsed = auditId.safeParse(decoded.slice(6));
  if (!decoded.startsWith("audit:") || !parsed.success) throw badInput("`after` is not a cursor this API gave out", "after");
  return parsed.data;
}

/** The newest records first, one page at a time. */
export async function listAuditEvents(scope: Scope, args: { first: number; after?: string | null }) {
  assertAdmin(scope.actor);
  parseInput(pageSize, args.first, "first");
  const after = args.after ? decodeCursor(args.after) : null;
  const rows = await scope.db
    .select()
    .from(auditEvents)
    .where(after ? lt(auditEvents.id, after) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(args.first + 1);
  const page = rows.slice(0, args.first);
  return {
    edges: page.map((node) => ({ cursor: encodeCursor(node.id), node })),
    pageInfo: {
      hasNextPage: rows.length > args.first,
      hasPreviousPage: after !== null,
      startCursor: page[0] ? encodeCursor(page[0].id) : null,
      endCursor: page.at(-1) ? encodeCursor(page.at(-1)!.id) : null,
    },
  };
}
