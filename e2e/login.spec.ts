import { expect, test } from "./support/fixtures";
import { loginFor, storageStateFor } from "./support/logins";
import { signInThroughForm } from "./support/sign-in";
import { snap } from "./support/snap";
import { E2E } from "./support/stack-config";

test.use({ storageState: { cookies: [], origins: [] } });

test("an anonymous visitor is sent to the login page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByLabel("Email")).toBeVisible();
  await expect(page.getByLabel("Password")).toBeVisible();
  await snap(page, "login");

  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login\?next=%2Fsettings$/);
});

test("a wrong password shows an error and keeps the email", async ({ page }) => {
  await page.goto("/login");
  await signInThroughForm(page, "admin", "not-the-password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");
  await expect(page.getByLabel("Email")).toHaveValue("admin@demo.test");
  await expect(page).toHaveURL(/\/login$/);
  await snap(page, "login-wrong-password");
});

test("an empty form is answered per field", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
});

test("the form works with the keyboard alone", async ({ page }) => {
  await page.goto("/login");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.type("viewer@demo.test");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(loginFor("viewer").password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("banner").getByText("viewer", { exact: true })).toBeVisible();
});

test("after signing in, the page that was asked for opens", async ({ page }) => {
  await page.goto("/sync");
  await expect(page).toHaveURL(/\/login\?next=%2Fsync$/);
  await signInThroughForm(page, "viewer");
  await expect(page).toHaveURL(/\/sync$/);
  await expect(page.getByRole("heading", { name: "Sync", level: 1 })).toBeVisible();
});

test("other API routes refuse anonymous callers with 401", async ({ request }) => {
  const response = await request.get("/api/runs", { maxRedirects: 0 });
  expect(response.status()).toBe(401);
  expect(await response.json()).toEqual({ error: "unauthorized" });
});

test("the status endpoint is public but tells anonymous callers only whether it is up", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true });
});

test("staff get the full status report, which carries no secrets", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor("viewer") });
  const response = await context.request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  await context.close();
  expect(body).toMatchObject({ status: "ok", database: { ok: true }, hubspot: { ok: true, configured: true } });
  expect(body.levels.map((level: { level: string }) => level.level)).toEqual(["a1", "a2", "b1", "b2", "c1", "c2"]);
  const text = JSON.stringify(body);
  for (const secret of [E2E.hubspotToken, "postgres:postgres", "sb_publishable"]) expect(text).not.toContain(secret);
});
