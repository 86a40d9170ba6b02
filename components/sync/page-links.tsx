import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";

interface PageLinksProps {
  page: number;
  pageCount: number;
  /** Builds the URL of a page (a `?page=` query parameter on the current path). */
  hrefFor: (page: number) => string;
  label: string;
}

/** Server-side paging through links: the page number lives in the URL, so it can be shared and reloaded. */
export function PageLinks({ page, pageCount, hrefFor, label }: PageLinksProps) {
  if (pageCount <= 1) return null;
  const disabled = "pointer-events-none opacity-50";
  return (
    <nav aria-label={`${label} pages`} className="flex items-center gap-2">
      <Link
        href={hrefFor(page - 1)}
        aria-disabled={page <= 1}
        tabIndex={page <= 1 ? -1 : undefined}
        className={cx(buttonClasses("secondary", "sm"), page <= 1 && disabled)}
      >
        Previous
      </Link>
      <span className="text-sm text-slate-600 tabular-nums">
        Page {page} of {pageCount}
      </span>
      <Link
        href={hrefFor(page + 1)}
        aria-disabled={page >= pageCount}
        tabIndex={page >= pageCount ? -1 : undefined}
        className={cx(buttonClasses("secondary", "sm"), page >= pageCount && disabled)}
      >
        Next
      </Link>
    </nav>
  );
}

/** `?page=` parsed leniently: anything that is not a positive integer is page 1. */
export function parsePageParam(value: string | string[] | undefined): number {
  const parsed = Number.parseInt(Array.isArray(value) ? (value[0] ?? "") : (value ?? ""), 10);
  return Number.isSafeInteger(parsed) && parsed > 0 ? parsed : 1;
}
