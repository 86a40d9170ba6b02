import type { NextRequest } from "next/server";
import { buildContentSecurityPolicy, createNonce } from "@/lib/security/content-security-policy";
import { updateSession } from "@/lib/supabase/proxy";

/**
 * Every matched request: a fresh CSP nonce (on the request, where Next picks it up for its
 * scripts, and on the response), then the session check.
 */
export async function proxy(request: NextRequest) {
  const policy = buildContentSecurityPolicy({
    nonce: createNonce(),
    isDevelopment: process.env.NODE_ENV !== "production",
    // A literal reference: Next inlines it at build time, as next.config.js did before the CSP moved here.
    supabaseUrl: process.env.NEXT_PUBLIC_SUPABASE_URL,
  });
  const response = await updateSession(request, { "content-security-policy": policy });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    // Everything except build assets, image optimisation and static files (they carry no session
    // and must load on /login too), and the Workflow SDK's internal routes (/.well-known/workflow/,
    // lib/workflows): its queue calls them, never a browser, and a proxy that reads their body
    // breaks them. They are not open: on Vercel only Vercel Queues can invoke them; see
    // docs/ARCHITECTURE.md, "Sync engine".
    "/((?!_next/static|_next/image|favicon.ico|\\.well-known/workflow/|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt|woff2?)$).*)",
  ],
};
