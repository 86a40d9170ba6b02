import { cx } from "@/components/ui/cx";
import type { ActionFeedback } from "./use-settings-action";

/** The one-line result of a settings action, announced to screen readers (errors assertively). */
export function FeedbackLine({ feedback, className }: { feedback: ActionFeedback; className?: string }) {
  if (!feedback) return null;
  return (
    <p
      role={feedback.tone === "error" ? "alert" : "status"}
      className={cx("text-sm", feedback.tone === "error" ? "text-red-700" : "text-emerald-700", className)}
    >
      {feedback.message}
    </p>
  );
}
