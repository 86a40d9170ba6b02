"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { resendLearner, type ResendLearnerResult } from "@/app/actions/resend-learner";
import { Button } from "@/components/ui/button";

type Feedback = { tone: "success" | "error"; message: string } | null;

function describe(result: ResendLearnerResult): string {
  const target = result.contactId ? `to contact ${result.contactId}` : "by email";
  if (result.status === "sending")
    return `Sending now in run #${result.runId}: this learner goes ${target}, even if nothing changed.`;
  return `Queued: ${result.busyMessage} This learner is sent ${target} by the next run.`;
}

/** Operators and admins only (the page does not render it for viewers; the action checks again). */
export function ResendLearnerButton({ userId }: { userId: string }) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<Feedback>(null);

  function handleClick() {
    setFeedback(null);
    startTransition(async () => {
      try {
        const result = await resendLearner({ userId });
        if (!result.ok) {
          setFeedback({ tone: "error", message: result.error.message });
          return;
        }
        setFeedback({ tone: "success", message: describe(result.data) });
        // The summary shows the pending resend from the database, not from this button's memory.
        router.refresh();
      } catch {
        setFeedback({
          tone: "error",
          message: "The server could not be reached. Check your connection and try again.",
        });
      }
    });
  }

  return (
    <div className="flex flex-col items-start gap-2">
      <Button variant="secondary" onClick={handleClick} isPending={isPending} className="min-h-11 md:min-h-0">
        Resend this learner
      </Button>
      {/* Always in the DOM, so the announcement is read when its text arrives. */}
      <p
        role={feedback?.tone === "error" ? "alert" : "status"}
        className={feedback?.tone === "error" ? "text-sm text-red-700" : "text-sm text-emerald-700"}
      >
        {feedback?.message}
      </p>
    </div>
  );
}
