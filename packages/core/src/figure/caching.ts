/**
 * Whether figures keep reference data and leaf cells in memory between requests. They do, except
 * in mutation runs (POET_FIGURE_CACHE=off, see docs/mutation-testing.md): there every test must
 * reach the code it depends on, or per-test coverage credits it to the first test alone.
 */
// Stryker disable next-line all: caching changes how fast figures come, never what they are, and mutation runs turn it off
export const figureCaching = {
  enabled: true,
  /** Joint counts (`joint.ts`) alone: the benchmark of their first reads turns this off. */
  joint: true,
};

const caches = new WeakMap<object, Map<string, Promise<unknown>>>();
const CACHE_SIZE = 500;

/**
 * A read of the cubes or the answers, kept per database (the last 500) under the cube version it
 * was read at and what was asked: every write bumps the version, so a kept read is never stale,
 * in any process. A failed read is not kept.
 */
export function cachedRead<T>(db: object, version: number, key: string, read: () => Promise<T>): Promise<T> {
  // Stryker disable all: the cache changes how fast, not what, a figure reads (mutation runs turn it off).
  if (!figureCaching.enabled) return read();
  const entries = caches.get(db) ?? new Map<string, Promise<unknown>>();
  caches.set(db, entries);
  const id = `${version}|${key}`;
  let result = entries.get(id) as Promise<T> | undefined;
  if (!result) {
    result = read();
    result.catch(() => entries.delete(id));
    entries.set(id, result);
    if (entries.size > CACHE_SIZE) entries.delete(entries.keys().next().value!);
  }
  return result;
  // Stryker restore all
}

/** Forgets every read kept for a database: what a write does to them (by the version), for benchmarks of first reads. */
export function forgetCachedReads(db: object): void {
  caches.delete(db);
}
