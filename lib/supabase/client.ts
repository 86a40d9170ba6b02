import { createBrowserClient } from "@supabase/ssr";

export interface BrowserSupabaseConfig {
  url: string;
  publishableKey: string;
}

/**
 * A Supabase client for Client Components. The URL and key come from the server (publicEnv(),
 * passed down as props) instead of literal `process.env.NEXT_PUBLIC_*` reads, which Next would
 * freeze into the bundle at build time. createBrowserClient reuses one instance per page.
 */
export function createClient(config: BrowserSupabaseConfig) {
  return createBrowserClient(config.url, config.publishableKey);
}
