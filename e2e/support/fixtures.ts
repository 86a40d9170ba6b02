/**
 * The `test` every spec uses: Playwright's, plus a guard that fails a test when the browser reports
 * any Content-Security-Policy violation in its context. The CSP is part of the product (issue #5), and
 * a violation means something the app needs is blocked, or something it does not need was attempted.
 */
import { expect, test as base, type BrowserContext } from "@playwright/test";

interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
  line: number;
}

const violationsByContext = new WeakMap<BrowserContext, string[]>();

/** The violations reported so far in `context` (the guard watches every context the fixture makes). */
export function cspViolations(context: BrowserContext): readonly string[] {
  const violations = violationsByContext.get(context);
  if (!violations)
    throw new Error("This browser context is not watched for CSP violations; use the context of the test's page.");
  return violations;
}

async function watchCspViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  violationsByContext.set(context, violations);
  // The DOM event names the directive and the source file, also for blocked attempts that the page
  // catches (an eval probe in a try block); the console message covers what has no event.
  await context.exposeBinding("__e2eReportCspViolation", ({ page }, violation: CspViolation) => {
    violations.push(
      `${new URL(page.url()).pathname}: ${violation.directive} blocked ${violation.blocked || "(inline)"} in ${violation.source}:${violation.line}`,
    );
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __e2eReportCspViolation: (violation: CspViolation) => void })
        .__e2eReportCspViolation;
      report({
        directive: event.violatedDirective,
        blocked: event.blockedURI,
        source: event.sourceFile,
        line: event.lineNumber,
      });
    });
  });
  context.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  return violations;
}

export const test = base.extend({
  // `provide`, not `use`: the React hooks lint rule would take Playwright's `use` for React's.
  context: async ({ context }, provide) => {
    const violations = await watchCspViolations(context);
    await provide(context);
    expect(violations, "Content-Security-Policy violations reported by the browser").toEqual([]);
  },
});

export { expect };
