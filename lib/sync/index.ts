/** The sync engine's public surface: what the app, the cron route, the CLI and the benchmark call. */
export {
  beginSync,
  claimSync,
  runSync,
  DEFAULT_BATCH_SIZE,
  DEFAULT_MAX_CONCURRENT_BATCHES,
  DEFAULT_STALE_AFTER_MS,
  type BegunSync,
  type ClaimedSync,
} from "./run-sync";
export { planSync, selectLevels, type SyncPlan } from "./plan/plan-sync";
export { readLevelPlan, registerAndPlanLevels, type LevelPlan } from "@/lib/db/levels/plan-levels";
export {
  getLatestLiveRun,
  getRun,
  getRunProgress,
  listRunErrors,
  listRuns,
  type Page,
  type RunDetail,
  type RunErrorRecord,
  type RunProgress,
} from "./runs/read-runs";
export {
  createSyncDependencies,
  parseSyncEnv,
  type SyncDependencies,
  type SyncEnv,
} from "./execute/create-sync-dependencies";
export {
  SyncAlreadyRunningError,
  SyncConfigurationError,
  SyncPreviewRunningError,
  SyncRunFailedError,
  SyncRunLostError,
  SyncQuotaWaitError,
} from "./sync-errors";
export { RUN_STATUSES, type RunRecord, type RunStatus } from "./runs/run-row";
export type * from "./sync-types";
export type { DiscoveredLevel, DiscoveryReport, TableReport } from "@/lib/db/levels/discover-levels";
export type { LevelSetting, SyncSettings } from "@/lib/db/levels/level-settings";
export { readSyncHealth } from "./runs/read-sync-health";
export { verifyHubSpot, type VerifyDocument, type VerifyOptions, type VerifyResult } from "./verify/verify-hubspot";
export type { VerifyDifference } from "./verify/compare-contact";
export { resendLearner, type ResendOutcome } from "./verify/resend-learner";
