/**
 * How levels sort and how they are labelled, the same in HubSpot option labels, the dashboard and
 * CLI messages. See docs/ARCHITECTURE.md, "Source data contract".
 */

/** CEFR order first, unknown level names after, alphabetically. */
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

/** `a1` → `A1`, `pre_a1` → `PRE A1`: labels use upper case, underscores read as spaces. */
export function levelLabel(level: string): string {
  return level.replaceAll("_", " ").toUpperCase();
}
