import { serverEnv } from "@/lib/config/env";
import { getPool } from "@/lib/db/pool";
import { runCronSync } from "@/lib/cron/run-cron-sync";
import { cronJson, withCron } from "@/lib/cron/with-cron";
import { createSyncDependencies } from "@/lib/sync";

/** Vercel stops the function here; vercel.json declares the same for the cron path. */
export const maxDuration = 300;
/**
 * Work stops at a batch boundary after this budget, leaving a minute for the batch in flight, the
 * final commit and the answer; the run pauses and the next invocation continues it.
 */
const TIME_BUDGET_MS = 240_000;

export const dynamic = "force-dynamic";

/** Vercel Cron: GET with `Authorization: Bearer $CRON_SECRET`. */
export const GET = withCron(
  async () => {
    const deps = createSyncDependencies(serverEnv(), { pool: getPool() });
    const outcome = await runCronSync(deps, { timeBudgetMs: TIME_BUDGET_MS });
    return cronJson(outcome.status, outcome.body);
  },
  { getSecret: () => serverEnv().CRON_SECRET },
);
