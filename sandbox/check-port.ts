/** Port checks for the local stack, so a taken port fails with a clear message instead of a stack trace. */
import fs from "node:fs";
import net from "node:net";

/** True when nothing listens on the port (checked by binding it on all interfaces, then releasing it). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" || error.code === "EACCES") resolve(false);
      else reject(error);
    });
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Best effort "pid 1234 (node …/next dev)" for a listening TCP port, read from /proc (Linux,
 * own processes or root). Undefined when it cannot tell; only used to improve error messages.
 */
export function describePortOwner(port: number): string | undefined {
  try {
    const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
    const inodes = new Set<string>();
    for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
      if (!fs.existsSync(file)) continue;
      for (const line of fs.readFileSync(file, "utf8").split("\n").slice(1)) {
        const fields = line.trim().split(/\s+/);
        // local_address is "ADDR:PORT"; state 0A is LISTEN; field 9 is the socket inode.
        if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === "0A" && fields[9]) inodes.add(fields[9]);
      }
    }
    if (inodes.size === 0) return undefined;
    for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
      let fds: string[];
      try {
        fds = fs.readdirSync(`/proc/${pid}/fd`);
      } catch {
        continue;
      }
      for (const fd of fds) {
        let link: string;
        try {
          link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        } catch {
          continue;
        }
        const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
        if (inode && inodes.has(inode)) {
          const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
          return `pid ${pid} (${command.length > 100 ? `${command.slice(0, 100)}…` : command})`;
        }
      }
    }
  } catch {
    // Not Linux, or /proc unreadable: the caller prints the message without an owner.
  }
  return undefined;
}

export async function assertPortsFree(ports: readonly { port: number; what: string; hint: string }[]): Promise<void> {
  const taken: string[] = [];
  for (const { port, what, hint } of ports) {
    if (await isPortFree(port)) continue;
    const owner = describePortOwner(port);
    taken.push(`port ${port} (${what}) is already in use${owner ? ` by ${owner}` : ""}. ${hint}`);
  }
  if (taken.length > 0) throw new Error(taken.join("\n"));
}
