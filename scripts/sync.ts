/**
 * `npm run sync -- [--dry-run] [--full] [--verify] [--levels a1,b1] [--limit N] [--json] [--out FILE]`
 * The same engine as "Sync now" and the cron route. DATABASE_URL, else the local embedded
 * Postgres; HubSpot from HUBSPOT_ACCESS_TOKEN / HUBSPOT_BASE_URL. Ctrl-C stops after the current
 * batch and leaves the run resumable (a second Ctrl-C quits at once).
 * Exit codes: 0 done, 2 done with failed rows, 3 another sync is running, 1 anything else.
 */
import os from "node:os";
import { writeAudit } from "@/lib/audit/write-audit";
import { alertOnRunEnd } from "@/lib/alerts/alert-on-run-end";
import { alertConfigFromProcessEnv } from "@/lib/alerts/alert-config";
import { formatQuotaReset } from "@/lib/contracts/account-day";
import type { Queryable } from "@/lib/db/queryable";
import {
  createSyncDependencies,
  parseSyncEnv,
  runSync,
  SyncAlreadyRunningError,
  SyncPreviewRunningError,
  SyncRunFailedError,
} from "@/lib/sync";
import { formatCliError } from "@/scripts/lib/format-cli-error";
import { assertSafeLocalFallback, resolveDatabaseUrl } from "@/scripts/lib/local-stack";
import { parseSyncArgs, SYNC_USAGE, UsageError } from "./sync/parse-sync-args";
import { createProgressRenderer } from "./sync/render-progress";
import { writeCliOutput } from "./sync/write-cli-output";
import { runVerifyCli } from "./sync/run-verify-cli";

const EXIT = { ok: 0, failure: 1, failedRows: 2, alreadyRunning: 3 } as const;

/** A failed live run, or one with too many rejected rows, alerts like a cron run (lib/alerts). */
async function alertAfterCliRun(db: Queryable, runId: number): Promise<void> {
  try {
    await alertOnRunEnd(db, runId, alertConfigFromProcessEnv(process.env));
  } catch (error) {
    process.stderr.write(`Could not post the run alert: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

async function main(): Promise<number> {
  const args = parseSyncArgs(process.argv.slice(2));
  assertSafeLocalFallback(process.env);
  const database = await resolveDatabaseUrl();
  const deps = createSyncDependencies(parseSyncEnv({ ...process.env, DATABASE_URL: database.url }));
  const progress = createProgressRenderer();
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    progress.finish();
    process.stderr.write("Stopping after the current batch; the run stays resumable (Ctrl-C again to quit now).\n");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  try {
    if (args.verify)
      return await runVerifyCli(deps, args, { label: `cli (${os.userInfo().username}@${os.hostname()})` });
    const mode = args["dry-run"] ? "dry_run" : "live";
    if (mode === "dry_run" && !deps.hubspot)
      process.stderr.write("HUBSPOT_ACCESS_TOKEN is not set: properties are planned as unverified.\n");
    const actor = { label: `cli (${os.userInfo().username}@${os.hostname()})` };
    // Audited like a start from the dashboard or cron, once the run exists (its first progress
    // report carries the id); a start refused as "already running" never gets that far.
    let audited: Promise<void> | null = null;
    const audit = (runId: number) =>
      writeAudit(deps.pool, actor, mode === "live" ? "sync.start" : "sync.preview", `run #${runId}`, {
        trigger: "cli",
      }).catch((error: unknown) => {
        process.stderr.write(
          `Could not write the audit log entry: ${error instanceof Error ? error.message : String(error)}\n`,
        );
      });
    const result = await runSync({
      pool: deps.pool,
      hubspot: deps.hubspot,
      mode,
      full: args.full,
      ...(args.levels ? { levels: args.levels } : {}),
      ...(args.limit ? { limit: args.limit } : {}),
      ...(args["batch-size"] ? { batchSize: args["batch-size"] } : {}),
      trigger: "cli",
      actor,
      sourceSchema: deps.sourceSchema,
      signal: controller.signal,
      // The plan goes to the database and is streamed out below: flat memory at any size.
      keepPlanInMemory: false,
      onProgress: (update) => {
        audited ??= audit(update.runId);
        progress.update(update);
      },
    }).catch(async (error: unknown) => {
      if (error instanceof SyncRunFailedError) await alertAfterCliRun(deps.pool, error.runId);
      throw error;
    });
    await audited;
    progress.finish();
    if (mode === "live") await alertAfterCliRun(deps.pool, result.runId);
    await writeCliOutput(deps.pool, result, { out: args.out, json: Boolean(args.json), stdout: process.stdout });
    if (!args.json) process.stdout.write(`Run #${result.runId} ${result.status}: ${result.message}\n`);
    // The dry-run document has no field for it: the summary line (with the daily-quota estimate) goes to stderr.
    else if (result.mode === "dry_run")
      process.stderr.write(`Run #${result.runId} ${result.status}: ${result.message}\n`);
    if (result.quotaPause) {
      process.stderr.write(
        `Run #${result.runId} paused for HubSpot's daily quota; run the command again after ${formatQuotaReset(new Date(result.quotaPause.resumesAt), result.quotaPause.timeZone)} to continue where it stopped.\n`,
      );
      return EXIT.failure;
    }
    if (result.continuing) {
      process.stderr.write(`Run #${result.runId} paused; run the command again to continue where it stopped.\n`);
      return EXIT.failure;
    }
    return result.status === "partial" ? EXIT.failedRows : EXIT.ok;
  } finally {
    progress.finish();
    process.off("SIGINT", onSigint);
    await deps.close();
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${SYNC_USAGE}\n`);
      process.exit(EXIT.failure);
    }
    process.stderr.write(`sync failed: ${formatCliError(error)}\n`);
    process.exit(
      error instanceof SyncAlreadyRunningError || error instanceof SyncPreviewRunningError
        ? EXIT.alreadyRunning
        : EXIT.failure,
    );
  },
);
