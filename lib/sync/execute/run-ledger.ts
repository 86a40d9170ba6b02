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

export type EntryOutcome = "unchanged" | "invalid" | "upsert";

export interface LedgerEntry {
  userId: string;
  email: string;
  outcome: EntryOutcome;
  input: ContactInput | null;
  hash: string | null;
  issues: RecordedIssue[];
  /** Set when an upsert has its answer; unchanged and invalid entries are settled from the start. */
  result: { ok: true; hubspotId: string | null } | { ok: false } | null;
}

export class RunLedger {
  private entries: LedgerEntry[] = [];
  private head = 0;
  private sendQueue: LedgerEntry[] = [];

  add(entry: LedgerEntry): void {
    this.entries.push(entry);
    if (entry.outcome === "upsert") this.sendQueue.push(entry);
  }

  get unsentCount(): number {
    return this.sendQueue.length;
  }

  /** The next contacts to send, oldest first. They stay unsettled until `settle`. */
  takeUnsent(count: number): LedgerEntry[] {
    return this.sendQueue.splice(0, count);
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

  get isEmpty(): boolean {
    return this.head >= this.entries.length;
  }

  private isSettled(entry: LedgerEntry): boolean {
    return entry.outcome !== "upsert" || entry.result !== null;
  }
}
