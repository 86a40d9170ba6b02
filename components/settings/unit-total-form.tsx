"use client";
import { useState, type FormEvent } from "react";
import { updateLevel } from "@/app/actions/update-level";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FeedbackLine } from "./feedback-line";
import { useSettingsAction } from "./use-settings-action";

/** Units a learner must complete for "completed" (besides the milestone); empty = milestone only. */
export function UnitTotalForm({ level, label, unitTotal }: { level: string; label: string; unitTotal: number | null }) {
  const [value, setValue] = useState(unitTotal === null ? "" : String(unitTotal));
  const { run, isPending, feedback } = useSettingsAction(updateLevel);
  const inputId = `unit-total-${level}`;
  const trimmed = value.trim();
  const isUnchanged = trimmed === (unitTotal === null ? "" : String(unitTotal));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Sent as typed (noValidate): the server validates (integer 1–100000) and its message is shown inline,
    // instead of the browser's bubble, which names no range.
    const next = trimmed === "" ? null : Number(trimmed);
    run({ level, unitTotal: next }, (change) => `${label}: unit total ${change.after.unitTotal ?? "cleared"}.`);
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <label htmlFor={inputId} className="sr-only">
          Unit total for {label}
        </label>
        {/* A sized wrapper: Input is full width by design. */}
        <div className="w-24">
          <Input
            id={inputId}
            type="number"
            inputMode="numeric"
            min={1}
            max={100000}
            step={1}
            placeholder="none"
            value={value}
            onChange={(event) => setValue(event.target.value)}
            aria-invalid={feedback?.tone === "error" || undefined}
          />
        </div>
        <Button type="submit" variant="secondary" size="sm" isPending={isPending} disabled={isUnchanged}>
          Save<span className="sr-only"> unit total for {label}</span>
        </Button>
      </div>
      <FeedbackLine feedback={feedback} className="max-w-56 text-xs" />
    </form>
  );
}
