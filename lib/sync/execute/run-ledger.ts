/**
 * The in-memory ledger between "learner processed" and "recorded in the database". Learners enter
 * in key order; contacts to upsert wait in a send queue so HubSpot batches fill up to 100 across
 * database batches (a re-sync where 1% changed costs ⌈changed/100⌉ calls, not one call per batch).
 * Only a settled PREFIX is ever committed, so the persisted cursor always means "every learner up
 * to here is done": a crash never skips anyone, and at most the unconfirmed batch is sent again.
 */
import type { ContactInput } from "../plan/build-payload";
import type { SyncIssueKind } from "../sync-types";

export interface RecordedIssue {
  kind: SyncIssueKind;
  message: string;
  level: string | null;
  payload: ContactInput | null;
}

/** `upsert`: the learner is written (by email, or by id when `operation` says update). */
export type EntryOutcome = "unchanged" | "invalid" | "upsert";

/** How a written learner reaches HubSpot: batch/upsert by email, or batch/update by the recorded contact id (email changed, or resend requested). */
export type WriteOperation = "upsert" | "update";

export interface LedgerEntry {
  userId: string;
  email: string;
  outcome: EntryOutcome;
  /** The payload in its batch/upsert form (idProperty email): what is hashed and recorded, whatever the operation. */
  input: ContactInput | null;
  hash: string | null;
  issues: RecordedIssue[];
  /** Set for outcome "upsert". `contactId` is the recorded HubSpot id an update is sent to. */
  operation?: WriteOperation;
  contactId?: string | null;
  /** Set when an upsert has its answer; unchanged and invalid entries are settled from the start. */
  result: { ok: true; hubspotId: string | null } | { ok: false } | null;
}

export class RunLedger {
  private entries: LedgerEntry[] = [];
  private head = 0;
  /** One queue per endpoint: a HubSpot batch is all upserts or all updates. */
  private readonly queues: Record<WriteOperation, LedgerEntry[]> = { upsert: [], update: [] };

  add(entry: LedgerEntry): void {
    this.entries.push(entry);
    if (entry.outcome === "upsert") this.queues[entry.operation ?? "upsert"].push(entry);
  }

  get unsentCount(): number {
    return this.queues.upsert.length + this.queues.update.length;
  }

  /**
   * The next contacts to send, oldest first, all of one operation: a full batch when one is ready,
   * else (with `evenPartial`, at the end of a run) whatever waits, upserts first. They stay
   * unsettled until their answer arrives.
   */
  takeBatch(size: number, evenPartial: boolean): LedgerEntry[] | null {
    for (const operation of ["upsert", "update"] as const) {
      const queue = this.queues[operation];
      if (queue.length >= size || (evenPartial && queue.length > 0)) return queue.splice(0, size);
    }
    return null;
  }

  /** Removes and returns the longest run of settled entries at the front. */
  takeSettledPrefix(): LedgerEntry[] {
    const start = this.head;
    while (this.head < this.entries.length && this.isSettled(this.entries[this.head]!)) this.head += 1;
    const prefix = this.entries.slice(start, this.head);
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    return prefix;
  }

  /**
   * Rows HubSpot confirmed that wait behind an unsettled one (their batch was answered before an
   * earlier batch, which was then refused): not committable with the cursor, see recordConfirmedAhead.
   */
  confirmedAhead(): LedgerEntry[] {
    return this.entries.slice(this.head).filter((entry) => entry.outcome === "upsert" && entry.result?.ok === true);
  }

  get isEmpty(): boolean {
    return this.head >= this.entries.length;
  }

  private isSettled(entry: LedgerEntry): boolean {
    return entry.outcome !== "upsert" || entry.result !== null;
  }
}
