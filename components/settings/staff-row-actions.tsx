"use client";
import { useState } from "react";
import { changeStaffRole } from "@/app/actions/change-staff-role";
import { removeStaff } from "@/app/actions/remove-staff";
import { Button } from "@/components/ui/button";
import { staffRoleSchema, type StaffRole } from "@/lib/auth/roles";
import { FeedbackLine } from "./feedback-line";
import { RoleSelect } from "./role-select";
import { useSettingsAction } from "./use-settings-action";

/** Change role (select + button: arrow keys on a select must not fire a change each) and remove with a confirmation step. */
export function StaffRowActions({ email, role }: { email: string; role: StaffRole }) {
  const [nextRole, setNextRole] = useState<StaffRole>(role);
  const [isConfirming, setIsConfirming] = useState(false);
  const change = useSettingsAction(changeStaffRole);
  const remove = useSettingsAction(removeStaff);
  const selectId = `role-${email}`;

  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center gap-2 whitespace-nowrap">
        <label htmlFor={selectId} className="sr-only">
          Role for {email}
        </label>
        <RoleSelect
          id={selectId}
          value={nextRole}
          onChange={(event) => setNextRole(staffRoleSchema.parse(event.target.value))}
          className="h-8"
        />
        <Button
          variant="secondary"
          size="sm"
          disabled={nextRole === role}
          isPending={change.isPending}
          onClick={() => {
            remove.clearFeedback();
            change.run({ email, role: nextRole }, (result) => `${result.email} is now ${result.role}.`);
          }}
        >
          Change role<span className="sr-only"> of {email}</span>
        </Button>
        {isConfirming ? (
          <span className="flex items-center gap-2" role="group" aria-label={`Confirm removing ${email}`}>
            <span className="text-xs text-slate-700">Remove {email}?</span>
            <Button
              variant="danger"
              size="sm"
              isPending={remove.isPending}
              onClick={() => {
                change.clearFeedback();
                remove.run(
                  { email },
                  (result) => `${result.email} removed.`,
                  () => setIsConfirming(false),
                );
              }}
            >
              Confirm remove
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setIsConfirming(false)} disabled={remove.isPending}>
              Cancel
            </Button>
          </span>
        ) : (
          <Button variant="ghost" size="sm" className="text-red-700" onClick={() => setIsConfirming(true)}>
            Remove<span className="sr-only"> {email}</span>
          </Button>
        )}
      </div>
      <FeedbackLine feedback={change.feedback ?? remove.feedback} className="text-xs" />
    </div>
  );
}
