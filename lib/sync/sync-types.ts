/** Public shapes of the sync engine: options in, progress out, results (docs/ARCHITECTURE.md, "Dry-run document"). */
import type { PropertyAction } from "@/lib/contracts/property-actions";
import type { RunTrigger } from "@/lib/contracts/runs";
import type { Database } from "@/lib/db/queryable";
import type { ContactInput } from "./plan/build-payload";
import type { SyncHubSpotClient } from "./hubspot-port";
import type { RunStatus } from "./runs/run-row";

export type SyncMode = "dry_run" | "live";
export type SyncTrigger = RunTrigger;

export interface SyncActor {
  /** auth.users id of the staff member, when a person started it. */
  id?: string;
  /** Shown in history and in "already running" messages: an email, "cron", "cli (hostname)". */
  label: string;
}

export type SyncPhase = "planning" | "properties" | "syncing" | "done";

export interface SyncProgress {
  runId: number;
  mode: SyncMode;
  phase: SyncPhase;
  /** Learners handled by the whole chain (continued runs included; this invocation's may still wait
   * for their HubSpot batch to fill) and the chain's total. The run row's chain_processed counts committed ones. */
  processed: number;
  total: number;
  /** This invocation's counts. */
  upserted: number;
  unchanged: number;
  invalid: number;
  failed: number;
  writeCalls: number;
  elapsedMs: number;
}

export interface SyncOptions {
  pool: Database;
  hubspot: SyncHubSpotClient | null;
  mode: SyncMode;
  /** Send every learner even when its payload hash is unchanged. */
  full?: boolean;
  /** Subset of the enabled levels whose per-level properties are sent (globals always use all enabled levels). */
  levels?: string[];
  /** Process at most this many learners in this invocation, then finish. */
  limit?: number;
  trigger: SyncTrigger;
  actor: SyncActor;
  /** Stop cleanly after the batch during which this much time has passed; the run stays resumable. Live runs only. */
  timeBudgetMs?: number;
  /** Learners per database batch (default 500). */
  batchSize?: number;
  onProgress?: (progress: SyncProgress) => void;
  /** Aborting stops cleanly after the current batch, like an exhausted time budget. */
  signal?: AbortSignal;
  /** Schema holding the level tables (SOURCE_SCHEMA), default "public". */
  sourceSchema?: string;
  /** A running live run whose heartbeat is older than this is taken over (default 900 000; derived in runs/run-lease.ts). */
  staleAfterMs?: number;
  /** How often the run's lease is renewed while it runs (default 15 000); keep it well under staleAfterMs / 2. */
  heartbeatIntervalMs?: number;
  /** batch/upsert calls in flight at once (default 3): enough to fill the rate budget at ~100–300 ms
   * latency; after a crash at most this many batches are sent again. */
  maxConcurrentBatches?: number;
  /** Dry runs always store their plan in the database (lib/sync/preview); true (the default) also
   * keeps it in memory for `DryRunResult.document`. Pass false at scale: the document then has
   * empty `batches` and `issues`, and the stored plan is read page by page. */
  keepPlanInMemory?: boolean;
  /** Live: the owner token to claim the run with (default a random one); see runs/claim-run.ts. */
  leaseToken?: string;
  /** Live: claim only as the continuation of this run, or start nothing (runs/claim-run.ts). */
  continueRunId?: number;
}

export type SyncIssueKind =
  | "missing_email"
  | "invalid_email"
  | "duplicate_email"
  | "data_warning"
  | "invalid_value"
  | "unknown_property"
  /** HubSpot refused: another contact holds this email or learner_id (409); nothing was written to either contact. */
  | "email_conflict"
  /** A learner who left the learners view had their synced properties cleared (removed_learners = clear); not an error. */
  | "removed_cleared"
  | "rejected";

export interface SyncIssue {
  userId: string;
  /** Normalised; "" for a `missing_email` learner (the message names its user id). */
  email: string;
  kind: SyncIssueKind;
  message: string;
}

export interface PropertyPlanItem {
  name: string;
  type: string;
  fieldType: string;
  groupName: string;
  action: PropertyAction;
}

/** A batch/upsert body (by email). */
export interface UpsertBody {
  operation?: "upsert";
  inputs: ContactInput[];
}

/** batch/update by HubSpot record id: email changes, resends, clearing removed learners. */
export interface UpdateInput {
  id: string;
  properties: Record<string, string>;
}

/** In the dry-run document a batch/update carries `operation: "update"`; its `inputs` are exactly what is POSTed. */
export interface UpdateBody {
  operation: "update";
  inputs: UpdateInput[];
}

export type SyncBatchBody = UpsertBody | UpdateBody;

/** docs/ARCHITECTURE.md, "Dry-run document", exactly: `batches` are the bodies a live run would POST. */
export interface DryRunDocument {
  mode: "dry_run";
  levels: string[];
  propertyPlan: PropertyPlanItem[];
  summary: { learners: number; toUpsert: number; unchanged: number; invalid: number };
  batches: SyncBatchBody[];
  issues: SyncIssue[];
}

export interface RunSummary {
  learners: number;
  toUpsert: number;
  upserted: number;
  unchanged: number;
  invalid: number;
  failed: number;
  warnings: number;
}

interface ResultBase {
  runId: number;
  status: RunStatus;
  levels: string[];
  summary: RunSummary;
  /**
   * Learners this run actually read and re-aggregated. Equal to summary.learners on a full pass;
   * with change capture only the changed ones (summary counts the rest as unchanged).
   */
  learnersRead: number;
  /** Stopped at a batch boundary (time budget / abort / daily quota): call again to continue. */
  continuing: boolean;
  /**
   * Paused because HubSpot's daily quota is used up: no live run starts before `resumesAt`
   * (midnight in the account's `timeZone`; docs/ARCHITECTURE.md, "Daily quota").
   */
  quotaPause?: { resumesAt: string; timeZone: string };
  resumedFromRunId: number | null;
  writeCalls: number;
  apiCalls: number;
  rateLimited: number;
  retries: number;
  durationMs: number;
  message: string;
}

export interface DryRunResult extends ResultBase {
  mode: "dry_run";
  document: DryRunDocument;
}

export interface LiveRunResult extends ResultBase {
  mode: "live";
}

export type SyncResult = DryRunResult | LiveRunResult;
