import path from "node:path";
import type { Page } from "@playwright/test";

/** A full-page screenshot into e2e/artifacts/ (gitignored) for a human to look at. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(import.meta.dirname, "..", "artifacts", `${name}.png`), fullPage: true });
}
