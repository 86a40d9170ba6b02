import { z } from "zod";
import { serverEnv } from "@/lib/config/env";
import { getPool } from "@/lib/db/pool";
import { runCronSync } from "@/lib/cron/run-cron-sync";
import { runCronVerify } from "@/lib/cron/run-cron-verify";
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

/** `?mode=verify` reads HubSpot back instead of syncing (a second, optional cron entry). */
const modeSchema = z.enum(["sync", "verify"]).default("sync");

/** Vercel Cron: GET with `Authorization: Bearer $CRON_SECRET`. */
export const GET = withCron(
  async (request) => {
    const mode = modeSchema.safeParse(new URL(request.url).searchParams.get("mode") ?? undefined);
    if (!mode.success) return cronJson(400, { ok: false, error: "invalid_mode", message: "mode must be sync (default) or verify." });
    const deps = createSyncDependencies(serverEnv(), { pool: getPool() });
    if (mode.data === "verify") {
      const outcome = await runCronVerify(deps);
      return cronJson(outcome.status, outcome.body);
    }
    const outcome = await runCronSync(deps, { timeBudgetMs: TIME_BUDGET_MS });
    return cronJson(outcome.status, outcome.body);
  },
  { getSecret: () => serverEnv().CRON_SECRET },
);
