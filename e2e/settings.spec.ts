/**
 * Settings as an admin changes them and as a viewer reads them. The admin tests work on a level
 * table created here (`c2_extra_progress`), so the seeded a1…c2 settings that other specs rely on
 * are never touched, and the extra level needs properties whatever an earlier spec already created.
 * Everything created here is removed in afterAll.
 */
import type { Page } from "@playwright/test";
import pg from "pg";
import { createLevelTables } from "../sandbox/seed/create-level-tables";
import { expect, test } from "./support/fixtures";
import { storageStateFor } from "./support/logins";
import { snap } from "./support/snap";
import { E2E } from "./support/stack-config";

// The stack's embedded Postgres (sandbox/postgres.ts user/password, e2e/support/stack.ts database).
const DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${E2E.postgresPort}/crm_sync_e2e`;
const HUBSPOT_URL = `http://127.0.0.1:${E2E.hubspotPort}`;
const LEVEL = "c2_extra";
const LABEL = "C2 EXTRA";
const NEW_STAFF = "learner@demo.test";

let pool: pg.Pool;

test.beforeAll(async () => {
  pool = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  await createLevelTables(pool, "public", [LEVEL]);
  await pool.query(
    `insert into public.${LEVEL}_progress (user_id, unit_id, completed, accuracy, time_spent_seconds)
     select id, 1, true, 90, 300 from auth.users where email = $1`,
    [NEW_STAFF],
  );
});

test.afterAll(async () => {
  await pool.query(`drop table if exists public.${LEVEL}_progress, public.${LEVEL}_milestones`);
  await pool.query("delete from crm_sync.level_settings where level = $1", [LEVEL]);
  await pool.query("delete from crm_sync.staff where email = $1", [NEW_STAFF]);
  await pool.end();
});

const region = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

async function auditActions(): Promise<Array<{ action: string; target: string | null; actor_label: string }>> {
  const { rows } = await pool.query(
    "select action, target, actor_label from crm_sync.audit_log order by id desc limit 20",
  );
  return rows;
}

async function previewLevels(page: Page): Promise<string> {
  await page.goto("/sync");
  const answer = page.waitForResponse(
    (response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/sync",
  );
  await page.getByRole("button", { name: "Preview payload" }).click();
  expect((await answer).ok()).toBe(true);
  const line = page.getByText(/^Dry run #\d+ over /);
  await expect(line).toBeVisible({ timeout: 60_000 });
  return (await line.textContent()) ?? "";
}

test.describe("as an admin", () => {
  test.describe.configure({ mode: "serial" });
  test.use({ storageState: storageStateFor("admin") });

  test("creates the missing HubSpot properties of a newly discovered level", async ({ page }) => {
    await page.goto("/settings");
    const levels = region(page, "Levels");
    // Discovered on this page view and enabled (auto-enable is on by default).
    await expect(levels.getByRole("switch", { name: `Sync level ${LABEL}` })).toHaveAttribute("aria-checked", "true");
    await expect(levels.getByRole("row", { name: new RegExp(`^${LABEL}`) })).toContainText(`${LEVEL}_progress`);

    const properties = region(page, "HubSpot properties");
    const statusRow = properties.getByRole("row", { name: new RegExp(`level_${LEVEL}_status`) });
    await expect(statusRow.getByText("Create", { exact: true })).toBeVisible();
    await snap(page, "settings-admin-before-create");

    await properties.getByRole("button", { name: "Create missing properties" }).click();
    await expect(properties.getByRole("status").filter({ hasText: /^Done: / })).toContainText(/created \d+ propert/);
    await expect(statusRow.getByText("Exists", { exact: true })).toBeVisible();
    await expect(properties.getByText("Create", { exact: true })).toHaveCount(0);

    const state = (await (await fetch(`${HUBSPOT_URL}/__control/state`)).json()) as {
      properties: Array<{ name: string; groupName: string; options: Array<{ value: string }> }>;
    };
    const ours = state.properties
      .filter((property) => property.groupName === "level_progress")
      .map((property) => property.name);
    expect(ours).toEqual(
      expect.arrayContaining([
        `level_${LEVEL}_status`,
        `level_${LEVEL}_units_completed`,
        `level_${LEVEL}_accuracy`,
        "current_active_level",
      ]),
    );
    const currentLevel = state.properties.find((property) => property.name === "current_active_level");
    expect(currentLevel?.options.map((option) => option.value)).toContain(LEVEL);
    expect(await auditActions()).toContainEqual({
      action: "properties.create",
      target: "level_progress",
      actor_label: "admin@demo.test",
    });
  });

  test("disables a level, which vanishes from the next preview", async ({ page }) => {
    test.setTimeout(120_000);
    // The preview names levels in upper case, underscores kept.
    expect(await previewLevels(page)).toContain(LEVEL.toUpperCase());

    await page.goto("/settings");
    const toggle = region(page, "Levels").getByRole("switch", { name: `Sync level ${LABEL}` });
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    await expect(region(page, "Levels").getByText(`${LABEL} disabled.`)).toBeVisible();
    await expect(
      region(page, "Audit log")
        .getByRole("row", { name: /level\.update/ })
        .first(),
    ).toContainText(LEVEL);

    const text = await previewLevels(page);
    expect(text).not.toContain(LEVEL.toUpperCase());
    expect(text).toContain("A1, A2, B1, B2, C1, C2");
    await expect(page.getByRole("table", { name: "Property plan" }).getByText(`level_${LEVEL}_status`)).toHaveCount(0);
  });

  test("validates the unit total and the milestone key inline", async ({ page }) => {
    await page.goto("/settings");
    const levels = region(page, "Levels");
    await levels.getByLabel(`Unit total for ${LABEL}`).fill("0");
    await levels.getByRole("button", { name: `Save unit total for ${LABEL}` }).click();
    await expect(levels.getByRole("alert")).toContainText("at least 1");
    await levels.getByLabel(`Unit total for ${LABEL}`).fill("12");
    await levels.getByRole("button", { name: `Save unit total for ${LABEL}` }).click();
    await expect(levels.getByText(`${LABEL}: unit total 12.`)).toBeVisible();

    const key = levels.getByLabel("Completion milestone key");
    await key.fill("level completed!");
    await levels.getByRole("button", { name: "Save", exact: true }).click();
    await expect(levels.getByRole("alert")).toContainText("may only contain");
    await expect(key).toHaveValue("level completed!");
  });

  test("adds a staff member, changes their role and removes them", async ({ page }) => {
    await page.goto("/settings");
    const staff = region(page, "Staff");
    await staff.getByLabel("Email of an existing user").fill(NEW_STAFF);
    await staff.getByLabel("Role", { exact: true }).selectOption("viewer");
    await staff.getByRole("button", { name: "Add staff member" }).click();
    await expect(staff.getByText(`${NEW_STAFF} added as viewer.`)).toBeVisible();
    const row = staff.getByRole("row", { name: new RegExp(NEW_STAFF) });
    await expect(row).toContainText("viewer");

    await row.getByLabel(`Role for ${NEW_STAFF}`).selectOption("operator");
    await row.getByRole("button", { name: `Change role of ${NEW_STAFF}` }).click();
    await expect(row.getByText(`${NEW_STAFF} is now operator.`)).toBeVisible();
    await snap(page, "settings-admin-staff");

    await row.getByRole("button", { name: `Remove ${NEW_STAFF}` }).click();
    await row.getByRole("button", { name: "Confirm remove" }).click();
    await expect(staff.getByRole("row", { name: new RegExp(NEW_STAFF) })).toHaveCount(0);
    const actions = (await auditActions()).filter((entry) => entry.target === NEW_STAFF).map((entry) => entry.action);
    expect(actions.slice(0, 3)).toEqual(["staff.remove", "staff.role_change", "staff.add"]);
  });

  test("refuses to demote or remove the last admin, saying why", async ({ page }) => {
    await page.goto("/settings");
    const row = region(page, "Staff").getByRole("row", { name: /admin@demo\.test/ });
    await row.getByLabel("Role for admin@demo.test").selectOption("viewer");
    await row.getByRole("button", { name: "Change role of admin@demo.test" }).click();
    await expect(row.getByRole("alert")).toHaveText(
      "Cannot demote admin@demo.test to viewer: they are the last admin. Make someone else admin first.",
    );

    await row.getByRole("button", { name: "Remove admin@demo.test" }).click();
    await row.getByRole("button", { name: "Confirm remove" }).click();
    await expect(row.getByRole("alert")).toHaveText(
      "Cannot remove admin@demo.test: they are the last admin. Make someone else admin first.",
    );
    const { rows } = await pool.query("select role from crm_sync.staff where email = 'admin@demo.test'");
    expect(rows).toEqual([{ role: "admin" }]);
    await snap(page, "settings-admin-last-admin");
  });

  test("shows connections and the audit log", async ({ page }) => {
    await page.goto("/settings");
    const connections = region(page, "Connections");
    await expect(connections.getByText("reachable", { exact: true })).toBeVisible();
    await expect(connections.getByText("valid", { exact: true })).toBeVisible();
    await expect(connections.getByText(/^portal \d+$/)).toBeVisible();
    await expect(connections.getByText("configured", { exact: true })).toBeVisible();
    await expect(connections).not.toContainText(E2E.cronSecret);
    const audit = region(page, "Audit log");
    await expect(audit.getByRole("row").nth(1)).toContainText("admin@demo.test");
    await snap(page, "settings-admin-full");
  });

  test("is usable on a narrow screen", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/settings");
    await expect(region(page, "Staff").getByRole("button", { name: "Add staff member" })).toBeVisible();
    // Wide tables scroll inside their card; the page itself must not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snap(page, "settings-narrow");
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("sees the settings read-only", async ({ page }) => {
    await page.goto("/settings");
    await expect(region(page, "Levels").getByRole("row", { name: /^A1/ })).toContainText("enabled");
    await expect(page.getByRole("switch")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Create missing properties" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Add staff member" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
    await expect(
      region(page, "HubSpot properties").getByText(
        "Only admins can create properties. You are a viewer, so this is read-only.",
      ),
    ).toBeVisible();
    await expect(region(page, "Staff").getByRole("row", { name: /viewer@demo\.test/ })).toBeVisible();
    await snap(page, "settings-viewer");
  });
});
