"use client";
import { createMissingProperties } from "@/app/actions/create-missing-properties";
import { Button } from "@/components/ui/button";
import type { CreatePropertiesResult } from "@/lib/settings/create-missing-properties";
import { FeedbackLine } from "./feedback-line";
import { useSettingsAction, type ActionFeedback } from "./use-settings-action";

function describe(result: CreatePropertiesResult): NonNullable<ActionFeedback> {
  const { outcome } = result;
  if (!result.isApplied)
    return { tone: "success", message: "Nothing to create: every required property already exists." };
  const parts = [
    outcome.createdGroup ? "created the Level Progress group" : null,
    outcome.created.length > 0
      ? `created ${outcome.created.length} propert${outcome.created.length === 1 ? "y" : "ies"}`
      : null,
    outcome.optionsUpdated.length > 0 ? `added options to ${outcome.optionsUpdated.join(", ")}` : null,
  ].filter(Boolean);
  const failed =
    outcome.errors.length > 0
      ? ` ${outcome.errors.length} failed: ${outcome.errors.map((error) => `${error.name} (${error.message})`).join("; ")}.`
      : "";
  const message = `${parts.length > 0 ? `Done: ${parts.join(", ")}.` : "No changes were needed."}${failed}`;
  return { tone: outcome.errors.length > 0 ? "error" : "success", message };
}

export function CreatePropertiesButton({ pending }: { pending: number }) {
  const { run, isPending, feedback } = useSettingsAction(createMissingProperties);
  return (
    <div className="flex flex-col items-start gap-2">
      <Button onClick={() => run({}, describe)} isPending={isPending} disabled={pending === 0}>
        Create missing properties
      </Button>
      {pending === 0 && !feedback ? <p className="text-xs text-slate-600">Nothing is missing.</p> : null}
      <FeedbackLine feedback={feedback} />
    </div>
  );
}
