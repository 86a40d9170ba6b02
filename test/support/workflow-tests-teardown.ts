/** Global setup of the `workflow` test project: removes its bundles and data when the run ends. */
import fs from "node:fs";
import path from "node:path";
import { workflowTestsDir } from "./workflow-tests-dir";

export default function setup(): () => void {
  const dir = workflowTestsDir(path.resolve(import.meta.dirname, "../.."));
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
