/** The sync engine's public surface: what the app, the cron route, the CLI and the benchmark call. */
export { beginSync, runSync, startLiveRunInBackground, DEFAULT_BATCH_SIZE, DEFAULT_MAX_CONCURRENT_BATCHES, DEFAULT_STALE_AFTER_MS, type BegunSync } from "./run-sync";
export { planLevels, planSync, selectLevels, type LevelPlan, type SyncPlan } from "./plan-sync";
export { getRun, getRunProgress, listRunErrors, listRuns, type Page, type RunDetail, type RunErrorRecord, type RunProgress } from "./read-runs";
export { createSyncDependencies, parseSyncEnv, type SyncDependencies, type SyncEnv } from "./create-sync-dependencies";
export { SyncAlreadyRunningError, SyncConfigurationError, SyncRunFailedError, SyncRunLostError } from "./sync-errors";
export { RUN_STATUSES, type RunRecord, type RunStatus } from "./run-row";
export type * from "./sync-types";
export type { DiscoveredLevel, DiscoveryReport, TableReport } from "@/lib/db/discover-levels";
export type { LevelSetting, SyncSettings } from "@/lib/db/sync-level-settings";
