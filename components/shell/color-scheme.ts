/**
 * The colour scheme choice: "system" follows prefers-color-scheme, "light" and "dark" override it.
 * Stored in a cookie (per browser, a year) so app/layout.tsx can put the class on <html> while it
 * renders on the server: the first paint is already right and no inline script is needed.
 */
import { z } from "zod";

export const THEME_COOKIE = "theme";
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

const themeSchema = z.enum(THEMES);

/** Anything unknown (an old or tampered cookie) falls back to following the system. */
export function parseTheme(value: string | undefined): Theme {
  return themeSchema.safeParse(value).data ?? "system";
}

/** The class on <html>: none for "system", so the CSS media query decides. */
export function themeClassName(theme: Theme): string | undefined {
  return theme === "system" ? undefined : theme;
}

export function nextTheme(theme: Theme): Theme {
  return THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length] ?? "system";
}

const DARK_QUERY = "(prefers-color-scheme: dark)";

/** Browser only: is the page drawn dark right now (chosen, or following a dark system)? */
export function isDarkScheme(): boolean {
  const root = document.documentElement.classList;
  if (root.contains("dark")) return true;
  if (root.contains("light")) return false;
  return window.matchMedia(DARK_QUERY).matches;
}

/** Browser only: calls back when the system scheme or the class on <html> changes. */
export function subscribeToScheme(onChange: () => void): () => void {
  const media = window.matchMedia(DARK_QUERY);
  media.addEventListener("change", onChange);
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => {
    media.removeEventListener("change", onChange);
    observer.disconnect();
  };
}

/** Browser only: applies the choice at once and remembers it for the next page load. */
export function saveTheme(theme: Theme): void {
  const root = document.documentElement.classList;
  root.remove("light", "dark");
  const className = themeClassName(theme);
  if (className) root.add(className);
  document.cookie = `${THEME_COOKIE}=${theme}; path=/; max-age=31536000; samesite=lax`;
}
