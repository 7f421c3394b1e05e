import * as z from "zod/mini";
import { badInput } from "../errors/index.ts";

/**
 * Opaque cursors of one kind: `kind:key` in base64url. A cursor that does not decode to a key of
 * that kind (checked by `key`) is BAD_USER_INPUT, never a query on whatever it holds.
 */
export function cursors<K>(kind: string, key: z.ZodMiniType<K>) {
  const prefix = `${kind}:`;
  return {
    encode: (value: string | number) => Buffer.from(`${prefix}${value}`).toString("base64url"),
    decode(cursor: string): K {
      const decoded = cursor.length <= 64 ? Buffer.from(cursor, "base64url").toString() : "";
      const parsed = decoded.startsWith(prefix) ? key.safeParse(decoded.slice(prefix.length)) : null;
      if (!parsed?.success) throw badInput("`after` is not a cursor this API gave out", "after");
      return parsed.data;
    },
  };
}

/** A connection's page from `first + 1` rows read after the cursor (the extra row says a next page exists). */
export function page<T>(rows: T[], first: number, hasPrevious: boolean, cursorOf: (row: T) => string) {
  const shown = rows.slice(0, first);
  return {
    edges: shown.map((node) => ({ cursor: cursorOf(node), node })),
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: hasPrevious,
      startCursor: shown[0] ? cursorOf(shown[0]) : null,
      endCursor: shown.at(-1) ? cursorOf(shown.at(-1)!) : null,
    },
  };
}

/** How many items a page holds: the same bounds on every connection. */
export const MAX_PAGE_SIZE = 100;
export const pageSize = z
  .int()
  .check(z.minimum(1, `must be between 1 and ${MAX_PAGE_SIZE}`), z.maximum(MAX_PAGE_SIZE, `must be between 1 and ${MAX_PAGE_SIZE}`));
