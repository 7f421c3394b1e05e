/**
 * Values kept in memory under an owner (a database) so that asking again is served without the
 * work: they change how fast an answer comes, never what it is. A memo whose value is a promise
 * does not keep it once it fails.
 */

/**
 * Whether memos keep anything. Only tests and benchmarks change it: mutation runs turn every memo
 * off (`testing/mutation-setup.ts`: each test must itself reach the code it depends on, or
 * per-test coverage credits that code to the first test alone), and benchmarks of first reads
 * skip one kind of value (a key's part before its first `|`, e.g. `joint`).
 */
export const memoKeeping = {
  enabled: true,
  skipped: new Set<string>(),
};

function keeps(key: string): boolean {
  return memoKeeping.enabled && !memoKeeping.skipped.has(key.split("|", 1)[0]!);
}

function forgetOnFailure(value: unknown, forget: () => void): void {
  if (value instanceof Promise) value.catch(forget);
}

export interface KeyedMemo<V> {
  /** The value kept for the owner under this key, else `make()`'s, then kept (the oldest dropped past the memo's size). */
  get(owner: object, key: string, make: () => V): V;
  /** Drops every value kept for the owner. */
  forget(owner: object): void;
}

/** A memo of at most `size` values per owner, each under a key that names what was asked. */
export function keyedMemo<V>(size: number): KeyedMemo<V> {
  const kept = new WeakMap<object, Map<string, V>>();
  return {
    get(owner, key, make) {
      if (!keeps(key)) return make();
      const entries = kept.get(owner) ?? new Map<string, V>();
      kept.set(owner, entries);
      if (entries.has(key)) return entries.get(key)!;
      const value = make();
      entries.set(key, value);
      forgetOnFailure(value, () => entries.delete(key));
      if (entries.size > size) entries.delete(entries.keys().next().value!);
      return value;
    },
    forget(owner) {
      kept.delete(owner);
    },
  };
}

export interface TimedMemo<V> {
  /** The value kept for the owner if made within the memo's time, else `make()`'s, then kept. */
  get(owner: object, make: () => V): V;
  /** Drops the owner's value. */
  forget(owner: object): void;
}

/** A memo of one value per owner, made again once it is older than `ttlMs`. */
export function timedMemo<V>(ttlMs: number): TimedMemo<V> {
  const kept = new WeakMap<object, { at: number; value: V }>();
  return {
    get(owner, make) {
      const hit = kept.get(owner);
      if (memoKeeping.enabled && hit && Date.now() - hit.at < ttlMs) return hit.value;
      const value = make();
      kept.set(owner, { at: Date.now(), value });
      forgetOnFailure(value, () => kept.delete(owner));
      return value;
    },
    forget(owner) {
      kept.delete(owner);
    },
  };
}
