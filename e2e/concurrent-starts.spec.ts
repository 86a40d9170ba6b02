import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import pg from "pg";
import { expect, test } from "./support/fixtures";
import { hubspotConfig } from "./support/hubspot-control";
import { waitForNoLiveRun } from "./support/live-runs";
import { storageStateFor, type LoginName } from "./support/logins";
import { callServerAction, serverActionId } from "./support/server-action";
import { E2E } from "./support/stack-config";

/**
 * Issue #5, fault 5: eleven starts at the same moment against the built app — "Sync now" server
 * actions (operator and admin), the cron route with its secret and `npm run sync` processes — give
 * exactly one live run. Everyone else gets a clear "already running" naming that run, nobody crashes
 * (no 500, no unexpected exit code), and the run finishes.
 *
 * "The same moment" is made exact instead of hoped for: a CLI process needs seconds to start, an HTTP
 * call milliseconds. The spec holds an EXCLUSIVE lock on crm_sync.runs (plain reads still pass) until
 * every starter is queued behind it in its claim (`select … for update`), then lets go, so all eleven
 * claims race at once. The HubSpot stand-in answers slowly meanwhile, so the winner's run is surely
 * still live while the others claim; it is fast again before the spec waits for the run to finish.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const ACTION_CALLERS: LoginName[] = ["operator", "admin", "operator", "admin"];
const CRON_CALLS = 3;
const CLI_RUNS = 4;
const STARTS = ACTION_CALLERS.length + CRON_CALLS + CLI_RUNS;
/** Per HubSpot answer while the starters race: the run's first request alone outlasts every claim. */
const SLOW_HUBSPOT_MS = 3_000;

type Outcome =
  | { via: string; kind: "started"; runId: number }
  | { via: string; kind: "already_running"; runId: number }
  | { via: string; kind: "unexpected"; detail: string };

/** One line per caller, so a failure shows every answer at once. */
function summarize(outcome: Outcome): string {
  if (outcome.kind === "started") return `${outcome.via}: started run #${outcome.runId}`;
  if (outcome.kind === "already_running") return `${outcome.via}: already running (run #${outcome.runId})`;
  return `${outcome.via}: ${outcome.detail}`;
}

/** The engine's message names the run that holds the slot: "A live sync is already running: run #12 started by …". */
function runningRunId(message: string): number | null {
  const match = /already running: run #(\d+)/.exec(message);
  return match ? Number(match[1]) : null;
}

async function startViaAction(request: APIRequestContext, via: string): Promise<Outcome> {
  const answer = await callServerAction(request, "/sync", serverActionId("startSync", "start-sync"), {});
  const started = /"ok":true,"data":\{"runId":(\d+)/.exec(answer.text);
  if (answer.status === 200 && started) return { via, kind: "started", runId: Number(started[1]) };
  const conflict = /"ok":false,"error":\{"code":"conflict","message":"([^"]*)"/.exec(answer.text);
  const runId = conflict ? runningRunId(conflict[1]!) : null;
  if (answer.status === 200 && runId !== null) return { via, kind: "already_running", runId };
  return { via, kind: "unexpected", detail: `HTTP ${answer.status} ${answer.text.slice(0, 300)}` };
}

async function startViaCron(request: APIRequestContext, via: string): Promise<Outcome> {
  // The winner answers when its run ends (the route works through its time budget).
  const response = await request.get("/api/cron/sync", {
    headers: { authorization: `Bearer ${E2E.cronSecret}` },
    timeout: 180_000,
  });
  const text = await response.text();
  let body: { ok?: boolean; error?: string; runId?: number; message?: string };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return { via, kind: "unexpected", detail: `HTTP ${response.status()}, not JSON: ${text.slice(0, 300)}` };
  }
  if (response.status() === 200 && body.ok === true && typeof body.runId === "number")
    return { via, kind: "started", runId: body.runId };
  if (
    response.status() === 409 &&
    body.error === "already_running" &&
    body.runId === runningRunId(body.message ?? "")
  ) {
    return { via, kind: "already_running", runId: body.runId! };
  }
  return { via, kind: "unexpected", detail: `HTTP ${response.status()} ${text.slice(0, 300)}` };
}

const children: ChildProcess[] = [];

/** `npm run sync` as an operator would type it, with the e2e stack's environment (docs/ARCHITECTURE.md, "Environment"). */
function startViaCli(via: string): Promise<Outcome> {
  return new Promise((resolve) => {
    // Its own process group, so a failed test can stop npm and the tsx process under it together.
    const child = spawn("npm", ["run", "sync"], {
      cwd: ROOT,
      env: { ...process.env, ...E2E.syncEnv },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", (error) => resolve({ via, kind: "unexpected", detail: `could not start: ${error.message}` }));
    child.once("close", (code, signal) => {
      // Exit codes (scripts/sync.ts): 0 done, 2 done with failed rows, 3 another sync is running.
      const finished = /Run #(\d+) (succeeded|partial):/.exec(stdout);
      if ((code === 0 || code === 2) && finished) return resolve({ via, kind: "started", runId: Number(finished[1]) });
      const runId = runningRunId(stderr);
      if (code === 3 && runId !== null) return resolve({ via, kind: "already_running", runId });
      resolve({
        via,
        kind: "unexpected",
        detail: `exit ${code ?? signal}; stdout ${stdout.slice(-300)}; stderr ${stderr.slice(-300)}`,
      });
    });
  });
}

/** Ctrl-C first (the CLI stops after its batch and leaves the run resumable), then SIGKILL. */
async function stopChildren(): Promise<void> {
  const running = children.filter(
    (child) => child.exitCode === null && child.signalCode === null && child.pid !== undefined,
  );
  await Promise.all(
    running.map(
      (child) =>
        new Promise<void>((resolve) => {
          const kill = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 30_000);
          child.once("close", () => {
            clearTimeout(kill);
            resolve();
          });
          process.kill(-child.pid!, "SIGINT");
        }),
    ),
  );
}

test("eleven simultaneous starts (actions, cron, CLI) make exactly one live run", async ({ playwright }) => {
  test.setTimeout(360_000);
  const pool = new pg.Pool({ connectionString: E2E.databaseUrl, max: 2 });
  const contexts: APIRequestContext[] = [];
  let starts: Promise<Outcome>[] = [];
  const originalLatency = (await hubspotConfig()).latencyMs;
  try {
    await waitForNoLiveRun(pool, 150_000);
    const before = await pool.query<{ run: string; audit: string }>(
      "select coalesce((select max(id) from crm_sync.runs), 0)::text as run, coalesce((select max(id) from crm_sync.audit_log), 0)::text as audit",
    );
    const { run: lastRunId, audit: lastAuditId } = before.rows[0]!;
    await hubspotConfig({ latencyMs: SLOW_HUBSPOT_MS });

    const gate = new pg.Client({ connectionString: E2E.databaseUrl });
    await gate.connect();
    let settled = 0;
    try {
      await gate.query("begin");
      await gate.query("lock table crm_sync.runs in exclusive mode");
      const actionStarts = ACTION_CALLERS.map(async (caller, index) => {
        const request = await playwright.request.newContext({
          baseURL: E2E.appUrl,
          storageState: storageStateFor(caller),
          timeout: 180_000,
        });
        contexts.push(request);
        return startViaAction(request, `action #${index + 1} (${caller})`);
      });
      const cronRequest = await playwright.request.newContext({ baseURL: E2E.appUrl });
      contexts.push(cronRequest);
      const cronStarts = Array.from({ length: CRON_CALLS }, (_, index) =>
        startViaCron(cronRequest, `cron #${index + 1}`),
      );
      const cliStarts = Array.from({ length: CLI_RUNS }, (_, index) => startViaCli(`cli #${index + 1}`));
      starts = [...actionStarts, ...cronStarts, ...cliStarts].map((start) =>
        start.then(
          (outcome) => {
            settled += 1;
            return outcome;
          },
          (error: unknown) => {
            settled += 1;
            throw error;
          },
        ),
      );
      // Nothing may answer before the gate opens: an early answer is a failure the poll reports.
      await expect
        .poll(
          async () => {
            const { rows } = await pool.query(
              "select count(*)::int as n from pg_locks where locktype = 'relation' and relation = 'crm_sync.runs'::regclass and not granted",
            );
            return { queued: rows[0].n as number, answered: settled };
          },
          { timeout: 120_000, intervals: [250, 500, 1_000], message: "every starter queues at the claim" },
        )
        .toEqual({ queued: STARTS, answered: 0 });
    } finally {
      // Opens the gate: all claims go at once.
      await gate.query("commit").finally(() => gate.end());
    }

    // Everyone but the winner answers at once (a winning action too: it answers as soon as the run exists).
    await expect
      .poll(() => settled, { timeout: 60_000, message: "the losers answer" })
      .toBeGreaterThanOrEqual(STARTS - 1);
    await hubspotConfig({ latencyMs: originalLatency });
    const outcomes = await Promise.all(starts);
    test.info().annotations.push({ type: "answers", description: outcomes.map(summarize).join("; ") });

    const { rows: newRuns } = await pool.query<{ id: string; trigger: string }>(
      "select id::text, trigger from crm_sync.runs where mode = 'live' and id > $1 order by runs.id",
      [lastRunId],
    );
    expect(newRuns, "new live runs").toHaveLength(1);
    const run = { id: Number(newRuns[0]!.id), trigger: newRuns[0]!.trigger };
    const winner = outcomes.find((outcome) => outcome.kind === "started");
    expect(winner, outcomes.map(summarize).join("\n")).toBeDefined();
    expect(outcomes.map(summarize)).toEqual(
      outcomes.map((outcome) =>
        outcome === winner
          ? `${outcome.via}: started run #${run.id}`
          : `${outcome.via}: already running (run #${run.id})`,
      ),
    );
    expect(run.trigger).toBe({ action: "ui", cron: "cron", cli: "cli" }[winner!.via.split(" ")[0]!]);

    await waitForNoLiveRun(pool, 120_000);
    const { rows: finished } = await pool.query(
      "select status, finished_at is not null as is_finished from crm_sync.runs where id = $1",
      [run.id],
    );
    expect(finished[0]).toEqual({ status: expect.stringMatching(/^(succeeded|partial)$/), is_finished: true });
    // Still one run after the dust settles, and only the winner's start is audited.
    const { rows: after } = await pool.query(
      "select count(*)::int as n from crm_sync.runs where mode = 'live' and id > $1",
      [lastRunId],
    );
    expect(after[0].n).toBe(1);
    const { rows: audits } = await pool.query(
      "select target from crm_sync.audit_log where action = 'sync.start' and id > $1",
      [lastAuditId],
    );
    expect(audits).toEqual([{ target: `run #${run.id}` }]);
  } finally {
    // After a failure too: fast HubSpot again, no process left, no answer pending, the live slot free.
    await hubspotConfig({ latencyMs: originalLatency });
    await stopChildren();
    await Promise.all(contexts.map((context) => context.dispose()));
    await Promise.allSettled(starts);
    await waitForNoLiveRun(pool, 150_000).catch(() => undefined);
    await pool.end();
  }
});
