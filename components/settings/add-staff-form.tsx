"use client";
import { useState, type FormEvent } from "react";
import { addStaff } from "@/app/actions/add-staff";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { staffRoleSchema, type StaffRole } from "@/lib/auth/roles";
import { FeedbackLine } from "./feedback-line";
import { RoleSelect } from "./role-select";
import { useSettingsAction } from "./use-settings-action";

/** Gives an existing user (they signed up or were invited in Supabase Auth) a role. */
export function AddStaffForm() {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<StaffRole>("viewer");
  const { run, isPending, feedback } = useSettingsAction(addStaff);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    run(
      { email, role },
      (result) =>
        result.change === "added"
          ? `${result.email} added as ${result.role}.`
          : result.change === "role_changed"
            ? `${result.email} was already staff; role changed from ${result.previousRole} to ${result.role}.`
            : `${result.email} is already ${result.role}.`,
      () => setEmail(""),
    );
  }

  return (
    <form onSubmit={handleSubmit} className="flex flex-col gap-2" aria-label="Add a staff member">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <Label htmlFor="new-staff-email">Email of an existing user</Label>
          <Input
            id="new-staff-email"
            type="email"
            autoComplete="off"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-invalid={feedback?.tone === "error" || undefined}
            className="mt-1 h-9"
          />
        </div>
        <div>
          <Label htmlFor="new-staff-role">Role</Label>
          <RoleSelect
            id="new-staff-role"
            value={role}
            onChange={(event) => setRole(staffRoleSchema.parse(event.target.value))}
            className="mt-1"
          />
        </div>
        <Button type="submit" size="md" className="h-9" isPending={isPending}>
          Add staff member
        </Button>
      </div>
      <FeedbackLine feedback={feedback} />
    </form>
  );
}
