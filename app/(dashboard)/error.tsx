"use client";
import { ErrorNotice } from "@/components/error-notice";

export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorNotice error={error} onRetry={retry} />;
}
