"use client";
import { useSyncExternalStore } from "react";
import { isDarkScheme, subscribeToScheme } from "@/components/shell/color-scheme";

/**
 * Chart colours per scheme. Recharts draws SVG presentation attributes, which cannot read CSS
 * variables, so the charts pick their colours in script. Every text colour keeps 4.5:1 on the card,
 * every mark 3:1; the level colours are Okabe–Ito (colour-blind friendly), lightened for the dark card.
 */
export interface ChartPalette {
  grid: string;
  text: string;
  cursor: string;
  tooltipBackground: string;
  primary: string;
  completed: string;
  inProgress: string;
  levels: readonly string[];
}

const LIGHT: ChartPalette = {
  grid: "#e2e8f0",
  text: "#475569",
  cursor: "#f1f5f9",
  tooltipBackground: "#ffffff",
  primary: "#4f46e5",
  completed: "#047857",
  inProgress: "#6366f1",
  levels: ["#4f46e5", "#0072b2", "#007a5a", "#b36b00", "#c2410c", "#a3477f", "#2b7bb9", "#64748b"],
};

const DARK: ChartPalette = {
  grid: "#334155",
  text: "#cbd5e1",
  cursor: "#1e293b",
  tooltipBackground: "#111a2e",
  primary: "#818cf8",
  completed: "#34d399",
  inProgress: "#a5b4fc",
  levels: ["#a5b4fc", "#56b4e9", "#34d399", "#e69f00", "#fb923c", "#f0a6ca", "#7dd3fc", "#cbd5e1"],
};

export function chartPalette(isDark: boolean): ChartPalette {
  return isDark ? DARK : LIGHT;
}

export const levelColor = (palette: ChartPalette, index: number) =>
  palette.levels[index % palette.levels.length] ?? palette.text;

/** Follows the theme toggle and the system setting while the page is open. */
export function useChartPalette(): ChartPalette {
  const isDark = useSyncExternalStore(subscribeToScheme, isDarkScheme, () => false);
  return chartPalette(isDark);
}
