import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cx } from "./cx";

/** The first column stays put while the rest scrolls: each row keeps its name in view on a phone. */
const STICKY_FIRST_COLUMN = cx(
  "[&_tr>*:first-child]:sticky [&_tr>*:first-child]:left-0 [&_tr>*:first-child]:z-10",
  "[&_tbody_tr>*:first-child]:bg-surface [&_thead_tr>*:first-child]:bg-slate-50",
  "[&_tr>*:first-child]:shadow-[inset_-1px_0_0_var(--color-slate-200)]",
);

interface TableProps {
  className?: string;
  /** Names the table for screen readers and the scroll region for keyboard users. */
  caption?: string;
  hasStickyFirstColumn?: boolean;
  /** False for a table no one sees (a chart's screen-reader table): an invisible tab stop helps no one. */
  isScrollRegion?: boolean;
  children: ReactNode;
}

/**
 * Scrolls sideways inside its card on narrow screens instead of squeezing columns or widening the
 * page. The scroller is a labelled, focusable region so keyboard users can scroll it with the arrow
 * keys; `relative` keeps sr-only cells inside it.
 */
export function Table({
  className,
  caption,
  hasStickyFirstColumn = false,
  isScrollRegion = true,
  children,
}: TableProps) {
  const region = isScrollRegion ? { role: "region", "aria-label": caption, tabIndex: 0 } : {};
  return (
    <div
      {...region}
      className={cx("relative", isScrollRegion && "overflow-x-auto focus-visible:outline-offset-[-2px]", className)}
    >
      <table className={cx("w-full border-collapse text-left text-sm", hasStickyFirstColumn && STICKY_FIRST_COLUMN)}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}

export function TableHead(props: HTMLAttributes<HTMLTableSectionElement>) {
  return (
    <thead
      className="border-b border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-600 uppercase"
      {...props}
    />
  );
}

export function TableBody(props: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className="divide-y divide-slate-100" {...props} />;
}

export function TableRow({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cx("hover:bg-slate-50/60", className)} {...props} />;
}

export function TableHeaderCell({ className, scope = "col", ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope={scope} className={cx("px-4 py-2.5 font-medium whitespace-nowrap", className)} {...props} />;
}

export function TableCell({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cx("px-4 py-3 align-middle text-slate-800", className)} {...props} />;
}
