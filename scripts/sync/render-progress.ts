/**
 * Progress on stderr: a redrawn bar on a terminal (processed/total, rate, ETA), plain lines
 * otherwise (CI logs, pipes) at most every few seconds, so stdout stays free for --json.
 */
import type { SyncProgress } from "@/lib/sync";

const BAR_WIDTH = 28;
const PLAIN_EVERY_MS = 3_000;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "--";
  const total = Math.round(seconds);
  const minutes = Math.floor(total / 60);
  return minutes > 0 ? `${minutes}m${String(total % 60).padStart(2, "0")}s` : `${total}s`;
}

export function createProgressRenderer(stream: NodeJS.WriteStream = process.stderr) {
  const isTty = stream.isTTY === true;
  let syncStart: { at: number; processed: number } | null = null;
  let lastPlainAt = 0;
  let lastPhase = "";
  let hasBar = false;

  function line(progress: SyncProgress): string {
    const percent = progress.total > 0 ? Math.min(100, (progress.processed / progress.total) * 100) : 100;
    const elapsed = syncStart ? (Date.now() - syncStart.at) / 1000 : 0;
    const done = syncStart ? progress.processed - syncStart.processed : 0;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? (progress.total - progress.processed) / rate : Number.NaN;
    const counts = `${progress.processed.toLocaleString("en")}/${progress.total.toLocaleString("en")} learners`;
    return `${counts} ${percent.toFixed(0)}% · ${rate.toFixed(0)}/s · ETA ${duration(eta)} · ${progress.writeCalls} batch calls`;
  }

  return {
    update(progress: SyncProgress): void {
      if (progress.phase !== lastPhase) {
        lastPhase = progress.phase;
        if (progress.phase === "syncing") syncStart = { at: Date.now(), processed: progress.processed };
        if (progress.phase !== "syncing") {
          this.finish();
          stream.write(
            `run #${progress.runId}: ${progress.phase === "properties" ? "checking HubSpot properties" : progress.phase}\n`,
          );
          return;
        }
      }
      if (progress.phase !== "syncing") return;
      if (isTty) {
        const filled = progress.total > 0 ? Math.round((progress.processed / progress.total) * BAR_WIDTH) : BAR_WIDTH;
        stream.write(`\r[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${line(progress)}\x1b[K`);
        hasBar = true;
      } else if (Date.now() - lastPlainAt >= PLAIN_EVERY_MS || progress.processed >= progress.total) {
        lastPlainAt = Date.now();
        stream.write(`synced ${line(progress)}\n`);
      }
    },
    /** Ends the bar's line before other output. */
    finish(): void {
      if (hasBar) stream.write("\n");
      hasBar = false;
    },
  };
}
