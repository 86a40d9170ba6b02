import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { themeClassName } from "@/components/shell/color-scheme";
import { readTheme } from "@/components/shell/read-theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Level Progress CRM Sync", template: "%s · Level Progress CRM Sync" },
  description: "Per-level learner progress, synced from Supabase to HubSpot.",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
};

/** The saved colour scheme becomes a class on <html> here, so the first paint has the right colours. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = await readTheme();
  return (
    <html lang="en" className={themeClassName(theme)}>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
