import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** WCAG 2.1 A and AA: what the product promises (issue #13). */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const BLOCKING = new Set(["serious", "critical"]);

/**
 * Runs axe on the page as it is now and fails on any serious or critical violation, listing each
 * rule with the elements it found, so the failure message is the to-do list.
 */
export async function expectNoSeriousA11yViolations(page: Page, label: string): Promise<void> {
  // Colours are measured as they are at this instant: let running transitions (a button fading
  // from one scheme's colours to the other's, a hover ending) settle first, or contrast is judged
  // on an in-between colour.
  // (Endless animations such as spinners are left alone: they would never finish.)
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const blocking = results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ""))
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(" | ")}`,
    );
  expect(blocking, `serious or critical axe violations on ${label}`).toEqual([]);
}
