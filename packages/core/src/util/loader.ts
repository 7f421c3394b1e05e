/**
 * Batches the keys asked for in one tick into one call, and caches per instance: create one per
 * request so nested fields (an area's parent, a question's scale) cost one query per level.
 */
export class Loader<K, V> {
  private cache = new Map<K, Promise<V>>();
  private queue: { key: K; resolve: (v: V) => void; reject: (e: unknown) => void }[] = [];

  constructor(
    private readonly batch: (keys: K[]) => Promise<Map<K, V>>,
    private readonly missing: (key: K) => V,
  ) {}

  load(key: K): Promise<V> {
    let promise = this.cache.get(key);
    if (!promise) {
      promise = new Promise<V>((resolve, reject) => {
        if (this.queue.push({ key, resolve, reject }) === 1) queueMicrotask(() => void this.dispatch());
      });
      this.cache.set(key, promise);
    }
    return promise;
  }

  private async dispatch(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    try {
      const found = await this.batch([...new Set(queue.map((q) => q.key))]);
      for (const q of queue) q.resolve(found.has(q.key) ? found.get(q.key)! : this.missing(q.key));
    } catch (error) {
      for (const q of queue) {
        this.cache.delete(q.key);
        q.reject(error);
      }
    }
  }
}

export function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
