/**
 * Fonts and widths: app/globals.css loads this with `@config`. Colours live in app/globals.css
 * (`@theme`) as CSS variables, so the dark scheme can redefine them. Tailwind 4 finds class names on its
 * own; `content` only narrows the scan to the folders that render UI.
 */
import type { Config } from "tailwindcss";

const config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      fontFamily: {
        // System fonts: nothing to download (the app must also build offline).
        sans: [
          "ui-sans-serif",
          "system-ui",
          "-apple-system",
          "Segoe UI",
          "Roboto",
          "Helvetica Neue",
          "Arial",
          "sans-serif",
        ],
        mono: ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "Liberation Mono", "monospace"],
      },
      maxWidth: {
        content: "72rem",
      },
    },
  },
} satisfies Config;

export default config;
