import { expect, test } from "./support/fixtures";
import { storageStateFor } from "./support/logins";
import { snap } from "./support/snap";

test.use({ storageState: storageStateFor("admin") });

const LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"];

test("the admin sees the shell and the live status", async ({ page }) => {
  const health = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/health");
  await page.goto("/");
  expect((await health).status()).toBe(200);

  const header = page.getByRole("banner");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Sync" })).not.toHaveAttribute("aria-current");
  await expect(nav.getByRole("link", { name: "Settings" })).toBeVisible();
  await expect(header.getByText("admin@demo.test")).toBeVisible();
  await expect(header.getByText("admin", { exact: true })).toBeVisible();
  await expect(header.getByRole("button", { name: "Sign out" })).toBeVisible();

  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  const levelTable = page.getByRole("table", { name: "Level tables and their row counts" });
  await expect(levelTable.getByRole("row")).toHaveCount(LEVELS.length + 1);
  for (const [index, level] of LEVELS.entries()) {
    const row = levelTable.getByRole("row").nth(index + 1);
    await expect(row.getByRole("cell").first()).toHaveText(level);
    await expect(row.getByRole("cell").nth(1)).toHaveText(`${level.toLowerCase()}_progress`);
  }
  await expect(page.getByText("Reachable", { exact: true })).toBeVisible();
  await expect(page.getByText("Connected", { exact: true })).toBeVisible();
  await expect(page.getByText(/^Portal \d+$/)).toBeVisible();
  await snap(page, "dashboard-admin");
});

test("the navigation marks the current page", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });

  await nav.getByRole("link", { name: "Sync" }).click();
  await expect(page).toHaveURL(/\/sync$/);
  await expect(nav.getByRole("link", { name: "Sync" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Dashboard" })).not.toHaveAttribute("aria-current");
  await expect(page.getByRole("heading", { name: "Sync", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Run history" })).toBeVisible();
  await snap(page, "sync-admin");

  await nav.getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveAttribute("aria-current", "page");
  const staff = page.getByRole("table", { name: "Staff members and their roles" });
  await expect(staff.getByRole("row")).toHaveCount(4);
  for (const email of ["admin@demo.test", "operator@demo.test", "viewer@demo.test"]) {
    await expect(staff.getByRole("row", { name: new RegExp(email) })).toBeVisible();
  }
  await expect(staff.getByText("learner@demo.test")).toHaveCount(0);
  await snap(page, "settings-admin");
});

test("a signed-in staff member skips the login page", async ({ page }) => {
  await page.goto("/login?next=%2Fsettings");
  await expect(page).toHaveURL(/\/settings$/);
});

test("the shell works on a narrow screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Level tables and their row counts" })).toBeVisible();
  await snap(page, "dashboard-narrow");
});
