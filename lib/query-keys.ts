/**
 * Every React Query key in one place, as `as const` factories: invalidating `healthKeys.all`
 * reaches every health query, and a typo cannot create a second, never-invalidated cache entry.
 */
export const healthKeys = {
  all: ["health"] as const,
  report: () => [...healthKeys.all, "report"] as const,
};
