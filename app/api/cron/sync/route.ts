import { alertConfigFrom } from "@/lib/alerts/alert-config";
import { alertOnRunEnd } from "@/lib/alerts/alert-on-run-end";
import { serverEnv } from "@/lib/config/env";
import { runCronSync } from "@/lib/cron/run-cron-sync";
import { runCronVerify } from "@/lib/cron/run-cron-verify";
import { SYNC_TIME_BUDGET_MS } from "@/lib/cron/sync-time-budget";
import { cronJson, withCron } from "@/lib/cron/with-cron";
import { getSyncDependencies } from "@/lib/sync/execute/get-sync-dependencies";

/** Vercel stops the function here (= SYNC_FUNCTION_MAX_DURATION_S; a literal, as Next requires); vercel.json declares the same. */
export const maxDuration = 300;

export const dynamic = "force-dynamic";

/**
 * Vercel Cron: GET with `Authorization: Bearer $CRON_SECRET`. Starts a sync or continues the paused
 * one; `?mode=verify` (an optional second cron entry) reads HubSpot back instead, under the same
 * time budget, continuing a verify that paused.
 */
export const GET = withCron(
  async (request) => {
    const mode = new URL(request.url).searchParams.get("mode") ?? "sync";
    if (mode !== "sync" && mode !== "verify")
      return cronJson(400, { ok: false, error: "invalid_mode", message: "mode must be sync (default) or verify." });
    const deps = getSyncDependencies();
    if (mode === "verify") {
      const verified = await runCronVerify(deps, { timeBudgetMs: SYNC_TIME_BUDGET_MS });
      return cronJson(verified.status, verified.body);
    }
    const outcome = await runCronSync(deps, { timeBudgetMs: SYNC_TIME_BUDGET_MS });
    // Runs this invocation ran (finished, paused or failed); "already running" belongs to someone else.
    const body = outcome.body;
    const runId = body.ok || body.error === "run_failed" ? body.runId : null;
    if (runId !== null) {
      await alertOnRunEnd(deps.pool, runId, alertConfigFrom(serverEnv())).catch((error: unknown) => {
        console.error(
          `[cron] run #${runId}: the alert could not be posted:`,
          error instanceof Error ? error.message : String(error),
        );
      });
    }
    return cronJson(outcome.status, outcome.body);
  },
  { getSecret: () => serverEnv().CRON_SECRET },
);
