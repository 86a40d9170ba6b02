"use client";
import { useState, type FormEvent } from "react";
import { updateSyncSettings } from "@/app/actions/update-sync-settings";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import type { RemovedLearnersPolicy } from "@/lib/db/learners/read-removed-learners";
import { FeedbackLine } from "./feedback-line";
import { RemovedLearnersForm } from "./removed-learners-form";
import { ToggleSwitch } from "./toggle-switch";
import { useSettingsAction } from "./use-settings-action";

interface SyncSettings {
  autoEnableNewLevels: boolean;
  completionMilestoneKey: string;
  removedLearners: RemovedLearnersPolicy;
}

export function SyncSettingsForm({ settings }: { settings: SyncSettings }) {
  const [milestoneKey, setMilestoneKey] = useState(settings.completionMilestoneKey);
  const toggle = useSettingsAction(updateSyncSettings);
  const save = useSettingsAction(updateSyncSettings);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.run(
      { completionMilestoneKey: milestoneKey },
      (change) => `Completion milestone key is now “${change.after.completionMilestoneKey}”.`,
    );
  }

  return (
    <div className="grid gap-6 sm:grid-cols-2">
      <div className="flex flex-col gap-1">
        <div className="flex items-center gap-3">
          <ToggleSwitch
            label="Auto-enable new levels"
            isOn={settings.autoEnableNewLevels}
            isPending={toggle.isPending}
            onToggle={() =>
              toggle.run({ autoEnableNewLevels: !settings.autoEnableNewLevels }, (change) =>
                change.after.autoEnableNewLevels
                  ? "New levels will be enabled when discovered."
                  : "New levels will start disabled.",
              )
            }
          />
          <span className="text-sm font-medium text-slate-800" aria-hidden="true">
            Auto-enable new levels
          </span>
        </div>
        <p className="text-xs text-slate-600">
          Whether a newly discovered level table is synced without an admin turning it on.
        </p>
        <FeedbackLine feedback={toggle.feedback} className="text-xs" />
      </div>
      <form onSubmit={handleSubmit} className="flex flex-col gap-1">
        <Label htmlFor="completion-milestone-key">Completion milestone key</Label>
        <div className="flex items-center gap-2">
          <Input
            id="completion-milestone-key"
            value={milestoneKey}
            maxLength={100}
            onChange={(event) => setMilestoneKey(event.target.value)}
            aria-describedby="completion-milestone-key-help"
            aria-invalid={save.feedback?.tone === "error" || undefined}
            className="h-9 font-mono"
          />
          <Button
            type="submit"
            variant="secondary"
            size="sm"
            isPending={save.isPending}
            disabled={milestoneKey.trim() === settings.completionMilestoneKey}
          >
            Save
          </Button>
        </div>
        <p id="completion-milestone-key-help" className="text-xs text-slate-600">
          A row with this <code className="font-mono">milestone</code> in{" "}
          <code className="font-mono">{"{level}_milestones"}</code> marks the level completed. Letters, digits,{" "}
          <code className="font-mono">_ . -</code>; up to 100 characters.
        </p>
        <FeedbackLine feedback={save.feedback} className="text-xs" />
      </form>
      <div className="sm:col-span-2">
        <RemovedLearnersForm policy={settings.removedLearners} />
      </div>
    </div>
  );
}
