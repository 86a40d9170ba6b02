/**
 * The execute half: stream learners in key order (one batch read ahead), aggregate each batch with
 * a constant number of statements, classify, send full batches of 100 as soon as they fill, and
 * commit the settled prefix (cursor included) after every send and every database batch. Dry and live runs share
 * every line of this loop; only `sendBatch` (no client → no HTTP) and the contact_state write differ.
 */
import { countLearners } from "@/lib/db/learners/read-learner-page";
import { readBatchInputs, type BatchInputs } from "@/lib/db/learners/read-batch-inputs";
import type { Database } from "@/lib/db/queryable";
import { classifyLearner, type ClassifyContext } from "../plan/classify-learner";
import { closeRun, setRunPhase } from "../runs/close-run";
import { commitSettled, type CallStats, type SettledCounts } from "../runs/commit-settled";
import { MAX_UPSERT_INPUTS, type SyncHubSpotClient } from "@/lib/sync/hubspot-port";
import type { LevelPlan } from "@/lib/db/levels/plan-levels";
import { prepareProperties } from "../plan/prepare-properties";
import { resolveEmailDuplicates } from "../plan/resolve-email-duplicates";
import { RunLedger, type LedgerEntry } from "./run-ledger";
import type { RunRecord } from "../runs/run-row";
import { runOutcome, type StopReason } from "../runs/run-outcome";
import { buildUpsertBody, sendBatch } from "./send-batch";
import { SendPipeline } from "./send-pipeline";
import type { DryRunDocument, SyncIssue, SyncOptions, SyncPhase, SyncProgress, SyncResult, UpsertBody } from "../sync-types";

export interface ExecuteInput {
  db: Database;
  hubspot: SyncHubSpotClient | null;
  run: RunRecord;
  plan: LevelPlan;
  batchSize: number;
  limit: number | null;
  deadline: number | null;
  signal: AbortSignal | undefined;
  onProgress: SyncOptions["onProgress"];
  maxConcurrentBatches: number;
}

function emptyCounts(): SettledCounts {
  return { processed: 0, upserted: 0, unchanged: 0, failed: 0, invalid: 0, warnings: 0 };
}

export class RunExecution {
  private readonly ledger = new RunLedger();
  private readonly counts = emptyCounts();
  private readonly batches: UpsertBody[] = [];
  private readonly issues: SyncIssue[] = [];
  private readonly startedAt = Date.now();
  private readonly statsAtStart;
  private writeCalls = 0;
  /** Learners classified by this invocation (committed or still waiting in the send queue). */
  private classified = 0;
  private total = 0;
  private phase: SyncPhase = "planning";
  private readonly pipeline: SendPipeline;

  constructor(private readonly input: ExecuteInput) {
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
    const remaining = await countLearners(db, run.cursorUserId);
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
    while (this.ledger.unsentCount > 0) await this.pipeline.start(this.ledger.takeUnsent(MAX_UPSERT_INPUTS));
    await this.pipeline.drain();
    await this.pipeline.commit(false);
    return this.finish(stop, properties.items);
  }

  private async stream(context: ClassifyContext): Promise<StopReason> {
    const { batchSize, limit } = this.input;
    const sizeAfter = (fetched: number) => (limit === null ? batchSize : Math.min(batchSize, limit - fetched));
    let fetched = 0;
    let size = sizeAfter(0);
    let loading = this.readBatch(this.input.run.cursorUserId, size, context.isFull);
    for (;;) {
      const { learners, metrics, hashes } = await loading;
      if (learners.length === 0) return "end";
      fetched += learners.length;
      const isLast = learners.length < size;
      const nextSize = sizeAfter(fetched);
      // Read ahead: the next batch loads while this one is classified and sent.
      const next = !isLast && nextSize > 0 ? this.readBatch(learners.at(-1)!.userId, nextSize, context.isFull) : null;
      next?.catch(() => undefined);
      for (const learner of learners) {
        this.ledger.add(classifyLearner(learner, metrics.get(learner.userId), hashes.get(learner.userId), context));
      }
      this.classified += learners.length;
      let hasLaunched = false;
      while (this.ledger.unsentCount >= MAX_UPSERT_INPUTS) {
        await this.pipeline.start(this.ledger.takeUnsent(MAX_UPSERT_INPUTS));
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
    return readBatchInputs(this.input.db, { levels: plan.aggregation, completionMilestoneKey: plan.settings.completionMilestoneKey, cursor, size, isFull });
  }

  private send(entries: LedgerEntry[]): Promise<void> {
    const body = buildUpsertBody(entries);
    if (this.isLive) this.writeCalls += 1;
    else this.batches.push(body);
    return sendBatch(body, entries, this.isLive ? this.input.hubspot : null);
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
    const counts = await commitSettled(this.input.db, {
      runId: this.input.run.id,
      entries,
      shouldWriteContactState: this.isLive,
      stats: this.callStats(),
      phase: this.phase,
    });
    for (const key of Object.keys(counts) as (keyof SettledCounts)[]) this.counts[key] += counts[key];
    if (!this.isLive) this.collectIssues(entries);
    this.report();
  }

  private collectIssues(entries: readonly LedgerEntry[]): void {
    for (const entry of entries) {
      for (const issue of entry.issues) this.issues.push({ userId: entry.userId, email: entry.email, kind: issue.kind, message: issue.message });
    }
  }

  private async enterPhase(phase: SyncPhase): Promise<void> {
    this.phase = phase;
    await setRunPhase(this.input.db, this.input.run.id, phase, phase === "syncing" ? this.total : undefined);
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
      writeCalls: this.isLive ? this.writeCalls : this.batches.length,
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
      issues: this.issues,
      propertyPlan,
    });
    await closeRun(this.input.db, this.input.run.id, outcome.status, outcome.message, stats);
    return outcome.result;
  }
}
