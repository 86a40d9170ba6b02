import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/**
 * A titled chart. The drawing is one labelled image for assistive tech (`summary` says what it
 * shows); the numbers themselves are in the tables on the page. The charts draw without
 * animation: Recharts shows value labels only after an animation ends, and polling would replay it.
 */
export function ChartCard({ title, description, summary, children }: { title: string; description: string; summary: string; children: ReactNode }) {
  return (
    <Card className="min-w-0">
      <CardHeader>
        <CardTitle as="h3">{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>
        <div role="img" aria-label={summary} className="h-64 w-full">
          {children}
        </div>
      </CardContent>
    </Card>
  );
}

/** Distinct, colour-blind friendly colours for levels in CEFR order (Okabe–Ito, then extras). */
export const LEVEL_COLORS = ["#4f46e5", "#0072b2", "#009e73", "#e69f00", "#d55e00", "#cc79a7", "#56b4e9", "#64748b"];
export const levelColor = (index: number) => LEVEL_COLORS[index % LEVEL_COLORS.length] ?? "#64748b";
