/**
 * Whether figures keep reference data and leaf cells in memory between requests. They do, except
 * in mutation runs (POET_FIGURE_CACHE=off, see docs/mutation-testing.md): there every test must
 * reach the code it depends on, or per-test coverage credits it to the first test alone.
 */
// Stryker disable next-line all: caching changes how fast figures come, never what they are, and mutation runs turn it off
export const figureCaching = {
  enabled: true,
  /** A release's joint counts (`source.ts`) alone: the benchmarks of their first reads turn this off. */
  joint: true,
};

const caches = new WeakMap<object, Map<string, Promise<unknown>>>();
const CACHE_SIZE = 500;

/**
 * A read of a release (its cubes or its joint counts), kept per database (the last 500) under the
 * release and what was asked: a release never changes, so a kept read is never stale. A failed
 * read is not kept.
 */
export function cachedRead<T>(db: object, version: string, key: string, read: () => Promise<T>): Promise<T> {
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

const computed = new WeakMap<object, Map<string, unknown>>();

/**
 * A value worked out from a release's reads (the published values a rank compares), kept like a
 * read: per database, the last 500, under the release and what was asked.
 */
export function cachedValue<T>(db: object, version: string, key: string, compute: () => T): T {
  // Stryker disable all: the cache changes how fast, not what, a figure reads (mutation runs turn it off).
  if (!figureCaching.enabled) return compute();
  const entries = computed.get(db) ?? new Map<string, unknown>();
  computed.set(db, entries);
  const id = `${version}|${key}`;
  if (entries.has(id)) return entries.get(id) as T;
  const value = compute();
  entries.set(id, value);
  if (entries.size > CACHE_SIZE) entries.delete(entries.keys().next().value!);
  return value;
  // Stryker restore all
}

/** Forgets every read and value kept for a database: for benchmarks of first reads, as right after a release is cut. */
export function forgetCachedReads(db: object): void {
  caches.delete(db);
  computed.delete(db);
}
