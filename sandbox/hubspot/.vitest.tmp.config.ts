import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: path.resolve(import.meta.dirname, "../.."),
  test: { include: ["sandbox/hubspot/*.test.ts"], environment: "node", testTimeout: 60_000, pool: "forks", maxWorkers: 2 },
});
