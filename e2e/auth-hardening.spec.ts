/**
 * Sign-in hardening end to end: the app's own throttle (per account), Supabase Auth's rate limit on
 * /token (driven low through the stand-in's control endpoint), and the session cookies' flags, and
 * that page views with a valid session never call /token (they would share GoTrue's per-IP limit).
 */
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { storageStateFor } from "./support/logins";
import { E2E } from "./support/stack-config";

const AUTH_RATE_LIMITED =
  "The authentication service is receiving too many sign-in requests right now. Wait a few minutes, then try again.";

/** A fresh client IP per run: the app's per-IP throttle then never mixes this spec with the others. */
const testIp = () => `198.18.${randomBytes(1)[0]}.${(randomBytes(1)[0]! % 250) + 1}`;
const strangerEmail = (label: string) => `${label}-${randomBytes(4).toString("hex")}@demo.test`;

async function controlStats(): Promise<{
  tokenRequests: { password: number; refresh_token: number };
  rateLimited: number;
}> {
  const response = await fetch(`${E2E.authUrl}/__control/stats`);
  expect(response.status).toBe(200);
  return (await response.json()) as { tokenRequests: { password: number; refresh_token: number }; rateLimited: number };
}

async function setTokenRateLimit(requests: number): Promise<void> {
  const response = await fetch(`${E2E.authUrl}/__control/token-rate-limit`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ requests, windowSeconds: 300 }),
  });
  expect(response.status).toBe(200);
}

async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  const answer = page.waitForResponse(
    (response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/login",
  );
  await page.getByRole("button", { name: "Sign in" }).click();
  expect((await answer).ok()).toBe(true);
}

test.describe("signing in", () => {
  test.use({ storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { "x-forwarded-for": testIp() } });

  test("after 5 failed attempts an account is blocked, with the time to wait, before Supabase is even asked", async ({
    page,
  }) => {
    const email = strangerEmail("throttled");
    await page.goto("/login");
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await submitSignIn(page, email, `wrong-${attempt}`);
      await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");
    }
    const before = await controlStats();
    await submitSignIn(page, email, "wrong-6");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      /^Too many failed sign-in attempts for this account\. Try again in 1[45] minutes\.$/,
    );
    expect((await controlStats()).tokenRequests.password).toBe(before.tokenRequests.password);
  });

  test("Supabase Auth's 429 on /token is shown as a rate limit, not as a wrong password", async ({ page }) => {
    await setTokenRateLimit(1);
    try {
      const email = strangerEmail("limited");
      await page.goto("/login");
      await submitSignIn(page, email, "wrong-1");
      await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");
      await submitSignIn(page, email, "wrong-2");
      await expect(page.getByRole("main").getByRole("alert")).toHaveText(AUTH_RATE_LIMITED);
      expect((await controlStats()).rateLimited).toBe(1);
    } finally {
      await setTokenRateLimit(150);
    }
  });
});

test.describe("a signed-in session", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("page views make no /token call, and the session cookies are httpOnly and SameSite=Lax", async ({ page }) => {
    const before = await controlStats();
    for (const target of ["/", "/sync", "/settings", "/"]) {
      await page.goto(target);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    }
    expect((await controlStats()).tokenRequests.refresh_token).toBe(before.tokenRequests.refresh_token);

    const sessionCookies = (await page.context().cookies()).filter((cookie) => /^sb-.*-auth-token/.test(cookie.name));
    expect(sessionCookies.length).toBeGreaterThan(0);
    for (const cookie of sessionCookies) expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    expect(await page.evaluate(() => document.cookie)).not.toContain("auth-token");
  });
});
