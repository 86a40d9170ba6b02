import type { LearnerNext } from "@/lib/learners/load-learner-detail";

export interface NextSendText {
  tone: "success" | "info" | "warning";
  title: string;
  details: string[];
}

/** What the next sync run does with this learner, in words; `hasContact`: HubSpot confirmed a contact before. */
export function describeNextSend(next: LearnerNext, hasContact: boolean): NextSendText {
  switch (next.kind) {
    case "unchanged":
      return {
        tone: "success",
        title: "Up to date: the next sync skips this learner",
        details: ["HubSpot last confirmed exactly the payload the sync builds now."],
      };
    case "send": {
      const how =
        next.operation === "update" && next.contactId
          ? `Sent by contact id ${next.contactId} (batch/update), so the contact keeps its id, history and owner.`
          : "Sent by email (batch/upsert).";
      const why = next.isResendRequested
        ? "A resend was requested."
        : hasContact
          ? "Values changed since HubSpot last confirmed them."
          : "HubSpot has not confirmed this learner yet.";
      return { tone: "info", title: "The next sync sends this learner", details: [why, how] };
    }
    case "not_sendable":
      return {
        tone: "warning",
        title: "The next sync cannot send this learner",
        details: next.issues.map((issue) => issue.message),
      };
    case "staff_without_progress":
      return {
        tone: "warning",
        title: "Staff account, not synced (no progress)",
        details: [
          "Staff accounts are synced only when they study: this one has no progress or milestone row in any enabled level, so the sync neither sends nor counts it.",
          ...(hasContact
            ? [
                next.policy === "keep"
                  ? "It was synced before: the contact stays as HubSpot has it (setting removed_learners = keep)."
                  : 'It was synced before: the next run that reaches the end sets every synced property to "" once (setting removed_learners = clear), then forgets it.',
              ]
            : []),
          "Once it has progress in an enabled level, the next sync sends it like any learner.",
        ],
      };
    case "removed":
      return next.policy === "keep"
        ? {
            tone: "warning",
            title: "Left the learners view",
            details: [
              "Removed learners are kept (setting removed_learners = keep): the contact stays as HubSpot has it and nothing more is sent.",
            ],
          }
        : {
            tone: "warning",
            title: "Left the learners view",
            details: [
              hasContact
                ? 'Removed learners are cleared (setting removed_learners = clear): the next run that reaches the end sets every synced property to "" once, then forgets this learner.'
                : "Removed learners are cleared, but no contact id was recorded: the next run only forgets this learner.",
            ],
          };
  }
}
