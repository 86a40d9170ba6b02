/** A run id from the URL: digits only (bigint ids stay within safe integers for years), else null. */
export function parseRunId(segment: string): number | null {
  if (!/^\d{1,15}$/.test(segment)) return null;
  const id = Number(segment);
  return id > 0 ? id : null;
}
