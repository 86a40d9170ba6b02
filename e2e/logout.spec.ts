import { expect, test } from "./support/fixtures";
import { signInThroughForm } from "./support/sign-in";
import { snap } from "./support/snap";

// A session of its own: signing out must not end the sessions the other specs reuse.
test.use({ storageState: { cookies: [], origins: [] } });

test("signing out ends the session", async ({ page }) => {
  await page.goto("/login");
  await signInThroughForm(page, "operator");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("banner").getByText("operator", { exact: true })).toBeVisible();

  const signOut = page.waitForResponse(
    (response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/",
  );
  await page.getByRole("button", { name: "Sign out" }).click();
  await signOut;
  await expect(page).toHaveURL(/\/login$/);
  await snap(page, "after-sign-out");

  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  const cookies = await page.context().cookies();
  expect(cookies.filter((cookie) => cookie.name.includes("auth-token"))).toEqual([]);
});

test("a learner can sign out from the no-access page", async ({ page }) => {
  await page.goto("/login");
  await signInThroughForm(page, "learner");
  await expect(page).toHaveURL(/\/no-access$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
});
