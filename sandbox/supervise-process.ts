/**
 * Child processes of the demo, each in its own process group (`detached`), so that stopping one
 * also stops everything it spawned (next dev forks workers) and a Ctrl-C in the terminal reaches
 * only the demo, which then stops the children in order. Output is prefixed line by line.
 */
import { spawn } from "node:child_process";
import readline from "node:readline";

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SupervisedProcess {
  name: string;
  pid: number;
  exited: Promise<ProcessExit>;
  hasExited(): boolean;
  /** SIGTERM to the group, SIGKILL after `timeoutMs`; resolves when the whole group is gone. */
  stop(timeoutMs?: number): Promise<void>;
}

export interface StartProcessOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  print: (line: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    // ESRCH: no process left in the group. EPERM would mean it exists but is not ours.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function waitForGroupToEnd(pid: number, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
    if (!signalGroup(pid, 0)) return true;
  }
  return !signalGroup(pid, 0);
}

export function startSupervisedProcess(options: StartProcessOptions): SupervisedProcess {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    // Next's types make NODE_ENV required on ProcessEnv; a child environment may leave it unset.
    env: options.env as NodeJS.ProcessEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error(`Could not start ${options.name} (${options.command})`);
  const pid = child.pid;
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on("line", options.print);
  }
  let hasExited = false;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once("exit", (code, signal) => {
      hasExited = true;
      resolve({ code, signal });
    });
    child.once("error", (error) => {
      options.print(`failed to start: ${error.message}`);
      hasExited = true;
      resolve({ code: 1, signal: null });
    });
  });

  return {
    name: options.name,
    pid,
    exited,
    hasExited: () => hasExited,
    async stop(timeoutMs = 10_000) {
      if (!signalGroup(pid, "SIGTERM")) return;
      const leaderStopped = await Promise.race([exited.then(() => true), sleep(timeoutMs).then(() => false)]);
      // Children of the leader (next's workers) may outlive it briefly; give them a moment, then force.
      if (leaderStopped && (await waitForGroupToEnd(pid, 3_000))) return;
      options.print(`did not stop within ${timeoutMs / 1000}s; killing`);
      signalGroup(pid, "SIGKILL");
      await waitForGroupToEnd(pid, 3_000);
    },
  };
}
