/**
 * Wraps a loader so callers within `ttlMs` share one result (and one in-flight promise).
 * Rejections are not kept: the next caller tries again.
 */
export function reuseFor<T>(ttlMs: number, load: () => Promise<T>): () => Promise<T> {
  let entry: { value: Promise<T>; loadedAt: number } | undefined;
  return () => {
    const now = Date.now();
    if (!entry || now - entry.loadedAt >= ttlMs) {
      const value = load();
      const current = { value, loadedAt: now };
      entry = current;
      value.catch(() => {
        if (entry === current) entry = undefined;
      });
    }
    return entry.value;
  };
}
