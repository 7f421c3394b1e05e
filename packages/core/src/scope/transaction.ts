import type { Db } from "../db/index.ts";
import type { Scope } from "./scope.ts";

const inside = new WeakSet<object>();

/**
 * Runs `fn` in the scope's transaction if it already has one, else in a new one: a domain write
 * is all or nothing, and a caller composing several writes gets them in one transaction.
 */
export async function transaction<T>(
  scope: Scope,
  fn: (scope: Scope) => Promise<T>,
  config?: { isolationLevel: "read committed" | "repeatable read" | "serializable" },
): Promise<T> {
  if (inside.has(scope.db)) return fn(scope);
  return scope.db.transaction(async (tx) => {
    inside.add(tx);
    return fn({ ...scope, db: tx as unknown as Db });
  }, config);
}

/** Whether the scope already runs in a transaction (`transaction` would join it). */
export function inTransaction(scope: Scope): boolean {
  return inside.has(scope.db);
}
