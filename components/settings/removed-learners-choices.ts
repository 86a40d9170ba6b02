import type { RemovedLearnersPolicy } from "@/lib/db/learners/read-removed-learners";

/** The two choices, each with the sentence an admin needs to pick. Shared with the read-only view. */
export const REMOVED_LEARNERS_CHOICES: ReadonlyArray<{
  value: RemovedLearnersPolicy;
  label: string;
  explanation: string;
}> = [
  {
    value: "keep",
    label: "Keep their contact",
    explanation:
      "A learner who is deleted or banned keeps their HubSpot contact with the last values synced; nothing more is sent for them.",
  },
  {
    value: "clear",
    label: "Clear their synced values",
    explanation:
      "The next sync run sets every Level Progress property on their contact to empty, once, then forgets them; the contact itself stays.",
  },
];
