import { devOrigins } from "./scripts/lib/dev-origins.js";

const isProduction = process.env.NODE_ENV === "production";

/**
 * The Supabase project origin, if known when the config loads. The browser does not call Supabase
 * today (sign-in goes through a server action), but allowing the origin keeps a future browser
 * client (auth refresh, realtime) from being silently blocked by the CSP.
 */
function supabaseOrigins() {
  const raw = process.env.NEXT_PUBLIC_SUPABASE_URL;
  if (!raw) return [];
  try {
    const url = new URL(raw);
    const socket = `${url.protocol === "https:" ? "wss:" : "ws:"}//${url.host}`;
    return [url.origin, socket];
  } catch {
    // A malformed URL is reported by the env check at runtime; the CSP just does not allow it.
    return [];
  }
}

/**
 * 'unsafe-inline' for scripts: the App Router streams its RSC payload in inline <script> tags.
 * Nonces would need a per-request proxy and make every page dynamic; there is no user-generated HTML
 * here, so the simpler policy is the robust one. Dev mode (React refresh) also needs 'unsafe-eval'.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isProduction ? "" : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  ["connect-src 'self'", ...supabaseOrigins(), ...(isProduction ? [] : ["ws:"])].join(" "),
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  // Only over HTTPS in production; browsers ignore it on http://localhost anyway.
  ...(isProduction ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  allowedDevOrigins: devOrigins(),
  reactStrictMode: true,
  // Keep the server-only database driver out of the bundler.
  serverExternalPackages: ["pg"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
