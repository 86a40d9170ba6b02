// Plain JS (imported by next.config.js, which Next loads without a TypeScript step).
import os from "node:os";

/**
 * Hosts `next dev` (the demo) may be opened at. Next blocks its dev scripts and HMR for any origin
 * but localhost, so a page opened at http://127.0.0.1:3000 or at the LAN address Next prints would
 * never hydrate: buttons would do nothing. Allowed: loopback in every spelling, this machine's
 * name and every address of its network interfaces, plus DEMO_ALLOWED_DEV_ORIGINS (comma-separated
 * host names, e.g. a tunnel). Development only: production builds ignore the setting.
 */
export function devOrigins(env = process.env, interfaces = os.networkInterfaces(), hostname = os.hostname()) {
  const addresses = Object.values(interfaces)
    .flat()
    .filter((entry) => entry !== undefined)
    .map((entry) => (entry.family === "IPv6" ? `[${entry.address.split("%")[0]}]` : entry.address));
  const extra = (env.DEMO_ALLOWED_DEV_ORIGINS ?? "")
    .split(",")
    .map((host) => host.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(["127.0.0.1", "[::1]", hostname.toLowerCase(), ...addresses, ...extra])];
}
