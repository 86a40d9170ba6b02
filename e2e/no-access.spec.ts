import { expect, test } from "./support/fixtures";
import { storageStateFor } from "./support/logins";
import { snap } from "./support/snap";

test.use({ storageState: storageStateFor("learner") });

test("a learner sees no access and nothing else", async ({ page }) => {
  for (const path of ["/", "/settings", "/sync"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/no-access$/);
    await expect(page.getByRole("heading", { name: "No access" })).toBeVisible();
  }
  await expect(page.getByText(/Your account \(learner@demo\.test\) is not a staff member/)).toBeVisible();
  await expect(page.getByRole("navigation")).toHaveCount(0);
  await expect(page.getByRole("table")).toHaveCount(0);
  await snap(page, "no-access-learner");
});

test("a learner gets no data from the pages' server output either", async ({ request }) => {
  const response = await request.get("/settings", { maxRedirects: 0 });
  expect([303, 307]).toContain(response.status());
  expect(response.headers().location).toMatch(/\/no-access$/);
  expect(await response.text()).not.toContain("operator@demo.test");
});
