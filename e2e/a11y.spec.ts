import { expectNoSeriousA11yViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { storageStateFor } from "./support/logins";
import { closeE2ePool, openPageState, PAGE_STATES } from "./support/page-states";

/**
 * axe (WCAG 2.1 A/AA) on every page and state of e2e/support/page-states.ts, in the light and the
 * dark scheme (colour contrast differs), then the keyboard: focus visible everywhere, dialogs give
 * focus back, and the colour scheme choice survives a reload.
 */

test.describe.configure({ mode: "serial" });
test.afterAll(closeE2ePool);

for (const state of PAGE_STATES) {
  test.describe(state.name, () => {
    test.use({ storageState: state.login ? storageStateFor(state.login) : { cookies: [], origins: [] } });
    for (const colorScheme of ["light", "dark"] as const) {
      test(`${state.name} in the ${colorScheme} scheme has no serious axe violations`, async ({ page }) => {
        await page.emulateMedia({ colorScheme });
        const cleanup = await openPageState(page, state);
        try {
          await expectNoSeriousA11yViolations(page, `${state.name} (${colorScheme})`);
        } finally {
          await cleanup();
        }
      });
    }
  });
}

test.describe("keyboard", () => {
  test.use({ storageState: storageStateFor("operator") });

  test("Tab reaches every action on the Sync page, each with a visible focus ring", async ({ page }) => {
    await page.goto("/sync");
    await expect(page.getByRole("heading", { name: "Run history" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sync now" })).toBeEnabled();
    const reached = new Set<string>();
    for (let step = 0; step < 80; step += 1) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const element = document.activeElement;
        if (!(element instanceof HTMLElement) || element === document.body) return null;
        const style = getComputedStyle(element);
        return {
          name: (element.getAttribute("aria-label") ?? element.textContent ?? "")
            .trim()
            .replace(/\s+/g, " ")
            .slice(0, 60),
          hasRing: style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) >= 2,
        };
      });
      if (!focused) continue;
      expect(focused.hasRing, `focus ring on "${focused.name}"`).toBe(true);
      reached.add(focused.name);
    }
    for (const name of [
      "Skip to content",
      "Dashboard",
      "Sync",
      "Settings",
      "Sign out",
      "Sync now",
      "Preview payload",
    ]) {
      expect([...reached], `Tab reaches "${name}"`).toContainEqual(expect.stringContaining(name));
    }
  });

  test("the confirm dialog traps focus and gives it back to Sync now", async ({ page }) => {
    await page.goto("/sync");
    const syncNow = page.getByRole("button", { name: "Sync now" });
    await expect(syncNow).toBeEnabled();
    await syncNow.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Sync to HubSpot now?" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(syncNow).toBeFocused();
  });

  test("the colour scheme toggle applies at once and is remembered after a reload", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/");
    const html = page.locator("html");
    await expect(html).not.toHaveClass(/dark/);
    await page.getByRole("button", { name: /^Colour scheme: System/ }).click();
    await page.getByRole("button", { name: /^Colour scheme: Light/ }).click();
    await expect(html).toHaveClass(/\bdark\b/);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(11, 17, 32)");
    await page.reload();
    // Server-rendered: the class is in the HTML itself, so there is no light flash before hydration.
    await expect(html).toHaveClass(/\bdark\b/);
    await expect(page.getByRole("button", { name: /^Colour scheme: Dark/ })).toBeVisible();
    await page.getByRole("button", { name: /^Colour scheme: Dark/ }).click();
    await expect(html).not.toHaveClass(/\b(dark|light)\b/);
  });
});
