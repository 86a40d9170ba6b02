import type { Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { storageStateFor } from "./support/logins";
import { closeE2ePool, e2ePool } from "./support/page-states";

/**
 * The learner lookup (/learners) for each staff role, and "Verify HubSpot" on /sync. The learner is
 * taken from the seeded data: a plain, unique email with rows in A1.
 */

test.describe.configure({ mode: "serial" });

let learner: { userId: string; email: string; domain: string };

test.beforeAll(async () => {
  const { rows } = await e2ePool().query<{ user_id: string; email: string }>(
    `select l.user_id::text, lower(btrim(l.email)) as email
       from crm_sync.learners l
      where l.email ~ '^[a-z0-9._-]+@[a-z0-9.-]+\\.[a-z]+$'
        and not exists (select 1 from crm_sync.learners o where lower(btrim(o.email)) = lower(btrim(l.email)) and o.user_id <> l.user_id)
        and exists (select 1 from public.a1_progress p where p.user_id = l.user_id)
      order by l.email limit 1`,
  );
  expect(rows).toHaveLength(1);
  const { user_id: userId, email } = rows[0]!;
  learner = { userId, email, domain: email.slice(email.indexOf("@")) };
});

test.afterAll(async () => {
  // Undo this file's resend mark, so other specs see the learner as the sync left them.
  await e2ePool().query(
    "update crm_sync.contact_state set resend_requested_at = null, resend_reason = null where user_id = $1 and resend_reason like 'resend requested by %'",
    [learner.userId],
  );
  await closeE2ePool();
});

async function search(page: Page, query: string): Promise<void> {
  await page.getByLabel("Email or user id").fill(query);
  await page.getByRole("button", { name: "Search" }).click();
}

async function expectLearnerShown(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { name: learner.email, level: 2 })).toBeVisible();
  // The summary's "User id"; the id also appears as learner_id in the payload tables.
  await expect(page.getByRole("definition").filter({ hasText: learner.userId })).toBeVisible();
  await expect(page.getByRole("table", { name: "Per-level metrics computed now" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What the next sync changes" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Run errors and warnings/ })).toBeVisible();
}

test.describe("viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("finds a learner by email (any case, spaces around), sees no Resend button, and the page passes axe", async ({
    page,
  }) => {
    await page.goto("/sync");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Learners" }).click();
    await expect(page.getByRole("heading", { name: "Learners", level: 1 })).toBeVisible();
    await search(page, `  ${learner.email.toUpperCase()} `);
    await expect(page).toHaveURL(/\/learners\?q=/);
    await expectLearnerShown(page);
    await expect(page.getByRole("button", { name: "Resend this learner" })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, "/learners with a learner shown");
  });

  test("finds a learner by user id", async ({ page }) => {
    await page.goto("/learners");
    await search(page, learner.userId.toUpperCase());
    await expectLearnerShown(page);
  });

  test("lists many matches for part of an email, and opens the one picked", async ({ page }) => {
    await page.goto("/learners");
    await search(page, learner.domain);
    const list = page.getByRole("table", { name: "Learners matching the search" });
    await expect(list).toBeVisible();
    await expect(page.getByRole("heading", { name: /learners match$/ })).toBeVisible();
    await list.getByRole("link").first().click();
    await expect(page.getByRole("table", { name: "Per-level metrics computed now" })).toBeVisible();
  });

  test("says clearly when nobody matches", async ({ page }) => {
    await page.goto(`/learners?q=${encodeURIComponent("nobody-here-e2e@nowhere.test")}`);
    await expect(page.getByText("No learner found")).toBeVisible();
    await expect(page.getByText("nobody-here-e2e@nowhere.test")).toBeVisible();
  });

  test("fits a 390 px wide screen without sideways scrolling", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/learners?q=${learner.userId}`);
    await expectLearnerShown(page);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe("operator", () => {
  test.use({ storageState: storageStateFor("operator") });

  test("resends a learner: sees the confirmation, and the audit log has the row", async ({ page }) => {
    await page.goto(`/learners?q=${learner.userId}`);
    await expectLearnerShown(page);
    const before = await e2ePool().query("select coalesce(max(id), 0)::int as id from crm_sync.audit_log");
    await page.getByRole("button", { name: "Resend this learner" }).click();
    const confirmation = page.getByRole("status").filter({ hasText: /^Sending now in run #\d+/ });
    await expect(confirmation).toBeVisible();
    const runId = Number(/run #(\d+)/.exec((await confirmation.textContent()) ?? "")![1]);
    // The run sends this learner now; wait for it so no later spec meets a live run.
    await expect
      .poll(
        async () => (await e2ePool().query("select status from crm_sync.runs where id = $1", [runId])).rows[0]?.status,
        { timeout: 60_000 },
      )
      .not.toBe("running");
    const state = await e2ePool().query(
      "select hubspot_id, resend_requested_at from crm_sync.contact_state where user_id = $1",
      [learner.userId],
    );
    expect(state.rows[0]).toMatchObject({ hubspot_id: expect.any(String), resend_requested_at: null });
    const { rows } = await e2ePool().query(
      "select actor_label, target from crm_sync.audit_log where action = 'learner.resend' and id > $1",
      [before.rows[0].id],
    );
    expect(rows).toEqual([{ actor_label: "operator@demo.test", target: learner.userId }]);
  });

  test("a staff account without progress is explained, with no Resend button", async ({ page }) => {
    // The demo's viewer only runs the dashboard: no progress or milestone row in any level.
    await page.goto("/learners?q=viewer%40demo.test");
    await expect(page.getByRole("heading", { name: "viewer@demo.test", level: 2 })).toBeVisible();
    await expect(page.getByText("Staff account, not synced (no progress)")).toBeVisible();
    await expect(page.getByText(/Staff accounts are synced only when they study/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Resend this learner" })).toHaveCount(0);
  });

  test("Verify HubSpot starts a verify run whose page lists the differences", async ({ page }) => {
    await page.goto("/sync");
    await page.getByRole("button", { name: "Verify HubSpot" }).click();
    const started = page.getByText(/^Verify run #\d+ started$/);
    await expect(started).toBeVisible({ timeout: 30_000 });
    await page.getByRole("link", { name: "See the verify run and its differences" }).click();
    await expect(page.getByRole("heading", { name: /^Run #\d+$/, level: 1 })).toBeVisible();
    await expect(page.getByText("Verify (read back from HubSpot)")).toBeVisible();
    await expect(page.getByRole("heading", { name: /^Differences \(/ })).toBeVisible();
  });
});
