import { buttonClasses } from "./button";
import { cx } from "./cx";

/**
 * "Download CSV" for a file a route handler streams. A plain <a download>: no client-side fetch, the
 * browser's own download (and its progress) handles large files. `what` completes the name for screen
 * readers, who may meet several such links on one page.
 */
export function DownloadLink({ href, what, className }: { href: string; what: string; className?: string }) {
  return (
    <a
      href={href}
      download
      className={cx(buttonClasses("secondary", "sm"), "min-h-11 self-start md:min-h-0", className)}
    >
      <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
        <path d="M12 3v12m0 0 5-5m-5 5-5-5M4 19h16" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      Download CSV<span className="sr-only"> of {what}</span>
    </a>
  );
}
