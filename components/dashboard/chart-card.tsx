import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/**
 * A titled chart. The drawing is one labelled image for assistive tech (`summary` says what it
 * shows); the numbers themselves are in the tables on the page. The charts draw without
 * animation: Recharts shows value labels only after an animation ends, and polling would replay it.
 */
export function ChartCard({
  title,
  description,
  summary,
  children,
  srOnly,
}: {
  title: string;
  description: string;
  summary: string;
  children: ReactNode;
  /** Read by screen readers after the image (outside it: an image's content is not read). */
  srOnly?: ReactNode;
}) {
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
        {srOnly}
      </CardContent>
    </Card>
  );
}
