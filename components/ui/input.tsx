import type { InputHTMLAttributes, LabelHTMLAttributes } from "react";
import { cx } from "./cx";

export function Label({ className, ...props }: LabelHTMLAttributes<HTMLLabelElement>) {
  return <label className={cx("block text-sm font-medium text-slate-800", className)} {...props} />;
}

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return (
    <input
      className={cx(
        "block h-10 w-full rounded-md border border-slate-300 bg-surface px-3 text-sm text-slate-900 shadow-sm",
        "placeholder:text-slate-400 focus-visible:border-focus focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-focus",
        "aria-invalid:border-red-500 disabled:bg-slate-100",
        className,
      )}
      {...props}
    />
  );
}
