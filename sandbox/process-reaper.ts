/**
 * Makes sure the demo's children die with it. Clean shutdowns stop them in order; the reaper
 * (run-process-reaper.ts, a separate process) covers the unclean ones, where the demo gets no
 * chance to run any code: `kill -9`, an OOM kill, a test runner killing it hard.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface ProcessReaper {
  /** Kill this process group too if the demo dies without release(). */
  watch(pgid: number): void;
  /** Clean shutdown done: the reaper exits without touching anything. */
  release(): void;
}

export function startProcessReaper(): ProcessReaper {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(HERE, "run-process-reaper.ts")], {
    cwd: path.resolve(HERE, ".."),
    detached: true,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  child.unref();
  child.channel?.unref();
  const send = (message: object) => {
    if (child.connected) child.send(message);
  };
  return {
    watch: (pgid) => send({ type: "watch", pgid }),
    release() {
      send({ type: "release" });
      if (child.connected) child.disconnect();
    },
  };
}
