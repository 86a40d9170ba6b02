import path from "node:path";
import { workflow } from "@workflow/vitest";
import { defineConfig } from "vitest/config";
import { workflowTestsDir } from "./test/support/workflow-tests-dir.ts";

/**
 * Two projects, one `npm test`: "unit" (everything, plain Node) and "workflow" (`*.workflow.test.ts`):
 * those run workflows through the Workflow SDK's own runtime in-process (its local world), so the
 * SDK's plugin compiles "use workflow" / "use step" for them and builds the bundles once per run,
 * into a folder of this run under .data/workflow-tests (git-ignored) that is removed at the end.
 */
const WORKFLOW_TESTS = "**/*.workflow.test.ts";
const EXCLUDED = ["node_modules/**", "e2e/**", ".next/**", ".data/**"];

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${path.resolve(import.meta.dirname)}/` },
      // `server-only` throws outside React Server Components; tests run server code directly.
      { find: /^server-only$/, replacement: path.resolve(import.meta.dirname, "test/support/empty-module.ts") },
    ],
  },
  test: {
    environment: "node",
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: files run in parallel forks, each with its own database cloned from a template.
    pool: "forks",
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "unit", include: ["**/*.test.ts"], exclude: [...EXCLUDED, WORKFLOW_TESTS] } },
      {
        extends: true,
        plugins: [workflow({ rootDir: workflowTestsDir(import.meta.dirname) })],
        test: {
          name: "workflow",
          include: [WORKFLOW_TESTS],
          exclude: EXCLUDED,
          globalSetup: ["test/support/workflow-tests-teardown.ts"],
        },
      },
    ],
  },
});
