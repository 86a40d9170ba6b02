"use client";
import { useEffect, useId, useRef, type RefObject } from "react";
import { Button } from "@/components/ui/button";

interface ConfirmSyncDialogProps {
  isOpen: boolean;
  isPending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** Takes the focus when the button that opened the dialog cannot (it is disabled while the run starts). */
  fallbackFocusRef?: RefObject<HTMLElement | null>;
}

/**
 * A native modal <dialog>: the browser traps focus, makes the page behind it inert and closes on
 * Escape. Focus goes back to the button that opened it; when that button is disabled by then (the
 * confirmed run is starting), to `fallbackFocusRef`, so keyboard users are not dropped at the top.
 */
export function ConfirmSyncDialog({
  isOpen,
  isPending,
  onConfirm,
  onCancel,
  fallbackFocusRef,
}: ConfirmSyncDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) {
      openerRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    }
    if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);

  function handleClose() {
    const opener = openerRef.current;
    openerRef.current = null;
    // After the browser's own focus restore: it cannot focus a disabled opener.
    requestAnimationFrame(() => {
      if (opener?.isConnected && !opener.matches(":disabled")) opener.focus();
      else fallbackFocusRef?.current?.focus();
    });
    onCancel();
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onClose={handleClose}
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-surface p-0 shadow-xl backdrop:bg-black/50"
    >
      <div className="px-6 pt-5 pb-4">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          Sync to HubSpot now?
        </h2>
        <div id={descriptionId} className="mt-2 space-y-2 text-sm text-slate-600">
          <p>
            This writes the progress of every learner in the enabled levels to HubSpot contacts, creating missing
            properties first. Learners whose data has not changed since their last sync are skipped.
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
