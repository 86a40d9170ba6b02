/**
 * Which paths anonymous visitors may reach, and the safe `next` redirect after login.
 * Framework-free and without `server-only`: the proxy, pages and unit tests share it.
 */

export const LOGIN_PATH = "/login";

/** Reachable without a session. Each route still authorizes on its own (cron checks its secret). */
const PUBLIC_PATHS = [LOGIN_PATH, "/api/health"];
const PUBLIC_PREFIXES = ["/api/cron/"];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.includes(pathname) || PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

/**
 * Only same-origin absolute paths are followed after login. `//evil.test` and `/\evil.test` are
 * protocol-relative in browsers, and browsers drop tabs/newlines (`/\t/evil.test`), so any of
 * those would turn /login into an open redirect.
 */
const SAME_ORIGIN_PATH = /^\/(?![/\\])[^\\\u0000-\u001f\u007f]*$/;

export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || !SAME_ORIGIN_PATH.test(next)) return "/";
  if (next === LOGIN_PATH || next.startsWith(`${LOGIN_PATH}?`)) return "/";
  return next;
}

export function loginPathFor(next: string): string {
  const target = safeNextPath(next);
  return target === "/" ? LOGIN_PATH : `${LOGIN_PATH}?next=${encodeURIComponent(target)}`;
}
