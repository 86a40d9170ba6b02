/**
 * Keeps up to `maxInFlight` batch/upsert calls in flight (one sequential call at ~100 ms or more
 * of latency cannot use a 190-per-10-s budget; the shared rate limiter in lib/hubspot still
 * paces them) and serialises every commit. Commits only ever take the ledger's settled prefix,
 * so out-of-order answers never move the cursor past an unconfirmed row. The price: a crash can
 * leave up to `maxInFlight` batches unconfirmed, and those rows are sent again on resume.
 */
import type { LedgerEntry } from "./run-ledger";

export interface SendPipelineOptions {
  maxInFlight: number;
  /** Starts sending synchronously (so launch order is deterministic), settles the entries. */
  send: (entries: LedgerEntry[]) => Promise<void>;
  commit: (evenIfEmpty: boolean) => Promise<void>;
}

export class SendPipeline {
  private readonly inFlight = new Set<Promise<void>>();
  private commits: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;

  constructor(private readonly options: SendPipelineOptions) {}

  /** Waits for a free slot, then launches the send; resolves once launched, not once answered. */
  async start(entries: LedgerEntry[]): Promise<void> {
    while (this.inFlight.size >= this.options.maxInFlight) await Promise.race(this.inFlight);
    this.throwIfFailed();
    const tracked: Promise<void> = this.options
      .send(entries)
      .then(() => this.commit(false))
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  /** Queues a commit behind any running one. */
  commit(evenIfEmpty: boolean): Promise<void> {
    const next = this.commits.then(() => this.options.commit(evenIfEmpty));
    // The chain survives a failed commit; the failure itself reaches the caller of this commit.
    this.commits = next.catch(() => undefined);
    return next;
  }

  /** Waits for every send and its commit; rethrows the first failure. */
  async drain(): Promise<void> {
    await Promise.all(this.inFlight);
    this.throwIfFailed();
  }

  /** After a failure elsewhere: lets in-flight sends finish (or fail) without throwing. */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    await this.commits;
  }

  throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
