/**
 * The lease a process holds on its run row: the owner token written at claim time, renewed by a
 * heartbeat on a timer (not only by commits, which a slow HubSpot call can hold back for longer
 * than the stale threshold). Every write of the run is fenced by `status = 'running'` and the
 * token (close-run.ts, commit-settled.ts).
 * The lease is lost when a heartbeat finds the run no longer ours (taken over or closed), or when
 * no heartbeat has been confirmed for half the stale threshold (the database is unreachable):
 * then `signal` aborts, which cancels the run's HubSpot requests in flight, well before another
 * start may take the run over (after the full threshold). A late answer is never committed.
 */
import type { Queryable } from "@/lib/db/queryable";
import { SyncRunLostError } from "../sync-errors";

/**
 * A run counts as stale (its process gone, so another start may take it over) after 15 minutes
 * without a heartbeat. That is longer than the worst case of one HubSpot call with the client's
 * defaults (lib/hubspot/client.ts, transport/request-policy.ts):
 *     6 attempts × 30 s request timeout                                  180 s
 *   + 5 backoff waits, full jitter capped at 0.5, 1, 2, 4, 8 s          ≤ 15.5 s
 *   + 10 waits after 429s, each ≤ 60 s (a longer one is thrown instead) ≤ 600 s
 *   = ≤ 795.5 s ≈ 13.3 min,
 * so even a process whose heartbeats were held up for a whole call is not taken over mid-call.
 * The price: a crashed run is continued by a start at least 15 minutes after its last heartbeat.
 */
export const DEFAULT_STALE_AFTER_MS = 15 * 60_000;
/** A live process renews its lease this often: many renewals fit in half the stale threshold. */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 15_000;

export interface LeaseOptions {
  heartbeatIntervalMs: number;
  staleAfterMs: number;
  now?: () => number;
}

export class RunLease {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastConfirmedAt: number;
  private beating: Promise<void> | null = null;
  private readonly now: () => number;

  constructor(
    private readonly db: Queryable,
    readonly runId: number,
    readonly token: string,
    private readonly options: LeaseOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.lastConfirmedAt = this.now();
  }

  /** Aborts when the lease is lost; its reason is the SyncRunLostError. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get lostError(): SyncRunLostError | null {
    return this.controller.signal.aborted ? (this.controller.signal.reason as SyncRunLostError) : null;
  }

  throwIfLost(): void {
    const lost = this.lostError;
    if (lost) throw lost;
  }

  /** Starts the heartbeat timer; it never keeps the process alive on its own. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      // A heartbeat stuck on a dead connection must not keep the lease alive either.
      if (this.beating) this.giveUpIfSilent("the last heartbeat is still waiting for the database");
      else
        this.beating = this.beat().finally(() => {
          this.beating = null;
        });
    }, this.options.heartbeatIntervalMs);
    this.timer.unref?.();
  }

  /**
   * Stops the timer and waits briefly for a heartbeat in flight, so none usually runs after the
   * caller ends its pool (a late one fails harmlessly). Never longer than one interval: a
   * heartbeat hanging on a dead connection must not hold up the end of the run.
   */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (!this.beating) return;
    let cap: ReturnType<typeof setTimeout> | undefined;
    const capped = new Promise<void>((resolve) => {
      cap = setTimeout(resolve, this.options.heartbeatIntervalMs);
      cap.unref?.();
    });
    await Promise.race([this.beating, capped]);
    clearTimeout(cap);
  }

  /** Marks the lease lost (also used when a fenced write finds the run no longer ours). */
  lose(error: SyncRunLostError = new SyncRunLostError(this.runId)): SyncRunLostError {
    if (!this.controller.signal.aborted) this.controller.abort(error);
    void this.stop();
    return this.lostError ?? error;
  }

  private async beat(): Promise<void> {
    if (this.controller.signal.aborted) return;
    try {
      const updated = await this.db.query(
        "update crm_sync.runs set heartbeat_at = now() where id = $1 and status = 'running' and lease_token = $2::uuid",
        [this.runId, this.token],
      );
      if (updated.rowCount === 1) this.lastConfirmedAt = this.now();
      else this.lose();
    } catch (error) {
      // A failed heartbeat is retried on the next tick; only a long silence gives the lease up.
      this.giveUpIfSilent(error instanceof Error ? error.message : String(error));
    }
  }

  private giveUpIfSilent(why: string): void {
    const silentMs = this.now() - this.lastConfirmedAt;
    if (silentMs < this.options.staleAfterMs / 2) return;
    this.lose(
      new SyncRunLostError(
        this.runId,
        `Run #${this.runId} could not renew its lease for ${Math.round(silentMs / 1000)}s (${why}); this process stopped sending so that a run taking over cannot be overwritten by a late batch.`,
      ),
    );
  }
}
