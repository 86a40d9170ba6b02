"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/staff-action";

export type ActionFeedback = { tone: "success" | "error"; message: string } | null;

/**
 * Runs a settings server action and keeps what the control shows: pending while it runs, then a
 * success or error line. On success the server components are re-rendered (router.refresh), so
 * every card shows the data as it is now, not as this control thinks it is.
 */
export function useSettingsAction<Input, Output>(action: (input: Input) => Promise<ActionResult<Output>>) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<ActionFeedback>(null);

  /** `describe` may return a warning-level result (tone "error") for an action that ran but partly failed. */
  function run(
    input: Input,
    describe: (output: Output) => string | NonNullable<ActionFeedback>,
    onSuccess?: (output: Output) => void,
  ) {
    setFeedback(null);
    startTransition(async () => {
      try {
        const result = await action(input);
        if (!result.ok) {
          setFeedback({ tone: "error", message: result.error.message });
          return;
        }
        const described = describe(result.data);
        setFeedback(typeof described === "string" ? { tone: "success", message: described } : described);
        onSuccess?.(result.data);
        router.refresh();
      } catch {
        // The request itself failed (server down, deployment changed): nothing was returned to show.
        setFeedback({
          tone: "error",
          message: "The server could not be reached. Check your connection and try again.",
        });
      }
    });
  }

  return { run, isPending, feedback, clearFeedback: () => setFeedback(null) };
}
