import { expect, type Page } from "@playwright/test";
import { loginFor, type LoginName } from "./logins";

/** Fills the login form and submits; waits for the server action's answer, not for a fixed time. */
export async function signInThroughForm(page: Page, name: LoginName, password?: string): Promise<void> {
  const login = loginFor(name);
  await page.getByLabel("Email").fill(login.email);
  await page.getByLabel("Password").fill(password ?? login.password);
  const answer = page.waitForResponse(
    (response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/login",
  );
  await page.getByRole("button", { name: "Sign in" }).click();
  expect((await answer).ok()).toBe(true);
}
