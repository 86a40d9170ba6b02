import { expect, test as setup } from "./support/fixtures";
import { signInThroughForm } from "./support/sign-in";
import { storageStateFor, type LoginName } from "./support/logins";

/** Signs in once per role; the specs reuse the saved cookies instead of the login form. */
const LANDING: Record<LoginName, RegExp> = {
  admin: /\/$/,
  operator: /\/$/,
  viewer: /\/$/,
  learner: /\/no-access$/,
};

for (const name of Object.keys(LANDING) as LoginName[]) {
  setup(`sign in as ${name}`, async ({ page }) => {
    await page.goto("/login");
    await signInThroughForm(page, name);
    await expect(page).toHaveURL(LANDING[name]);
    await page.context().storageState({ path: storageStateFor(name) });
  });
}
