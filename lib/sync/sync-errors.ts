/**
 * Typed failures of the sync engine. Callers map them: the CLI to exit codes, the UI and the cron
 * route to clear answers. Every message is a complete sentence an operator can act on.
 */
import { formatQuotaReset } from "@/lib/contracts/account-day";

export interface LiveRunOwner {
  runId: number;
  trigger: string;
  startedByLabel: string;
  startedAt: Date;
  heartbeatAt: Date;
}

/** A second live start while one is running (the database's unique index decided). */
export class SyncAlreadyRunningError extends Error {
  constructor(
    readonly owner: LiveRunOwner,
    readonly staleAfterMs: number,
  ) {
    const ageSeconds = Math.max(0, Math.round((Date.now() - owner.heartbeatAt.getTime()) / 1000));
    super(
      `A live sync is already running: run #${owner.runId} started by ${owner.startedByLabel} (${owner.trigger}) at ` +
        `${owner.startedAt.toISOString()}, last heartbeat ${ageSeconds}s ago. If that process is gone, it is taken over ` +
        `once its heartbeat is older than ${Math.round(staleAfterMs / 1000)}s.`,
    );
    this.name = "SyncAlreadyRunningError";
  }
}

/**
 * A dry run was asked for while another is running (the database allows one at a time). Previews
 * join the running one (lib/sync/preview); other callers report it.
 */
export class SyncPreviewRunningError extends Error {
  constructor(readonly owner: LiveRunOwner & { levels: string[] }) {
    super(
      `A preview is already running: run #${owner.runId} started by ${owner.startedByLabel} (${owner.trigger}) at ${owner.startedAt.toISOString()}. ` +
        "Wait for it (the dashboard's Preview payload joins it), then try again.",
    );
    this.name = "SyncPreviewRunningError";
  }
}

/** The request cannot be served as asked (unknown level, live run without a HubSpot token…). */
export class SyncConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SyncConfigurationError";
  }
}

/** A run stopped by an error after it was recorded; the next start continues from its cursor. */
export class SyncRunFailedError extends Error {
  constructor(
    readonly runId: number,
    message: string,
    readonly reason: "hubspot_unauthorized" | "hubspot_unavailable" | "database" | "unexpected",
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SyncRunFailedError";
  }
}

/**
 * A claim asked to continue one run only (the durable driver of "Sync now", lib/workflows) found
 * that run no longer waiting for a continuation: it finished, or another starter continued it.
 */
export class SyncNothingToContinueError extends Error {
  constructor(readonly runId: number) {
    super(
      `Run #${runId} is not waiting to be continued (it ended, or another start continued it); nothing was started.`,
    );
    this.name = "SyncNothingToContinueError";
  }
}

/**
 * A live start while the latest live run is paused for HubSpot's daily quota, before the quota
 * resets (midnight in the account's time zone): starting now would only collect 429s. Whoever
 * starts (cron, Sync now, CLI) gets this and may start again from `resumeAfter` on
 * (docs/ARCHITECTURE.md, "Daily quota").
 */
export class SyncQuotaWaitError extends Error {
  constructor(
    readonly runId: number,
    readonly resumeAfter: Date,
    readonly timeZone: string,
  ) {
    super(
      `Waiting for HubSpot's daily API quota: run #${runId} paused when the day's quota was used up, and resumes at ${formatQuotaReset(resumeAfter, timeZone)}. ` +
        "No live sync starts before then (the first cron run from then on continues it).",
    );
    this.name = "SyncQuotaWaitError";
  }
}

/**
 * This process no longer holds the run's lease: another process took the run over (or closed it),
 * or the lease could not be renewed in time. Nothing more is sent or written.
 */
export class SyncRunLostError extends Error {
  constructor(
    readonly runId: number,
    message = `Run #${runId} is no longer running (it was taken over or closed by another process); this process stopped writing.`,
  ) {
    super(message);
    this.name = "SyncRunLostError";
  }
}

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "57P01",
  "57P02",
  "57P03",
]);

/** Errors meaning the database went away (as opposed to a bad statement). */
export function isDatabaseConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (CONNECTION_CODES.has(code) || code.startsWith("08"))) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
    error.message,
  );
}
