/** Runs one benchmark phase in a child process and parses its one-line JSON result. */
import { spawn } from "node:child_process";
import path from "node:path";
import { workerResultSchema, type WorkerConfig, type WorkerResult } from "./worker-protocol";

const WORKER = path.join(import.meta.dirname, "bench-worker.ts");

export function runWorker(config: WorkerConfig): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", WORKER, JSON.stringify(config)], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) {
        reject(new Error(`benchmark phase ${config.phase} exited with ${code}`));
        return;
      }
      const line = stdout.trim().split("\n").at(-1) ?? "";
      try {
        resolve(workerResultSchema.parse(JSON.parse(line)));
      } catch (error) {
        reject(
          new Error(
            `benchmark phase ${config.phase} printed no result: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      }
    });
  });
}
