"use client";
import { cx } from "@/components/ui/cx";

/** An on/off control (role="switch"); the label names what it switches, the state is aria-checked. */
export function ToggleSwitch({
  label,
  isOn,
  isPending = false,
  onToggle,
}: {
  label: string;
  isOn: boolean;
  isPending?: boolean;
  onToggle: () => void;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={isOn}
      aria-label={label}
      aria-busy={isPending || undefined}
      disabled={isPending}
      onClick={onToggle}
      className={cx(
        "relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors disabled:cursor-wait disabled:opacity-60",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus",
        isOn ? "bg-brand-600" : "bg-slate-300",
      )}
    >
      <span
        aria-hidden="true"
        className={cx(
          "inline-block size-5 rounded-full bg-white shadow transition-transform",
          isOn ? "translate-x-5" : "translate-x-0.5",
        )}
      />
    </button>
  );
}
