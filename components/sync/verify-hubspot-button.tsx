"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { verifyHubSpot } from "@/app/actions/verify-hubspot";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

type State = { kind: "idle" } | { kind: "started"; runId: number } | { kind: "error"; message: string };

/**
 * "Verify HubSpot" (operators and admins): reads every synced contact back and compares it with
 * what HubSpot last confirmed. The action answers once the first page is checked; the run page
 * lists the differences as they are found.
 */
export function VerifyHubSpotButton() {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [state, setState] = useState<State>({ kind: "idle" });

  function handleClick() {
    setState({ kind: "idle" });
    startTransition(async () => {
      try {
        const result = await verifyHubSpot({});
        setState(
          result.ok ? { kind: "started", runId: result.data.runId } : { kind: "error", message: result.error.message },
        );
        // The run history below gets the verify run.
        if (result.ok) router.refresh();
      } catch {
        setState({ kind: "error", message: "The server could not be reached. Check your connection and try again." });
      }
    });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Verify HubSpot</CardTitle>
        <CardDescription>
          Reads every synced contact back from HubSpot and compares it with the last values HubSpot confirmed. Learners
          that differ are listed on the verify run and sent again on the next sync. Nothing is written to HubSpot. A
          verify that runs out of time pauses, says how many contacts it checked, and the next one continues it.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col items-start gap-3">
        <Button onClick={handleClick} isPending={isPending} variant="secondary" className="min-h-11 md:min-h-0">
          {isPending ? "Verifying…" : "Verify HubSpot"}
        </Button>
        <div aria-live="polite" className="w-full">
          {state.kind === "started" ? (
            <Alert tone="success" title={`Verify run #${state.runId} started`}>
              <Link href={`/sync/runs/${state.runId}`} className="font-medium underline">
                See the verify run and its differences
              </Link>
            </Alert>
          ) : null}
          {state.kind === "error" ? (
            <Alert tone="error" title="Verify could not start">
              {state.message}
            </Alert>
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}
