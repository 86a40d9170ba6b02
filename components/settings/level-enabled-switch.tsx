"use client";
import { updateLevel } from "@/app/actions/update-level";
import { FeedbackLine } from "./feedback-line";
import { ToggleSwitch } from "./toggle-switch";
import { useSettingsAction } from "./use-settings-action";

export function LevelEnabledSwitch({ level, label, isEnabled }: { level: string; label: string; isEnabled: boolean }) {
  const { run, isPending, feedback } = useSettingsAction(updateLevel);
  return (
    <div className="flex flex-col gap-1">
      <ToggleSwitch
        label={`Sync level ${label}`}
        isOn={isEnabled}
        isPending={isPending}
        onToggle={() =>
          run({ level, enabled: !isEnabled }, (change) => `${label} ${change.after.enabled ? "enabled" : "disabled"}.`)
        }
      />
      <FeedbackLine feedback={feedback} className="max-w-56 text-xs" />
    </div>
  );
}
