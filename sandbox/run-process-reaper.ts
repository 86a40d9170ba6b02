/**
 * Watchdog child of `npm run demo` (see process-reaper.ts). The demo tells it the process group
 * of every service it starts. If the demo dies without releasing it (SIGKILL, a crash), the IPC
 * channel disconnects and the reaper stops those groups — SIGTERM, then SIGKILL after 10 s — so
 * no orphaned app or stand-in keeps holding a port.
 */
import { z } from "zod";

const messageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("watch"), pgid: z.number().int().positive() }),
  z.object({ type: z.literal("release") }),
]);

const groups = new Set<number>();
let isReleased = false;

function isGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

async function reap(): Promise<void> {
  const alive = [...groups].filter(isGroupAlive);
  alive.forEach((pgid) => signalGroup(pgid, "SIGTERM"));
  for (const deadline = Date.now() + 10_000; Date.now() < deadline && alive.some(isGroupAlive);) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  alive.filter(isGroupAlive).forEach((pgid) => signalGroup(pgid, "SIGKILL"));
}

process.on("message", (raw) => {
  const message = messageSchema.safeParse(raw);
  if (!message.success) return;
  if (message.data.type === "watch") groups.add(message.data.pgid);
  else isReleased = true;
});
process.on("disconnect", () => {
  if (isReleased) process.exit(0);
  void reap().finally(() => process.exit(0));
});
// Detached, so no terminal signal is meant for it; only the demo (or the IPC channel) ends it.
process.on("SIGINT", () => {});
process.on("SIGHUP", () => {});
