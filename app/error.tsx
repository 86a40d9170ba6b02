"use client";
import { ErrorNotice } from "@/components/error-notice";

/** Catches what the (dashboard) boundary cannot: failures in its layout (the staff check). */
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg items-center px-4">
      <ErrorNotice error={error} onRetry={retry} />
    </main>
  );
}
