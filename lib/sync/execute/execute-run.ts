/**
 * The execute half: stream learners in key order (one batch read ahead), aggregate each batch with
 * a constant number of statements, classify, send full batches of 100 as soon as they fill, and
 * commit the settled prefix (cursor included) after every send and every database batch. Dry and live runs share
 * every line of this loop; only `sendBatch` (no client → no HTTP) and the contact_state write differ.
 */
import { countLearners } from "@/lib/db/learners/read-learner-page";
import { completeRunSelection } from "@/lib/db/capture/complete-run-selection";
import { prepareRunSelection } from "@/lib/db/capture/prepare-run-selection";
import { readQuotaEstimate } from "@/lib/db/capture/estimate-quota-days";
import type { RunSelection } from "@/lib/db/capture/run-selection";
import { readBatchInputs, type BatchInputs } from "@/lib/db/learners/read-batch-inputs";
import type { Database } from "@/lib/db/queryable";
import { classifyLearner, type ClassifyContext } from "../plan/classify-learner";
import { closeRun, setRunPhase } from "../runs/close-run";
import { commitSettled, type CallStats, type SettledCounts } from "../runs/commit-settled";
import { MAX_UPSERT_INPUTS, requiredPropertyDefinitions, type SyncHubSpotClient } from "@/lib/sync/hubspot-port";
import type { LevelPlan } from "@/lib/db/levels/plan-levels";
import { prepareProperties } from "../plan/prepare-properties";
import { resolveEmailDuplicates } from "../plan/resolve-email-duplicates";
import { RunLedger, type LedgerEntry } from "./run-ledger";
import type { RunRecord } from "../runs/run-row";
import { runOutcome, type StopReason } from "../runs/run-outcome";
import { buildBatchBody, sendBatch } from "./send-batch";
import { bindCallSignal } from "./bind-call-signal";
import type { RunLease } from "../runs/run-lease";
import { SyncRunLostError } from "../sync-errors";
import { SendPipeline } from "./send-pipeline";
import { clearRemovedLearners, type ClearRemovedOutcome } from "./clear-removed-learners";
import { PreviewPlanWriter } from "../preview/store-preview-plan";
import type {
  DryRunDocument,
  SyncBatchBody,
  SyncIssue,
  SyncMode,
  SyncOptions,
  SyncPhase,
  SyncProgress,
  SyncResult,
} from "../sync-types";

/** A run row this loop can execute: verify runs (lib/sync/verify) are recorded in the same table but never executed here. */
export type SyncRunRecord = RunRecord & { mode: SyncMode };

export function asSyncRun(run: RunRecord): SyncRunRecord {
  if (run.mode === "verify") throw new Error(`Run #${run.id} is a verify run; it cannot be executed as a sync.`);
  return { ...run, mode: run.mode };
}

export interface ExecuteInput {
  db: Database;
  hubspot: SyncHubSpotClient | null;
  run: SyncRunRecord;
  plan: LevelPlan;
  batchSize: number;
  limit: number | null;
  deadline: number | null;
  signal: AbortSignal | undefined;
  onProgress: SyncOptions["onProgress"];
  maxConcurrentBatches: number;
  /** Fences every write of the run; losing it cancels the HubSpot writes in flight (runs/run-lease.ts). */
  lease: RunLease;
  /** Dry runs: also keep batches and issues in memory for the result's document (default true). */
  keepPlanInMemory?: boolean;
}

function emptyCounts(): SettledCounts {
  return { processed: 0, upserted: 0, unchanged: 0, failed: 0, invalid: 0, warnings: 0 };
}

export class RunExecution {
  private readonly ledger = new RunLedger();
  private readonly counts = emptyCounts();
  private readonly batches: SyncBatchBody[] = [];
  private readonly issues: SyncIssue[] = [];
  private readonly startedAt = Date.now();
  private readonly statsAtStart;
  private writeCalls = 0;
  /** Learners classified by this invocation (committed or still waiting in the send queue). */
  private classified = 0;
  private total = 0;
  private phase: SyncPhase = "planning";
  private readonly pipeline: SendPipeline;
  /** Which learners this run streams (all, or the changed ones): lib/db/capture. */
  private selection: RunSelection | null = null;
  /** What the removed-learners step did (null when it did not run). */
  private removed: ClearRemovedOutcome | null = null;
  /** Dry runs store their plan in the database as they go (lib/sync/preview). */
  private readonly planWriter: PreviewPlanWriter | null;

  constructor(private readonly input: ExecuteInput) {
    this.planWriter = this.isLive ? null : new PreviewPlanWriter(input.db, input.run.id);
    this.statsAtStart = { ...(input.hubspot?.stats ?? { requests: 0, rateLimited: 0, retries: 0 }) };
    this.pipeline = new SendPipeline({
      maxInFlight: this.isLive ? input.maxConcurrentBatches : 1,
      send: (entries) => this.send(entries),
      commit: (evenIfEmpty) => this.commit(evenIfEmpty),
    });
  }

  private get isLive(): boolean {
    return this.input.run.mode === "live";
  }

  private get keepsPlanInMemory(): boolean {
    return !this.isLive && this.input.keepPlanInMemory !== false;
  }

  callStats(): CallStats {
    const stats = this.input.hubspot?.stats;
    return {
      writeCalls: this.writeCalls,
      apiCalls: stats ? stats.requests - this.statsAtStart.requests : 0,
      rateLimited: stats ? stats.rateLimited - this.statsAtStart.rateLimited : 0,
      retries: stats ? stats.retries - this.statsAtStart.retries : 0,
    };
  }

  async execute(): Promise<SyncResult> {
    const { db, run, plan } = this.input;
    await this.enterPhase("properties");
    // Dry runs read the portal when a client is given, but never write to it.
    const properties = await prepareProperties(db, run.id, this.input.hubspot, run.mode, plan.enabledLevels);
    const duplicateLosers = await resolveEmailDuplicates(db, plan.aggregation, plan.settings.completionMilestoneKey);
    this.selection = await prepareRunSelection(db, run, plan);
    const remaining = await countLearners(db, run.cursorUserId, this.selection);
    this.total = run.chainProcessed + (this.input.limit === null ? remaining : Math.min(remaining, this.input.limit));
    await this.enterPhase("syncing");
    const context: ClassifyContext = {
      levels: run.levels,
      enabledLevels: plan.enabledLevels,
      withheld: properties.withheld,
      isFull: run.isFull,
      duplicateLosers,
      claimedEmails: new Map(),
    };
    const stop = await this.stream(context);
    // A partly filled batch is sent when the stream ended. Past a time budget (or an abort) it
    // waits: its learners stay after the cursor and the next invocation sends them, so no write
    // starts after the budget and only the calls already in flight are awaited; except when this
    // invocation has written nothing yet, so that every invocation makes progress.
    if (stop === "end" || stop === "limit" || this.writeCalls === 0) {
      for (
        let batch = this.ledger.takeBatch(MAX_UPSERT_INPUTS, true);
        batch;
        batch = this.ledger.takeBatch(MAX_UPSERT_INPUTS, true)
      )
        await this.pipeline.start(batch);
    }
    await this.pipeline.drain();
    await this.pipeline.commit(false);
    // Only a run that saw every learner knows who left the view.
    if (stop === "end") await this.clearRemoved(plan.enabledLevels);
    return this.finish(stop, properties.items);
  }

  private async stream(context: ClassifyContext): Promise<StopReason> {
    const { batchSize, limit } = this.input;
    const sizeAfter = (fetched: number) => (limit === null ? batchSize : Math.min(batchSize, limit - fetched));
    let fetched = 0;
    let size = sizeAfter(0);
    let loading = this.readBatch(this.input.run.cursorUserId, size, context.isFull);
    for (;;) {
      const { learners, metrics, states } = await loading;
      if (learners.length === 0) return "end";
      fetched += learners.length;
      const isLast = learners.length < size;
      const nextSize = sizeAfter(fetched);
      // Read ahead: the next batch loads while this one is classified and sent.
      const next = !isLast && nextSize > 0 ? this.readBatch(learners.at(-1)!.userId, nextSize, context.isFull) : null;
      next?.catch(() => undefined);
      for (const learner of learners) {
        this.ledger.add(classifyLearner(learner, metrics.get(learner.userId), states.get(learner.userId), context));
      }
      this.classified += learners.length;
      let hasLaunched = false;
      for (
        let batch = this.ledger.takeBatch(MAX_UPSERT_INPUTS, false);
        batch;
        batch = this.ledger.takeBatch(MAX_UPSERT_INPUTS, false)
      ) {
        await this.pipeline.start(batch);
        hasLaunched = true;
      }
      // Commit what is settled (unchanged and invalid learners), and keep the heartbeat fresh on
      // batches that send nothing; sends commit their own rows when HubSpot answers.
      await this.pipeline.commit(!hasLaunched);
      this.pipeline.throwIfFailed();
      const stop: StopReason | null = isLast
        ? "end"
        : nextSize <= 0
          ? "limit"
          : this.input.signal?.aborted
            ? "aborted"
            : this.isLive && this.input.deadline !== null && Date.now() >= this.input.deadline
              ? "time_budget"
              : null;
      if (stop) {
        // Never leave a read-ahead query running behind the caller's back (it may end the pool next).
        await next?.catch(() => undefined);
        return stop;
      }
      loading = next!;
      size = nextSize;
    }
  }

  private readBatch(cursor: string | null, size: number, isFull: boolean): Promise<BatchInputs> {
    const { plan } = this.input;
    return readBatchInputs(this.input.db, {
      levels: plan.aggregation,
      completionMilestoneKey: plan.settings.completionMilestoneKey,
      cursor,
      size,
      isFull,
      selection: this.selection,
    });
  }

  private async send(entries: LedgerEntry[]): Promise<void> {
    const body = buildBatchBody(entries);
    if (this.keepsPlanInMemory) this.batches.push(body);
    await this.planWriter?.add(body);
    // Counted as the call starts, so progress shows it in flight; an update's fallback upsert adds one.
    if (this.isLive) this.writeCalls += 1;
    const hubspot =
      this.isLive && this.input.hubspot ? bindCallSignal(this.input.hubspot, this.input.lease.signal) : null;
    const calls = await sendBatch(body, entries, hubspot);
    if (this.isLive) this.writeCalls += Math.max(0, calls - 1);
  }

  /** removed_learners = clear: empties the contacts of learners who left the view, once (clear-removed-learners.ts). */
  /** Learners in scope that a change-capture run skipped (see runOutcome); 0 on full passes. */
  private async countUnchangedNotRead(stop: StopReason): Promise<number> {
    if (this.selection?.mode !== "changed" || stop !== "end") return 0;
    const everyone = await countLearners(this.input.db, null, null);
    return Math.max(0, everyone - this.total);
  }

  private async clearRemoved(enabledLevels: readonly string[]): Promise<void> {
    const hubspot =
      this.isLive && this.input.hubspot ? bindCallSignal(this.input.hubspot, this.input.lease.signal) : null;
    const fallbackProperties = requiredPropertyDefinitions(enabledLevels).map((definition) => definition.name);
    this.removed = await clearRemovedLearners(this.input.db, {
      runId: this.input.run.id,
      leaseToken: this.input.lease.token,
      hubspot,
      isLive: this.isLive,
      fallbackProperties,
    });
    this.writeCalls += this.removed.writeCalls;
    for (const body of this.removed.batches) {
      if (this.keepsPlanInMemory) this.batches.push(body);
      await this.planWriter?.add(body);
    }
    if (this.keepsPlanInMemory) this.issues.push(...this.removed.issues);
  }

  /** After a failure: waits for sends in flight and records what HubSpot confirmed so far. */
  async salvage(): Promise<void> {
    await this.pipeline.settle();
    await this.pipeline.commit(false);
  }

  /** Commits the settled prefix; with `evenIfEmpty` an empty prefix still refreshes the heartbeat. Only via the pipeline. */
  private async commit(evenIfEmpty: boolean): Promise<void> {
    const entries = this.ledger.takeSettledPrefix();
    if (entries.length === 0 && !evenIfEmpty) return;
    const { lease } = this.input;
    lease.throwIfLost();
    const counts = await commitSettled(this.input.db, {
      runId: this.input.run.id,
      entries,
      shouldWriteContactState: this.isLive,
      stats: this.callStats(),
      phase: this.phase,
      leaseToken: lease.token,
    }).catch((error: unknown) => {
      // Refused by the fence: the run is no longer ours, so stop the sends in flight as well.
      throw error instanceof SyncRunLostError ? lease.lose(error) : error;
    });
    for (const key of Object.keys(counts) as (keyof SettledCounts)[]) this.counts[key] += counts[key];
    if (this.keepsPlanInMemory) this.collectIssues(entries);
    this.report();
  }

  private collectIssues(entries: readonly LedgerEntry[]): void {
    for (const entry of entries) {
      for (const issue of entry.issues)
        this.issues.push({ userId: entry.userId, email: entry.email, kind: issue.kind, message: issue.message });
    }
  }

  private async enterPhase(phase: SyncPhase): Promise<void> {
    this.phase = phase;
    await setRunPhase(
      this.input.db,
      this.input.run.id,
      phase,
      this.input.lease.token,
      phase === "syncing" ? this.total : undefined,
    );
    this.report();
  }

  private report(): void {
    const progress: SyncProgress = {
      runId: this.input.run.id,
      mode: this.input.run.mode,
      phase: this.phase,
      processed: this.input.run.chainProcessed + this.classified,
      total: this.total,
      upserted: this.counts.upserted,
      unchanged: this.counts.unchanged,
      invalid: this.counts.invalid,
      failed: this.counts.failed,
      writeCalls: this.isLive ? this.writeCalls : (this.planWriter?.batchCount ?? 0),
      elapsedMs: Date.now() - this.startedAt,
    };
    this.input.onProgress?.(progress);
  }

  private async finish(stop: StopReason, propertyPlan: DryRunDocument["propertyPlan"]): Promise<SyncResult> {
    this.phase = "done";
    const stats = this.callStats();
    const outcome = runOutcome({
      run: this.input.run,
      stop,
      counts: this.counts,
      stats,
      limit: this.input.limit,
      durationMs: Date.now() - this.startedAt,
      batches: this.batches,
      batchCount: this.planWriter?.batchCount,
      issues: this.issues,
      propertyPlan,
      unchangedNotRead: await this.countUnchangedNotRead(stop),
    });
    if (!this.isLive) {
      // The dry run's planning estimate: a first sync larger than a day's quota is spread over days.
      const estimate = await readQuotaEstimate(this.input.db, outcome.result.summary.toUpsert);
      outcome.message = `${outcome.message} ${estimate.message}`;
      outcome.result.message = outcome.message;
    }
    if (this.selection) {
      const { plan } = this.input;
      await completeRunSelection(this.input.db, {
        runId: this.input.run.id,
        mode: this.input.run.mode,
        selection: this.selection,
        isComplete: stop === "end",
        completionMilestoneKey: plan.settings.completionMilestoneKey,
        enabledLevels: plan.enabledLevels,
      });
    }
    await this.planWriter?.finish(propertyPlan);
    const removed = this.removed;
    if (removed && removed.cleared + removed.failed > 0) {
      const clearing = this.isLive
        ? `${removed.cleared} removed learner(s) cleared and forgotten`
        : `${removed.cleared} removed learner(s) to clear`;
      outcome.message += ` ${clearing}${removed.failed > 0 ? `, ${removed.failed} could not be cleared (retried next run)` : ""}.`;
      outcome.result.message = outcome.message;
    }
    await closeRun(this.input.db, this.input.run.id, outcome.status, outcome.message, stats, this.input.lease.token);
    return outcome.result;
  }
}
