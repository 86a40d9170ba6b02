import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./support/fixtures";
import { storageStateFor } from "./support/logins";
import { closeE2ePool, openPageState, PAGE_STATES } from "./support/page-states";
import { snap } from "./support/snap";

/**
 * Every page and state at phone (390), tablet (768) and laptop (1366) widths: nothing scrolls
 * sideways at 390 (wide tables scroll inside their card), and a screenshot of each lands in
 * e2e/artifacts/ for a human to look at.
 */

const PHONE = { width: 390, height: 844 };
const WIDTHS = [768, 1366];

test.describe.configure({ mode: "serial" });
test.afterAll(closeE2ePool);

for (const state of PAGE_STATES) {
  test.describe(state.name, () => {
    test.use({
      storageState: state.login ? storageStateFor(state.login) : { cookies: [], origins: [] },
      viewport: PHONE,
    });

    test(`${state.name} does not scroll sideways at 390 px`, async ({ page }) => {
      const cleanup = await openPageState(page, state);
      try {
        const widths = await page.evaluate(() => ({
          scroll: document.scrollingElement?.scrollWidth ?? 0,
          inner: window.innerWidth,
        }));
        expect(widths.scroll, `page width at ${widths.inner} px`).toBeLessThanOrEqual(widths.inner);
        await snap(page, `${state.name}-390`);
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          await snap(page, `${state.name}-${width}`);
        }
      } finally {
        await cleanup();
      }
    });
  });
}

test.describe("navigation on a phone", () => {
  test.use({ storageState: storageStateFor("viewer"), viewport: PHONE });

  test("every navigation link and header action is at least 44 px tall", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    const targets = [
      ...(await nav.getByRole("link").all()),
      page.getByRole("button", { name: "Sign out" }),
      page.getByRole("button", { name: /^Colour scheme/ }),
    ];
    expect(targets.length).toBeGreaterThanOrEqual(5);
    for (const target of targets) {
      const box = await target.boundingBox();
      expect(box, `${await target.textContent()} is on screen`).not.toBeNull();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    }
    await nav.getByRole("link", { name: "Sync" }).click();
    await expect(page).toHaveURL(/\/sync$/);
  });

  test("the per-level table scrolls inside its card with the level column pinned", async ({ page }) => {
    await page.goto("/");
    const region = page.getByRole("region", { name: "KPIs per level" });
    await expect(region).toBeVisible();
    const overflow = await region.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
    expect(overflow.scroll).toBeGreaterThan(overflow.client);
    const firstCell = region.getByRole("rowheader").first();
    const before = await firstCell.boundingBox();
    // Keyboard users scroll it with the arrow keys once it has focus.
    await region.focus();
    for (let press = 0; press < 5; press += 1) await page.keyboard.press("ArrowRight");
    await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    await region.evaluate((element) => element.scrollTo({ left: element.scrollWidth }));
    const after = await firstCell.boundingBox();
    expect(after?.x).toBe(before?.x);
  });
});

/**
 * The README's pictures: a phone and a dark-mode view of the dashboard. Only on request
 * (E2E_DOCS_SCREENSHOTS=1), so ordinary runs do not rewrite tracked files.
 */
test.describe("README screenshots", () => {
  test.skip(process.env.E2E_DOCS_SCREENSHOTS !== "1", "set E2E_DOCS_SCREENSHOTS=1 to refresh docs/screenshots/");
  test.use({ storageState: storageStateFor("viewer") });

  test("captures docs/screenshots/dashboard-phone.png and dashboard-dark.png", async ({ page }) => {
    const dir = path.join(import.meta.dirname, "..", "docs", "screenshots");
    fs.mkdirSync(dir, { recursive: true });
    const dashboard = PAGE_STATES.find((state) => state.name === "dashboard");
    if (!dashboard) throw new Error("no dashboard state");
    await page.setViewportSize(PHONE);
    await openPageState(page, dashboard);
    await page.screenshot({ path: path.join(dir, "dashboard-phone.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.setViewportSize({ width: 1366, height: 900 });
    await openPageState(page, dashboard);
    await page.screenshot({ path: path.join(dir, "dashboard-dark.png") });
    for (const name of ["dashboard-phone.png", "dashboard-dark.png"]) {
      expect(fs.statSync(path.join(dir, name)).size, name).toBeLessThan(300 * 1024);
    }
  });
});
