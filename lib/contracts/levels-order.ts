/** CEFR order first (DESIGN §5), unknown level names after, alphabetically. */
const CEFR_ORDER = ["pre_a1", "a1", "a2", "b1", "b2", "c1", "c2"];

export function compareLevels(a: string, b: string): number {
  const ia = CEFR_ORDER.indexOf(a);
  const ib = CEFR_ORDER.indexOf(b);
  if (ia !== -1 && ib !== -1) return ia - ib;
  if (ia !== -1) return -1;
  if (ib !== -1) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortLevels(levels: Iterable<string>): string[] {
  return [...levels].sort(compareLevels);
}
