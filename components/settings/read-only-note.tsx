import type { StaffRole } from "@/lib/auth/roles";

/** Why the controls are missing: said once per card instead of greying out every button. */
export function ReadOnlyNote({ role, what }: { role: StaffRole; what: string }) {
  return (
    <p className="text-xs text-slate-500">
      Only admins can {what}. You are {role === "operator" ? "an operator" : "a viewer"}, so this is read-only.
    </p>
  );
}
