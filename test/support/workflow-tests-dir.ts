/**
 * Where the `workflow` test project (vitest.config.ts) keeps the Workflow SDK's test bundles and its
 * local world's data: one folder per `vitest` process, so runs started side by side in one tree never
 * rebuild or clear each other's, and removed when the run ends (workflow-tests-teardown.ts). Inside
 * the repository: the bundles import `pg`, `workflow`… from node_modules.
 */
import path from "node:path";

export function workflowTestsDir(root: string, pid = process.pid): string {
  return path.join(root, ".data", "workflow-tests", String(pid));
}
