import { keyedMemo } from "../util/memo.ts";

/**
 * A release's reads and what is worked out from them, kept in memory per database: a release
 * never changes, so a kept value is never stale. Performance only: it changes how fast figures
 * come, never what they are (docs/mutation-testing.md leaves this file out of mutation runs).
 */
const CACHE_SIZE = 500;
const reads = keyedMemo<Promise<unknown>>(CACHE_SIZE);
const values = keyedMemo<unknown>(CACHE_SIZE);

/**
 * A read of a release (its cubes or its joint counts), kept per database (the last 500) under what
 * was asked (`key`, whose first `|`-separated part names its kind, e.g. `joint`) and the release.
 * A failed read is not kept.
 */
export function cachedRead<T>(db: object, version: string, key: string, read: () => Promise<T>): Promise<T> {
  return reads.get(db, `${key}|${version}`, read) as Promise<T>;
}

/**
 * A value worked out from a release's reads (the published values a rank compares), kept like a
 * read: per database, the last 500, under what was asked and the release.
 */
export function cachedValue<T>(db: object, version: string, key: string, compute: () => T): T {
  return values.get(db, `${key}|${version}`, compute) as T;
}

/** Forgets every read and value kept for a database: for benchmarks of first reads, as right after a release is cut. */
export function forgetCachedReads(db: object): void {
  reads.forget(db);
  values.forget(db);
}
