import type { SelectHTMLAttributes } from "react";
import { cx } from "@/components/ui/cx";
import { STAFF_ROLES } from "@/lib/auth/roles";

export function RoleSelect({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select
      className={cx(
        "block h-9 rounded-md border border-slate-300 bg-surface px-2 text-sm text-slate-900 shadow-sm",
        "focus-visible:border-focus focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-focus",
        className,
      )}
      {...props}
    >
      {STAFF_ROLES.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </select>
  );
}
