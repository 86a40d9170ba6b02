/**
 * The execute half: stream learners in key order (one batch read ahead), aggregate each batch with
 * a constant number of statements, classify, send full batches of 100 as soon as they fill, and
 * commit the settled prefix (cursor included) after every send and every database batch. Dry and live runs share
 * every line of this loop; only `sendBatch` (no client → no HTTP) and the contact_state write differ.
 */
import { countLearners } from "@/lib/db/learners/read-learner-page";
import { completeRunSelection } from "@/lib/db/capture/complete-run-selection";
import {
  countUnsendableNotSelected,
  readUnsendableNotSelected,
  rebuildLearnerIndex,
} from "@/lib/db/capture/learner-index";
import { prepareRunSelection } from "@/lib/db/capture/prepare-run-selection";
import { readQuotaEstimate } from "@/lib/db/capture/estimate-quota-days";
import type { RunSelection } from "@/lib/db/capture/run-selection";
import { readBatchInputs, type BatchInputs } from "@/lib/db/learners/read-batch-inputs";
import type { Database } from "@/lib/db/queryable";
import { classifyLearner, type ClassifyContext } from "../plan/classify-learner";
import { closeRun, setRunPhase } from "../runs/close-run";
import { commitSettled, recordConfirmedAhead, type CallStats, type SettledCounts } from "../runs/commit-settled";
import { DailyQuotaGuard } from "./daily-quota-guard";
import { MAX_UPSERT_INPUTS, requiredPropertyDefinitions, type SyncHubSpotClient } from "@/lib/sync/hubspot-port";
import type { LevelPlan } from "@/lib/db/levels/plan-levels";
import { prepareProperties, type PreparedProperties } from "../plan/prepare-properties";
import { resolveEmailDuplicates } from "../plan/resolve-email-duplicates";
import { RunEmailClaims } from "../plan/run-email-claims";
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

/** What a live run with nothing to classify uses instead of a property plan: nothing withheld. */
const NO_PROPERTIES: Pick<PreparedProperties, "items" | "withheld"> = { items: [], withheld: new Set() };

/** Both results, or the first failure once neither is still running (no query left behind on the pool). */
async function settleBoth<A, B>(first: Promise<A>, second: Promise<B>): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled([first, second]);
  if (a.status === "rejected") throw a.reason;
  if (b.status === "rejected") throw b.reason;
  return [a.value, b.value];
}

/** What classifies every batch of the run; each batch adds the emails claimed on it (RunEmailClaims). */
type RunClassifyContext = Omit<ClassifyContext, "claimedEmails">;

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
  /** The learner index rebuilt from the whole view, resolving to the learner total (lib/db/capture/learner-index.ts). */
  private learnerIndexRebuild: Promise<number> | null = null;
  /** HubSpot's daily quota: checked before each write batch; a pause for it stops the run (daily-quota-guard.ts). */
  private quota: DailyQuotaGuard | null = null;
  /** Write batches launched, and the run's calls when the first was checked: what the quota counts before answers arrive. */
  private launchedWrites = 0;
  private callsBeforeWrites: number | null = null;

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
    try {
      return await this.executeRun();
    } finally {
      // Never leave the learner index rebuild running behind the caller (it may end the pool next).
      await this.learnerIndexRebuild?.catch(() => undefined);
    }
  }

  private async executeRun(): Promise<SyncResult> {
    const { db, run, plan } = this.input;
    this.quota = await DailyQuotaGuard.open(db, run.id, this.input.hubspot, Date.now);
    await this.enterPhase("properties");
    this.selection = await prepareRunSelection(db, run, plan);
    // A chain that compares every learner rebuilds the learner index beside its stream: nothing
    // reads the index before the chain ends, and the first sends need not wait for it.
    if (this.selection.learnerSource === "compare" && this.selection.selectionRunId === run.id) {
      this.learnerIndexRebuild = rebuildLearnerIndex(db, plan.aggregation);
      this.learnerIndexRebuild.catch(() => undefined);
    }
    const remaining = await countLearners(db, plan.aggregation, run.cursorUserId, this.selection);
    this.total = run.chainProcessed + (this.input.limit === null ? remaining : Math.min(remaining, this.input.limit));
    // The portal is read (dry runs never write to it) and the duplicate groups are found side by
    // side; a live run with no learner to classify needs neither (no payload to build, nothing to
    // create before it), so a run after no change makes no HubSpot call.
    const prepared = await settleBoth(
      this.isLive && remaining === 0
        ? Promise.resolve(NO_PROPERTIES)
        : prepareProperties(db, run.id, this.input.hubspot, run.mode, plan.enabledLevels),
      resolveEmailDuplicates(db, plan.aggregation, plan.settings.completionMilestoneKey, this.selection),
    ).catch((error: unknown) => {
      // The day's quota was spent before this run could read the portal: pause, nothing sent.
      if (this.isLive && this.quota?.noteRefusal(error)) return null;
      throw error;
    });
    if (!prepared) return this.finish("daily_quota", []);
    const [properties, duplicateLosers] = prepared;
    await this.enterPhase("syncing");
    const context: RunClassifyContext = {
      levels: run.levels,
      enabledLevels: plan.enabledLevels,
      withheld: properties.withheld,
      isFull: run.isFull,
      duplicateLosers,
    };
    // Emails claimed by this run live in the database, not in a map as large as the run (flat memory).
    const emailClaims = new RunEmailClaims(db, run.id);
    let stop = await this.stream(context, emailClaims);
    await emailClaims.release();
    // A partly filled batch is sent when the stream ended. Past a time budget (or an abort) it
    // waits: its learners stay after the cursor and the next invocation sends them, so no write
    // starts after the budget and only the calls already in flight are awaited; except when this
    // invocation has written nothing yet, so that every invocation makes progress.
    // Never past the daily quota: what does not fit waits after the cursor for the next day.
    if (stop !== "daily_quota" && (stop === "end" || stop === "limit" || this.writeCalls === 0)) {
      for (
        let batch = this.ledger.takeBatch(MAX_UPSERT_INPUTS, true);
        batch && (await this.mayLaunchWrite());
        batch = this.ledger.takeBatch(MAX_UPSERT_INPUTS, true)
      )
        await this.pipeline.start(batch);
    }
    await this.pipeline.drain();
    await this.pipeline.commit(false);
    if (this.quota?.quotaPause) stop = await this.stopForQuota();
    // Only a run that saw every learner knows who left the view.
    if (stop === "end") {
      await this.clearRemoved(plan).catch((error: unknown) => {
        if (!this.quota?.noteRefusal(error)) throw error;
        stop = "daily_quota";
      });
    }
    return this.finish(stop, properties.items);
  }

  private async stream(context: RunClassifyContext, emailClaims: RunEmailClaims): Promise<StopReason> {
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
      const claimedEmails = await emailClaims.forBatch(learners).catch(async (error: unknown) => {
        await next?.catch(() => undefined);
        throw error;
      });
      const batchContext: ClassifyContext = { ...context, claimedEmails };
      for (const learner of learners) {
        this.ledger.add(
          classifyLearner(learner, metrics.get(learner.userId), states.get(learner.userId), batchContext),
        );
      }
      this.classified += learners.length;
      let hasLaunched = false;
      for (
        let batch = this.ledger.takeBatch(MAX_UPSERT_INPUTS, false);
        batch;
        batch = this.ledger.takeBatch(MAX_UPSERT_INPUTS, false)
      ) {
        // A batch the quota refuses stays unsettled: the cursor stops before it and the next day sends it.
        if (!(await this.mayLaunchWrite())) break;
        await this.pipeline.start(batch);
        hasLaunched = true;
      }
      // Commit what is settled (unchanged and invalid learners), and keep the heartbeat fresh on
      // batches that send nothing; sends commit their own rows when HubSpot answers.
      await this.pipeline.commit(!hasLaunched);
      this.pipeline.throwIfFailed();
      const stop: StopReason | null = this.quota?.quotaPause
        ? "daily_quota"
        : isLast
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
    let calls: number;
    try {
      calls = await sendBatch(body, entries, hubspot);
    } catch (error) {
      // 429 DAILY: the batch was not accepted; its rows stay unsettled and are sent after the reset.
      if (this.quota?.noteRefusal(error)) return;
      throw error;
    }
    if (this.isLive) this.writeCalls += Math.max(0, calls - 1);
  }

  /**
   * Whether the next write batch fits today's HubSpot quota (live runs); once it does not, the run
   * launches nothing more and pauses (docs/ARCHITECTURE.md, "Daily quota").
   */
  private async mayLaunchWrite(): Promise<boolean> {
    if (!this.isLive || !this.quota) return true;
    const isAllowed = await this.quota.allowsNextCall(() => {
      this.callsBeforeWrites ??= this.callStats().apiCalls;
      return Math.max(this.callStats().apiCalls, this.callsBeforeWrites + this.launchedWrites);
    });
    if (isAllowed) this.launchedWrites += 1;
    return isAllowed;
  }

  /** After the sends in flight settled at a quota pause: keeps what HubSpot confirmed behind the refused batch. */
  private async stopForQuota(): Promise<StopReason> {
    await recordConfirmedAhead(this.input.db, {
      runId: this.input.run.id,
      entries: this.ledger.confirmedAhead(),
      leaseToken: this.input.lease.token,
    }).catch((error: unknown) => {
      throw error instanceof SyncRunLostError ? this.input.lease.lose(error) : error;
    });
    return "daily_quota";
  }

  /** The learner total of the rebuild this invocation started; null when none (or it failed: capture then stays untrusted). */
  private async rebuiltLearnerTotal(): Promise<number | null> {
    return this.learnerIndexRebuild ? await this.learnerIndexRebuild.catch(() => null) : null;
  }

  /** Learners in scope a change-capture run skipped, and how many are not sendable (see runOutcome); 0 on full passes. */
  private async countNotRead(stop: StopReason): Promise<{ unchangedNotRead: number; unsendableNotRead: number }> {
    const selection = this.selection;
    if (selection?.mode !== "changed" || stop !== "end") return { unchangedNotRead: 0, unsendableNotRead: 0 };
    const everyone =
      (await this.rebuiltLearnerTotal()) ??
      selection.learnerCount ??
      (await countLearners(this.input.db, this.input.plan.aggregation, null, null));
    // Comparing every learner reads every one HubSpot lacks; learner capture reads them once.
    const unsendable =
      selection.learnerSource === "capture"
        ? await countUnsendableNotSelected(this.input.db, selection.selectionRunId)
        : 0;
    return { unchangedNotRead: Math.max(0, everyone - this.total), unsendableNotRead: unsendable };
  }

  /** removed_learners = clear: empties the contacts of learners no longer synced, once (clear-removed-learners.ts). */
  private async clearRemoved(plan: LevelPlan): Promise<void> {
    const hubspot =
      this.isLive && this.input.hubspot ? bindCallSignal(this.input.hubspot, this.input.lease.signal) : null;
    const fallbackProperties = requiredPropertyDefinitions(plan.enabledLevels).map((definition) => definition.name);
    this.removed = await clearRemovedLearners(this.input.db, {
      levels: plan.aggregation,
      runId: this.input.run.id,
      leaseToken: this.input.lease.token,
      hubspot,
      isLive: this.isLive,
      fallbackProperties,
      selectionRunId: this.selection?.hasRemovedInSelection ? this.selection.selectionRunId : null,
    });
    this.writeCalls += this.removed.writeCalls;
    for (const body of this.removed.batches) {
      if (this.keepsPlanInMemory) this.batches.push(body);
      await this.planWriter?.add(body);
    }
    if (this.keepsPlanInMemory) this.issues.push(...this.removed.issues);
    // A stored preview lists them too (dry runs only; a live run recorded them as it cleared).
    await this.planWriter?.addIssues(this.removed.issues);
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
      usage: this.quota?.usageDay() ?? null,
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

  /**
   * A dry run on change capture did not re-read learners whose email cannot be sent; their standing
   * issues (crm_sync.learner_issues) still belong in the preview, as a full comparison would list them.
   * Paged, so the preview's memory stays flat.
   */
  private async addStandingIssues(stop: StopReason): Promise<void> {
    const selection = this.selection;
    if (this.isLive || stop !== "end" || selection?.mode !== "changed" || selection.learnerSource !== "capture") return;
    let after: { userId: string; kind: string } | null = null;
    for (;;) {
      const page = await readUnsendableNotSelected(this.input.db, selection.selectionRunId, after, 1000);
      if (page.length === 0) return;
      if (this.keepsPlanInMemory) this.issues.push(...page);
      await this.planWriter?.addIssues(page);
      const last = page.at(-1)!;
      after = { userId: last.userId, kind: last.kind };
      if (page.length < 1000) return;
    }
  }

  private async finish(stop: StopReason, propertyPlan: DryRunDocument["propertyPlan"]): Promise<SyncResult> {
    this.phase = "done";
    await this.addStandingIssues(stop);
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
      ...(await this.countNotRead(stop)),
      quotaPause: this.quota?.quotaPause ?? null,
    });
    if (!this.isLive) {
      // The dry run's planning estimate: a sync larger than what is left of today's quota is spread over days.
      await this.quota?.checkTimeZone();
      const calls = this.planWriter?.batchCount ?? this.batches.length;
      const estimate = await readQuotaEstimate(
        this.input.db,
        { calls, toSend: outcome.result.summary.toUpsert },
        Date.now(),
      );
      outcome.message = `${outcome.message} ${estimate.message}`;
      outcome.result.message = outcome.message;
    }
    if (this.selection) {
      const { plan } = this.input;
      await this.rebuiltLearnerTotal();
      await completeRunSelection(this.input.db, {
        runId: this.input.run.id,
        mode: this.input.run.mode,
        selection: this.selection,
        isComplete: stop === "end",
        completionMilestoneKey: plan.settings.completionMilestoneKey,
        enabledLevels: plan.aggregation,
        removedPolicy: this.removed?.policy ?? null,
      });
    }
    await this.planWriter?.finish(propertyPlan, outcome.result.summary);
    const removed = this.removed;
    if (removed && removed.cleared + removed.failed > 0) {
      const clearing = this.isLive
        ? `${removed.cleared} removed learner(s) cleared and forgotten`
        : `${removed.cleared} removed learner(s) to clear`;
      outcome.message += ` ${clearing}${removed.failed > 0 ? `, ${removed.failed} could not be cleared (retried next run)` : ""}.`;
      outcome.result.message = outcome.message;
    }
    const pause = stop === "daily_quota" ? (this.quota?.quotaPause ?? null) : null;
    await closeRun(this.input.db, this.input.run.id, outcome.status, outcome.message, stats, this.input.lease.token, {
      stopReason: stop,
      usage: this.quota?.usageDay() ?? null,
      resumeAfter: pause?.resumeAfter ?? null,
      resumeTimeZone: pause?.timeZone ?? null,
    });
    return outcome.result;
  }
}
