"use client";
import { useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button";

interface ConfirmSyncDialogProps {
  isOpen: boolean;
  isPending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A native modal <dialog>: the browser traps focus, makes the page behind it inert, closes on
 * Escape and returns focus to the button that opened it.
 */
export function ConfirmSyncDialog({ isOpen, isPending, onConfirm, onCancel }: ConfirmSyncDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) dialog.showModal();
    if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onClose={onCancel}
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="px-6 pt-5 pb-4">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          Sync to HubSpot now?
        </h2>
        <div id={descriptionId} className="mt-2 space-y-2 text-sm text-slate-600">
          <p>
            This writes the progress of every learner in the enabled levels to HubSpot contacts, creating missing properties
            first. Learners whose data has not changed since their last sync are skipped.
          </p>
          <p>It keeps running if you leave this page; the progress appears here and in the run history.</p>
        </div>
      </div>
      <div className="flex justify-end gap-2 border-t border-slate-100 bg-slate-50 px-6 py-3">
        <Button variant="secondary" onClick={onCancel} disabled={isPending} autoFocus>
          Cancel
        </Button>
        <Button onClick={onConfirm} isPending={isPending}>
          Start sync
        </Button>
      </div>
    </dialog>
  );
}
