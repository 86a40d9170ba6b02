import { withWorkflow } from "workflow/next";
import { devOrigins } from "./scripts/lib/dev-origins.js";

const isProduction = process.env.NODE_ENV === "production";

/**
 * The Content-Security-Policy is not here: it carries a per-request nonce, so proxy.ts sets it
 * (lib/security/content-security-policy.ts). Build assets, which the proxy skips, are not documents.
 */
const securityHeaders = [
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

/**
 * The Workflow SDK compiles "use workflow" / "use step" (lib/workflows) and generates its internal
 * routes under app/.well-known/workflow/ (git-ignored). Off Vercel it picks the local world, with
 * its data in WORKFLOW_LOCAL_DATA_DIR (default .next/workflow-data); on Vercel the Vercel world.
 */
export default withWorkflow(nextConfig);
