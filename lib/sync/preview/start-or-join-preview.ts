/**
 * "Preview payload" for any number of viewers: at most one dry run runs at a time (the database's
 * runs_one_dry_run index decides), and a preview asked for while one runs joins it instead of
 * starting another. Either way the caller waits for that run to end and gets its id; the plan is
 * read from the database a page at a time (read-preview.ts), never returned whole.
 */
import { beginSync } from "../run-sync";
import { SyncConfigurationError, SyncPreviewRunningError } from "../sync-errors";
import type { SyncOptions } from "../sync-types";
import { waitForRunEnd } from "./wait-for-run-end";

export type PreviewRequest = Pick<SyncOptions, "pool" | "hubspot" | "sourceSchema" | "actor" | "levels"> & {
  trigger?: SyncOptions["trigger"];
  /** How often a joined preview checks whether the running one ended (default 500 ms). */
  pollMs?: number;
};

export interface PreviewRun {
  runId: number;
  /** True when this request joined a preview someone else started. */
  joined: boolean;
}

function sameLevels(requested: readonly string[] | undefined, running: readonly string[]): boolean {
  if (!requested || requested.length === 0) return true;
  return [...requested].sort().join(",") === [...running].sort().join(",");
}

export async function startOrJoinPreview(request: PreviewRequest): Promise<PreviewRun> {
  try {
    const begun = await beginSync({
      pool: request.pool,
      hubspot: request.hubspot,
      sourceSchema: request.sourceSchema,
      actor: request.actor,
      levels: request.levels,
      mode: "dry_run",
      trigger: request.trigger ?? "ui",
      keepPlanInMemory: false,
    });
    await begun.execute();
    return { runId: begun.runId, joined: false };
  } catch (error) {
    if (!(error instanceof SyncPreviewRunningError)) throw error;
    if (!sameLevels(request.levels, error.owner.levels)) {
      throw new SyncConfigurationError(
        `${error.message} It covers ${error.owner.levels.join(", ")}, not the levels asked for.`,
      );
    }
    await waitForRunEnd(request.pool, error.owner.runId, { pollMs: request.pollMs ?? 500 });
    return { runId: error.owner.runId, joined: true };
  }
}
