/** The product mark: a small level-bars glyph and the name (only for screen readers on a phone, if asked). */
export function Brand({
  className,
  isNameHiddenOnPhone = false,
}: {
  className?: string;
  isNameHiddenOnPhone?: boolean;
}) {
  return (
    <span className={className}>
      <span className="flex items-center gap-2 font-semibold text-slate-900">
        <svg viewBox="0 0 24 24" className="size-6 text-brand-600" fill="currentColor" aria-hidden="true">
          <rect x="3" y="13" width="4" height="8" rx="1" />
          <rect x="10" y="8" width="4" height="13" rx="1" />
          <rect x="17" y="3" width="4" height="18" rx="1" />
        </svg>
        <span className={isNameHiddenOnPhone ? "sr-only sm:not-sr-only" : undefined}>Level Progress CRM Sync</span>
      </span>
    </span>
  );
}
