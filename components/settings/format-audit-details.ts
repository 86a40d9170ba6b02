/**
 * Audit details as one readable line: before/after pairs as "field: old → new" (only what changed),
 * long lists shortened, empty lists left out. The raw JSON stays available next to it.
 */
const MAX_LIST_ITEMS = 3;

const show = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

function formatList(key: string, values: unknown[]): string | null {
  if (values.length === 0) return null;
  const shown = values.slice(0, MAX_LIST_ITEMS).map(show).join(", ");
  return `${key}: ${values.length > MAX_LIST_ITEMS ? `${values.length} (${shown}, +${values.length - MAX_LIST_ITEMS} more)` : shown}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function formatAuditDetails(details: Record<string, unknown>): string {
  const { before, after, ...rest } = details;
  const parts: string[] = [];
  if (isRecord(after)) {
    const previous = isRecord(before) ? before : {};
    for (const [key, value] of Object.entries(after)) {
      if (show(previous[key]) !== show(value))
        parts.push(`${key}: ${key in previous ? show(previous[key]) : "—"} → ${show(value)}`);
    }
  }
  for (const [key, value] of Object.entries(rest)) {
    const part = Array.isArray(value) ? formatList(key, value) : `${key}: ${show(value)}`;
    if (part) parts.push(part);
  }
  return parts.join(" · ") || "—";
}
