"use client";
import { useState, type FormEvent } from "react";
import { updateSyncSettings } from "@/app/actions/update-sync-settings";
import { Button } from "@/components/ui/button";
import type { RemovedLearnersPolicy } from "@/lib/db/learners/read-removed-learners";
import { FeedbackLine } from "./feedback-line";
import { REMOVED_LEARNERS_CHOICES } from "./removed-learners-choices";
import { useSettingsAction } from "./use-settings-action";

export function RemovedLearnersForm({ policy }: { policy: RemovedLearnersPolicy }) {
  const [choice, setChoice] = useState(policy);
  const save = useSettingsAction(updateSyncSettings);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.run({ removedLearners: choice }, (change) =>
      change.after.removedLearners === "clear"
        ? "Removed learners will have their synced values cleared."
        : "Removed learners will keep their contact as it is.",
    );
  }

  return (
    <form onSubmit={handleSubmit} className="flex flex-col gap-2">
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Removed learners</legend>
        <p className="text-xs text-slate-600">When a learner leaves the learners view (deleted or banned):</p>
        <div className="mt-2 flex flex-col gap-2">
          {REMOVED_LEARNERS_CHOICES.map((option) => (
            <label key={option.value} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name="removed-learners"
                value={option.value}
                checked={choice === option.value}
                onChange={() => setChoice(option.value)}
                aria-describedby={`removed-learners-${option.value}`}
                className="mt-1 size-4 accent-brand-600"
              />
              <span>
                <span className="font-medium text-slate-900">{option.label}</span>
                <span id={`removed-learners-${option.value}`} className="block text-xs text-slate-600">
                  {option.explanation}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <Button
        type="submit"
        variant="secondary"
        size="sm"
        className="self-start"
        isPending={save.isPending}
        disabled={choice === policy}
      >
        Save removed-learners setting
      </Button>
      <FeedbackLine feedback={save.feedback} className="text-xs" />
    </form>
  );
}
