import { and, eq, inArray } from "drizzle-orm";
import { recordAudit } from "../organisation/index.ts";
import type { Scope } from "../scope/index.ts";
import { transaction } from "../scope/index.ts";
import { validated } from "../util/validate.ts";
import { type ResponseRow, responses } from "./response.sql.ts";
import { withdrawnRefs } from "./validation.ts";
import { withdrawStoredResponses } from "./write.ts";
import { writerOf } from "./writer.ts";

export type WithdrawalStatus = "WITHDRAWN" | "ALREADY_WITHDRAWN" | "NOT_FOUND";

export interface WithdrawalResult {
  /** As it was sent (first, when several forms of one reference were). */
  externalRef: string;
  status: WithdrawalStatus;
  response: ResponseRow | null;
}

/**
 * Withdraws responses by reference (a person's right to erasure): their answers, comments and
 * details are deleted at once, they leave every figure, and the references are never used again.
 * A reference the caller's organisation does not hold, in the areas it covers, is NOT_FOUND.
 */
export const withdrawResponses = validated(
  withdrawnRefs,
  async (scope: Scope, refs, options: { organisation?: string | null } = {}) => {
    // By the reference as stored (composed and trimmed), named in results as first sent.
    const sent = new Map<string, string>();
    for (const ref of refs) if (!sent.has(ref.stored)) sent.set(ref.stored, ref.sent);
    const writer = await writerOf(scope, options.organisation);
    const wanted = [...sent.keys()];
    return transaction(scope, async (tx) => {
      const rows = wanted.length
        ? await tx.db
            .select()
            .from(responses)
            .where(
              and(
                eq(responses.organisationId, writer.organisationId),
                inArray(responses.externalRef, wanted),
                inArray(responses.areaCode, [...writer.areas, ""]),
              ),
            )
            .for("update")
        : [];
      const found = new Map(rows.map((r) => [r.externalRef, r]));
      const live = rows.filter((r) => !r.withdrawnAt).map((r) => r.id);
      await withdrawStoredResponses(tx.db, live);
      const after = new Map(live.length ? (await tx.db.select().from(responses).where(inArray(responses.id, live))).map((r) => [r.externalRef, r]) : []);
      const results: WithdrawalResult[] = wanted.map((ref) => {
        const row = found.get(ref);
        const asSent = sent.get(ref)!;
        if (!row) return { externalRef: asSent, status: "NOT_FOUND", response: null };
        return row.withdrawnAt
          ? { externalRef: asSent, status: "ALREADY_WITHDRAWN", response: row }
          : { externalRef: asSent, status: "WITHDRAWN", response: after.get(ref)! };
      });
      if (live.length)
        await recordAudit(tx, {
          action: "responses.withdraw",
          subject: writer.slug,
          rows: live.length,
          detail: { externalRefs: rows.filter((r) => !r.withdrawnAt).map((r) => r.externalRef) },
        });
      return { results, withdrawn: live.length, notFound: results.filter((r) => r.status === "NOT_FOUND").length };
    });
  },
  "externalRefs",
);
