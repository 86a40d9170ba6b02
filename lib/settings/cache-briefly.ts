/**
 * A short per-process cache with in-flight sharing, for numbers a page shows that are costly to
 * compute and fine a few seconds old (row and learner counts of the level tables): twenty viewers
 * opening /settings at once run the counts once, and a refresh within the TTL runs nothing.
 * A failed computation is not cached: the next view tries again.
 */
interface Entry<T> {
  value: Promise<T>;
  expiresAt: number;
}

const holder = globalThis as typeof globalThis & { __crmSyncBriefCache?: Map<string, Entry<unknown>> };

export function cacheBriefly<T>(
  key: string,
  ttlMs: number,
  compute: () => Promise<T>,
  now: () => number = Date.now,
): Promise<T> {
  holder.__crmSyncBriefCache ??= new Map();
  const cache = holder.__crmSyncBriefCache;
  const hit = cache.get(key) as Entry<T> | undefined;
  if (hit && hit.expiresAt > now()) return hit.value;
  const value = compute();
  cache.set(key, { value, expiresAt: now() + ttlMs });
  value.catch(() => {
    if (cache.get(key)?.value === value) cache.delete(key);
  });
  return value;
}
