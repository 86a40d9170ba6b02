import type { Page } from "@playwright/test";
import pg from "pg";
import { expect, test } from "./support/fixtures";
import { storageStateFor } from "./support/logins";
import { serverActionId } from "./support/server-action";
import { snap } from "./support/snap";
import { E2E } from "./support/stack-config";

const DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${E2E.postgresPort}/crm_sync_e2e`;
const HUBSPOT_STATE_URL = `http://127.0.0.1:${E2E.hubspotPort}/__control/state`;

test.describe.configure({ mode: "serial" });

let pool: pg.Pool;
/** Learners whose progress this file changes, so they have something to send whatever ran before. */
let touched: { userId: string; email: string }[] = [];
/** A learner without an email (a phone sign-up): never sent, reported as "Missing email". The smallest
 * user id, so it is the first issue of a preview and the first flagged row of a run. */
const NO_EMAIL_USER_ID = "00000000-0000-4000-8000-000000000001";

test.beforeAll(async () => {
  pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
  const { rows } = await pool.query<{ user_id: string; email: string }>(
    `select l.user_id::text, lower(btrim(l.email)) as email
       from crm_sync.learners l
      where l.email ~ '^[a-z0-9._-]+@[a-z0-9.-]+\\.[a-z]+$'
        and not exists (select 1 from crm_sync.learners o where lower(btrim(o.email)) = lower(btrim(l.email)) and o.user_id <> l.user_id)
        and exists (select 1 from public.a1_progress p where p.user_id = l.user_id and p.time_spent_seconds >= 0)
      order by l.email limit 3`,
  );
  expect(rows).toHaveLength(3);
  touched = rows.map((row) => ({ userId: row.user_id, email: row.email }));
  await pool.query(
    "insert into auth.users (id, email) values ($1, null) on conflict (id) do update set email = null, deleted_at = null, banned_until = null",
    [NO_EMAIL_USER_ID],
  );
  // A minute more study time in A1: a real change, so their payloads differ from the last sync.
  for (const learner of touched) {
    await pool.query(
      `update public.a1_progress set time_spent_seconds = time_spent_seconds + 60
        where id = (select min(id) from public.a1_progress where user_id = $1 and time_spent_seconds >= 0)`,
      [learner.userId],
    );
  }
});

test.afterAll(async () => {
  await pool?.query("delete from auth.users where id = $1", [NO_EMAIL_USER_ID]);
  await pool?.end();
});

/** What the SQL says a learner's properties should be (the simple ones: units completed, study minutes). */
async function expectedProperties(userId: string): Promise<Record<string, string>> {
  const { rows: levels } = await pool.query<{ level: string }>(
    "select level from crm_sync.level_settings where enabled order by level",
  );
  const expected: Record<string, string> = {};
  let seconds = 0;
  for (const { level } of levels) {
    const table = `public.${level}_progress`;
    const { rows } = await pool.query<{ units: number; seconds: string | null }>(
      `select count(distinct unit_id::text) filter (where completed or completed_at is not null)::int as units,
              sum(time_spent_seconds) filter (where time_spent_seconds >= 0) as seconds
         from ${table} where user_id = $1`,
      [userId],
    );
    expected[`level_${level}_units_completed`] = String(rows[0]?.units ?? 0);
    seconds += Number(rows[0]?.seconds ?? 0);
  }
  expected.total_study_time = String(Math.round(seconds / 60));
  return expected;
}

async function openSyncPage(page: Page): Promise<void> {
  await page.goto("/sync");
  await expect(page.getByRole("heading", { name: "Sync", level: 1 })).toBeVisible();
}

test.describe("as a viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("previews the payload but has no Sync now, and the action refuses", async ({ page }) => {
    await openSyncPage(page);
    await expect(page.getByRole("button", { name: "Sync now" })).toHaveCount(0);

    const preview = page.waitForResponse(
      (response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/sync",
    );
    await page.getByRole("button", { name: "Preview payload" }).click();
    expect((await preview).ok()).toBe(true);

    const plan = page.getByRole("table", { name: "Property plan" });
    await expect(plan.getByRole("row", { name: /level_a1_status/ })).toBeVisible();
    await expect(plan.getByRole("row", { name: /total_study_time/ })).toBeVisible();
    await expect(page.getByRole("table", { name: "Data issues" }).getByText("Invalid email").first()).toBeVisible();
    await expect(
      page
        .getByRole("table", { name: "Data issues" })
        .getByRole("row", { name: new RegExp(`Missing email.*learner ${NO_EMAIL_USER_ID} has no email address`) }),
    ).toBeVisible();
    // The daily quota line: the demo's few calls fit today's quota.
    await expect(page.getByText(/^HubSpot daily quota: fits today \(\d+ calls?\)/)).toBeVisible();
    const batch = page.getByLabel("Batch 1 JSON");
    await expect(batch).toContainText('"idProperty": "email"');
    // The learners changed above are in this preview's batches.
    const batchPages = page.getByRole("navigation", { name: "Batch pages" });
    let isFound = false;
    for (let index = 0; index < 50 && !isFound; index += 1) {
      const text = (await page.getByLabel(/^Batch \d+ JSON$/).textContent()) ?? "";
      isFound = text.includes(`"id": "${touched[0]!.email}"`);
      if (
        !isFound &&
        (await batchPages.count()) > 0 &&
        (await batchPages.getByRole("button", { name: "Next" }).isEnabled())
      ) {
        await batchPages.getByRole("button", { name: "Next" }).click();
      } else break;
    }
    expect(isFound).toBe(true);
    await snap(page, "sync-viewer-preview");

    // Calling the server action anyway (the id is in the client bundle) is refused on the server.
    const runsBefore = await pool.query("select count(*)::int as n from crm_sync.runs where mode = 'live'");
    const answer = await page.evaluate(
      async (actionId) => {
        const response = await fetch("/sync", {
          method: "POST",
          headers: { "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
          body: JSON.stringify([{}]),
        });
        return { status: response.status, text: await response.text() };
      },
      serverActionId("startSync", "start-sync"),
    );
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('"code":"forbidden"');
    expect(answer.text).toContain("This needs the operator role");
    const runsAfter = await pool.query("select count(*)::int as n from crm_sync.runs where mode = 'live'");
    expect(runsAfter.rows[0].n).toBe(runsBefore.rows[0].n);
  });

  test("says when the sync needs more than what is left of today's HubSpot quota, and over how many days", async ({
    page,
  }) => {
    // A quota of 1 call, already used on every day the account's time zone may be in: nothing fits today.
    const saved = await pool.query("select daily_request_quota from crm_sync.settings where id");
    const usage = await pool.query("select day::text as day, calls::text as calls from crm_sync.hubspot_daily_usage");
    await pool.query(
      `insert into crm_sync.hubspot_daily_usage (day, time_zone, calls)
       select d::date, 'UTC', 1 from generate_series(current_date - 1, current_date + 1, interval '1 day') d
       on conflict (day) do update set calls = greatest(crm_sync.hubspot_daily_usage.calls, 1)`,
    );
    await pool.query("update crm_sync.settings set daily_request_quota = 1 where id");
    try {
      await openSyncPage(page);
      await page.getByRole("button", { name: "Preview payload" }).click();
      const note = page.getByRole("status").filter({ hasText: /^HubSpot daily quota: spread over \d+ days/ });
      await expect(note).toBeVisible({ timeout: 60_000 });
      await expect(note).toContainText("Nothing fits today.");
      await expect(note).toContainText("The run pauses when the day's quota is used up and continues when it resets");
    } finally {
      await pool.query("update crm_sync.settings set daily_request_quota = $1 where id", [
        saved.rows[0].daily_request_quota,
      ]);
      await pool.query(
        `delete from crm_sync.hubspot_daily_usage where day between current_date - 1 and current_date + 1
           and not (day::text = any($1::text[]))`,
        [usage.rows.map((row: { day: string }) => row.day)],
      );
      for (const row of usage.rows as { day: string; calls: string }[]) {
        await pool.query("update crm_sync.hubspot_daily_usage set calls = $2::bigint where day = $1::date", [
          row.day,
          row.calls,
        ]);
      }
    }
  });
});

test.describe("as an operator", () => {
  test.use({ storageState: storageStateFor("operator") });

  test("syncs now, watches it complete, and HubSpot holds the learners' values", async ({ page }) => {
    test.setTimeout(120_000);
    await openSyncPage(page);
    const syncNow = page.getByRole("button", { name: "Sync now" });
    await expect(syncNow).toBeEnabled();
    await syncNow.click();
    const dialog = page.getByRole("dialog", { name: "Sync to HubSpot now?" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await snap(page, "sync-confirm-dialog");

    const started = page.waitForResponse(
      (response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/sync",
    );
    const before = await pool.query("select coalesce(max(id), 0)::int as id from crm_sync.runs where mode = 'live'");
    await dialog.getByRole("button", { name: "Start sync" }).click();
    expect((await started).ok()).toBe(true);
    await expect(dialog).toBeHidden();

    // The progress bar shows only while the run is running (a quick run may finish before the
    // first poll); the finished run's summary, linking the new run, is what the operator ends with.
    const summary = page.getByText(/^Last live run/);
    await expect(summary).toBeVisible({ timeout: 90_000 });
    const runLink = summary.getByRole("link");
    await expect(runLink).not.toHaveText(`#${before.rows[0].id}`, { timeout: 90_000 });
    await expect(syncNow).toBeEnabled();
    const runId = Number((await runLink.textContent())?.replace("#", ""));
    expect(runId).toBeGreaterThan(before.rows[0].id);
    await expect(page.getByRole("progressbar", { name: "Sync progress" })).toHaveCount(0);
    await snap(page, "sync-operator-done");

    const run = await pool.query(
      "select status, trigger, started_by_label, upserted from crm_sync.runs where id = $1",
      [runId],
    );
    expect(run.rows[0]).toMatchObject({
      trigger: "ui",
      started_by_label: "operator@demo.test",
      status: expect.stringMatching(/^(succeeded|partial)$/),
    });
    expect(run.rows[0].upserted).toBeGreaterThanOrEqual(touched.length);
    const audit = await pool.query(
      "select actor_label from crm_sync.audit_log where action = 'sync.start' and target = $1",
      [`run #${runId}`],
    );
    expect(audit.rows).toEqual([{ actor_label: "operator@demo.test" }]);

    const state = (await (await fetch(HUBSPOT_STATE_URL)).json()) as {
      contacts: { properties: Record<string, string> }[];
    };
    for (const learner of touched) {
      const contact = state.contacts.find((candidate) => candidate.properties.email === learner.email);
      expect(contact, learner.email).toBeDefined();
      expect(contact!.properties).toMatchObject(await expectedProperties(learner.userId));
    }

    // History and the run's own page.
    await page.reload();
    const history = page.getByRole("table", { name: "Sync runs, newest first" });
    const row = history.getByRole("row").filter({ has: page.getByRole("link", { name: `Run ${runId} details` }) });
    await expect(row).toContainText("operator@demo.test");
    await expect(row).toContainText("Live");
    await expect(row).toContainText("Dashboard");
    await expect(syncNow).toBeEnabled();
    await snap(page, "sync-history");
    await row.getByRole("link", { name: `Run ${runId} details` }).click();
    await expect(page).toHaveURL(new RegExp(`/sync/runs/${runId}$`));
    await expect(page.getByRole("heading", { name: `Run #${runId}`, level: 1 })).toBeVisible();
    await expect(page.getByRole("main").getByText("operator@demo.test")).toBeVisible();
    await expect(page.getByRole("heading", { name: /^Failed and flagged rows/ })).toBeVisible();
    await expect(
      page
        .getByRole("table", { name: "Failed and flagged rows of this run" })
        .getByRole("row", { name: new RegExp(`Missing email.*learner ${NO_EMAIL_USER_ID} has no email address`) }),
    ).toBeVisible();
    await snap(page, "sync-run-detail");

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/sync");
    await expect(page.getByRole("button", { name: "Sync now" })).toBeEnabled();
    await expect(page.getByRole("table", { name: "Sync runs, newest first" })).toBeVisible();
    await snap(page, "sync-narrow");
  });
});

test.describe("the progress endpoint", () => {
  test("answers 401 to a signed-out caller", async ({ request }) => {
    const response = await request.get("/api/runs/live");
    expect(response.status()).toBe(401);
  });

  test.describe("for a learner", () => {
    test.use({ storageState: storageStateFor("learner") });
    test("answers 403", async ({ request }) => {
      const response = await request.get("/api/runs/live");
      expect(response.status()).toBe(403);
    });
  });
});
