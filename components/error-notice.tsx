"use client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * What an error boundary shows; `onRetry` re-fetches and re-renders the segment. In production
 * Next hides server error messages from the browser (only a digest arrives), so this says where
 * to look instead of echoing the error.
 */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const digest =
    error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
  return (
    <Alert tone="error" title="This page could not be loaded">
      <p>
        A service it depends on (the database or the authentication service) did not answer. The status endpoint{" "}
        <a className="font-medium underline" href="/api/health">
          /api/health
        </a>{" "}
        shows which one.
      </p>
      {digest ? <p className="mt-1 text-xs">Reference: {digest}</p> : null}
      <Button variant="secondary" size="sm" className="mt-3" onClick={onRetry}>
        Try again
      </Button>
    </Alert>
  );
}
