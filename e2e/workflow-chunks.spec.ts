import pg from "pg";
import { expect, test } from "./support/fixtures";
import { hubspotConfig } from "./support/hubspot-control";
import { waitForNoLiveRun } from "./support/live-runs";
import { storageStateFor } from "./support/logins";
import { E2E } from "./support/stack-config";

/**
 * Issue #10 item 10, end to end: "Sync now" on the built app, continued by its workflow (the
 * Workflow SDK's local world) in chunks. This runs on the stack's second app (E2E.chunkAppUrl),
 * whose chunks get E2E.chunkBudgetMs (SYNC_TIME_BUDGET_MS, tests only); HubSpot answers slowly and
 * LEARNERS new learners wait to be sent (every chunk takes at least one database batch of 1,000 and
 * stops after it), so the run needs at least five chunks. Nothing may be
 * lost: every new learner ends up as a HubSpot contact with its values confirmed in contact_state,
 * and the chain of runs adds up.
 * Named to run after sync.spec.ts: once this completes a change-capture chain, previews list the data
 * issues of the learners they read only, while sync.spec.ts's viewer expects every invalid email.
 */

const LEARNERS = 4_600;
const EMAIL_PREFIX = "zz.chunk";
const SLOW_HUBSPOT_MS = 400;
const HUBSPOT_STATE_URL = `${E2E.hubspotUrl}/__control/state`;

test.describe.configure({ mode: "serial" });
test.use({ storageState: storageStateFor("operator"), baseURL: E2E.chunkAppUrl });

let pool: pg.Pool;
let originalLatency = 0;

test.beforeAll(async () => {
  pool = new pg.Pool({ connectionString: E2E.databaseUrl, max: 2 });
  // The stack starts this app beside the main one; it may still be starting.
  await expect
    .poll(async () => (await fetch(`${E2E.chunkAppUrl}/api/health`).catch(() => null))?.status ?? 0, {
      timeout: 120_000,
      intervals: [500, 1_000],
    })
    .toBe(200);
  await waitForNoLiveRun(pool, 150_000);
  // New sign-ups, each with some A1 progress: every one of them must be sent.
  await pool.query(
    `with new_users as (
       insert into auth.users (id, email)
       select gen_random_uuid(), format('%s%s@example.com', $1::text, lpad(n::text, 5, '0')) from generate_series(1, $2::int) as n
       returning id
     )
     insert into public.a1_progress (user_id, unit_id, completed, accuracy, time_spent_seconds)
     select id, (select unit_id from public.a1_progress order by id limit 1), true, 80, 600 from new_users`,
    [EMAIL_PREFIX, LEARNERS],
  );
  originalLatency = (await hubspotConfig()).latencyMs;
  await hubspotConfig({ latencyMs: SLOW_HUBSPOT_MS });
});

test.afterAll(async () => {
  await hubspotConfig({ latencyMs: originalLatency }).catch(() => undefined);
  await pool?.query(
    `with gone as (delete from auth.users where email like $1 returning id)
     delete from public.a1_progress p using gone where p.user_id = gone.id`,
    [`${EMAIL_PREFIX}%`],
  );
  await pool?.end();
});

test("Sync now on short chunks completes through at least five workflow steps, nothing lost", async ({ page }) => {
  test.setTimeout(300_000);
  const before = await pool.query("select coalesce(max(id), 0)::int as id from crm_sync.runs where mode = 'live'");
  await page.goto("/sync");
  const syncNow = page.getByRole("button", { name: "Sync now" });
  await expect(syncNow).toBeEnabled();
  await syncNow.click();
  const started = page.waitForResponse(
    (response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/sync",
  );
  await page.getByRole("dialog", { name: "Sync to HubSpot now?" }).getByRole("button", { name: "Start sync" }).click();
  expect((await started).ok()).toBe(true);
  // While it runs the page says the run continues by itself, not at the next cron run.
  await expect(page.getByText(/continued automatically by the next until the run is done/)).toBeVisible({
    timeout: 30_000,
  });

  // The chain ends on its own: no cron, no second click.
  await expect
    .poll(
      async () => {
        const { rows } = await pool.query(
          "select status from crm_sync.runs where mode = 'live' and id > $1 order by id desc limit 1",
          [before.rows[0].id],
        );
        return rows[0]?.status ?? "none";
      },
      { timeout: 240_000, intervals: [1_000] },
    )
    .toMatch(/^(succeeded|partial)$/);
  await expect(page.getByText(/^Last live run/)).toBeVisible({ timeout: 30_000 });
  await expect(syncNow).toBeEnabled();

  const { rows: chain } = await pool.query<{
    id: number;
    status: string;
    trigger: string;
    started_by_label: string;
    resumed_from: number | null;
    upserted: number;
    failed: number;
  }>(
    `select id::int as id, status, trigger, started_by_label, resumed_from_run_id::int as resumed_from, upserted, failed
       from crm_sync.runs where mode = 'live' and id > $1 order by id`,
    [before.rows[0].id],
  );
  const summary = chain.map((run) => `#${run.id} ${run.status} ${run.upserted}`).join(", ");
  test.info().annotations.push({ type: "chain", description: `${chain.length} chunks: ${summary}` });
  expect(chain.length, summary).toBeGreaterThanOrEqual(5);
  expect(chain.slice(0, -1).map((run) => run.status)).toEqual(chain.slice(0, -1).map(() => "paused"));
  expect(chain.slice(1).map((run) => run.resumed_from)).toEqual(chain.slice(0, -1).map((run) => run.id));
  expect(new Set(chain.map((run) => `${run.trigger} ${run.started_by_label}`))).toEqual(
    new Set(["ui operator@demo.test"]),
  );
  // One start, audited once; the continuations are the workflow's.
  const audit = await pool.query(
    "select target from crm_sync.audit_log where action = 'sync.start' and target = any($1::text[])",
    [chain.map((run) => `run #${run.id}`)],
  );
  expect(audit.rows).toEqual([{ target: `run #${chain[0]!.id}` }]);

  // Nothing lost: every new learner is a contact, confirmed in contact_state, counted once in the chain.
  const { rows: learners } = await pool.query<{ user_id: string; email: string; confirmed: boolean }>(
    `select u.id::text as user_id, u.email, c.user_id is not null as confirmed
       from auth.users u left join crm_sync.contact_state c on c.user_id = u.id
      where u.email like $1`,
    [`${EMAIL_PREFIX}%`],
  );
  expect(learners).toHaveLength(LEARNERS);
  expect(learners.filter((learner) => !learner.confirmed).map((learner) => learner.email)).toEqual([]);
  const state = (await (await fetch(HUBSPOT_STATE_URL)).json()) as {
    contacts: { properties: Record<string, string> }[];
  };
  const contacts = new Map(
    state.contacts
      .filter((contact) => contact.properties.email?.startsWith(EMAIL_PREFIX))
      .map((contact) => [contact.properties.email, contact.properties]),
  );
  const missing = learners.filter((learner) => contacts.get(learner.email)?.learner_id !== learner.user_id);
  expect(missing.map((learner) => learner.email)).toEqual([]);
  expect(chain.reduce((sum, run) => sum + run.upserted, 0)).toBeGreaterThanOrEqual(LEARNERS);
  expect(chain.reduce((sum, run) => sum + run.failed, 0)).toBe(0);
});

test("the workflow's internal routes skip the session check but take only queue messages", async ({ playwright }) => {
  // No session at all: the proxy does not send these to /login (the SDK's queue has no session)…
  const anonymous = await playwright.request.newContext({ baseURL: E2E.chunkAppUrl });
  try {
    for (const route of ["flow", "step"]) {
      const answer = await anonymous.post(`/.well-known/workflow/v1/${route}`, {
        data: { runId: "wrun_01JZZZZZZZZZZZZZZZZZZZZZZZ" },
        maxRedirects: 0,
      });
      // …and the local world's handler refuses anything that is not a message of its own queue.
      expect(answer.status(), `${route}: ${await answer.text()}`).toBe(400);
    }
  } finally {
    await anonymous.dispose();
  }
});
