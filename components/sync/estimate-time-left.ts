/**
 * ETA from what this page has watched: the rate between the first sample and the latest one.
 * A resumed run's processed count includes earlier runs, so the rate is never taken from the run's
 * start time. Null while there is too little to go on.
 */
export interface ProgressSample {
  atMs: number;
  processed: number;
}

const MIN_OBSERVED_MS = 1_500;

export function estimateTimeLeftMs(first: ProgressSample | null, latest: ProgressSample, total: number): number | null {
  if (total <= 0 || latest.processed >= total) return total > 0 ? 0 : null;
  if (!first) return null;
  const elapsed = latest.atMs - first.atMs;
  const done = latest.processed - first.processed;
  if (elapsed < MIN_OBSERVED_MS || done <= 0) return null;
  return Math.round(((total - latest.processed) * elapsed) / done);
}

export function formatTimeLeft(ms: number | null): string {
  if (ms === null) return "estimating…";
  const seconds = Math.ceil(ms / 1000);
  if (seconds <= 0) return "finishing";
  if (seconds < 60) return `about ${seconds} s left`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60
    ? `about ${minutes} min ${seconds % 60} s left`
    : `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}
