"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { nextTheme, saveTheme, type Theme } from "./color-scheme";

const LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

function ThemeIcon({ theme }: { theme: Theme }) {
  return (
    <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      {theme === "dark" ? (
        <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" />
      ) : theme === "light" ? (
        <>
          <circle cx="12" cy="12" r="4" />
          <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
        </>
      ) : (
        <>
          <rect x="3" y="4" width="18" height="12" rx="2" />
          <path d="M8 20h8M12 16v4" />
        </>
      )}
    </svg>
  );
}

/**
 * Cycles System → Light → Dark. The server already rendered the saved choice (app/layout.tsx), so
 * the button shows it from the first paint; the name says the current choice and what a press does.
 */
export function ThemeToggle({ initialTheme }: { initialTheme: Theme }) {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const upcoming = nextTheme(theme);

  function handleClick() {
    saveTheme(upcoming);
    setTheme(upcoming);
  }

  return (
    <Button
      variant="ghost"
      size="sm"
      onClick={handleClick}
      aria-label={`Colour scheme: ${LABELS[theme]}. Switch to ${LABELS[upcoming]}`}
      title={`Colour scheme: ${LABELS[theme]}`}
      className="min-h-11 min-w-11 md:min-h-0 md:min-w-0"
    >
      <ThemeIcon theme={theme} />
      <span className="hidden sm:inline">{LABELS[theme]}</span>
    </Button>
  );
}
