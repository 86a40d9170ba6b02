/** Small display helpers shared by the sync views (server and client). */

export function formatDurationMs(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${seconds % 60} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function runDuration(startedAt: Date, finishedAt: Date | null): string {
  return finishedAt ? formatDurationMs(finishedAt.getTime() - startedAt.getTime()) : "—";
}

const UTC = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/** For client components: the same UTC text on server and browser. */
export function formatUtc(iso: string): string {
  return `${UTC.format(new Date(iso))} UTC`;
}
