import { cx } from "./cx";

/** A grey placeholder block; hidden from assistive tech (announce loading elsewhere). */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cx("animate-pulse rounded-md bg-slate-200", className)} />;
}
