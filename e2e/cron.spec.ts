import pg from "pg";
import { expect, test } from "./support/fixtures";
import { E2E } from "./support/stack-config";

/** e2e/support/stack.ts starts the app with this CRON_SECRET. */
const CRON_SECRET = E2E.cronSecret;
const DATABASE_URL = E2E.databaseUrl;

test.describe.configure({ mode: "serial" });

test("the cron route refuses requests without the right bearer secret", async ({ request }) => {
  const refusals: Record<string, string>[] = [
    {},
    { authorization: "Bearer wrong-secret-same-len" },
    { authorization: `Bearer ${CRON_SECRET}-and-more` },
    { authorization: "Bearer x" },
    { authorization: CRON_SECRET },
    { authorization: `Basic ${CRON_SECRET}` },
  ];
  for (const headers of refusals) {
    const response = await request.get("/api/cron/sync", { headers });
    expect(response.status(), JSON.stringify(headers)).toBe(401);
    expect(await response.json()).toMatchObject({ ok: false, error: "unauthorized" });
  }
});

test("with the secret it runs the live sync as cron and answers a summary", async ({ request }) => {
  const response = await request.get("/api/cron/sync", {
    headers: { authorization: `Bearer ${CRON_SECRET}` },
    timeout: 120_000,
  });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    ok: boolean;
    runId: number;
    continuing: boolean;
    status: string;
    summary: { learners: number };
  };
  expect(body).toMatchObject({ ok: true, continuing: false, status: expect.stringMatching(/^(succeeded|partial)$/) });
  expect(body.summary.learners).toBeGreaterThan(0);

  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  try {
    const run = await pool.query("select mode, trigger, started_by_label from crm_sync.runs where id = $1", [
      body.runId,
    ]);
    expect(run.rows).toEqual([{ mode: "live", trigger: "cron", started_by_label: "cron" }]);
    const audit = await pool.query(
      "select actor_label from crm_sync.audit_log where action = 'sync.start' and target = $1",
      [`run #${body.runId}`],
    );
    expect(audit.rows).toEqual([{ actor_label: "cron" }]);
  } finally {
    await pool.end();
  }
});

test("?mode=verify reads the synced contacts back as cron; an unknown mode is refused", async ({ request }) => {
  const headers = { authorization: `Bearer ${CRON_SECRET}` };
  const refused = await request.get("/api/cron/sync?mode=resync", { headers });
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toMatchObject({ ok: false, error: "invalid_mode" });

  const response = await request.get("/api/cron/sync?mode=verify", { headers, timeout: 120_000 });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { ok: boolean; runId: number; checked: number; total: number };
  // The previous test synced: the demo's contacts fit well within one invocation's time budget.
  expect(body).toMatchObject({ ok: true, mode: "verify", status: "succeeded", continuing: false });
  expect(body.checked).toBeGreaterThan(0);
  expect(body.total).toBe(body.checked);

  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  try {
    const run = await pool.query("select mode, trigger, status, stopped_phase from crm_sync.runs where id = $1", [
      body.runId,
    ]);
    expect(run.rows).toEqual([{ mode: "verify", trigger: "cron", status: "succeeded", stopped_phase: "verifying" }]);
  } finally {
    await pool.end();
  }
});
