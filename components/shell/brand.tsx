/** The product mark: a small level-bars glyph and the name. */
export function Brand({ className }: { className?: string }) {
  return (
    <span className={className}>
      <span className="flex items-center gap-2 font-semibold text-slate-900">
        <svg viewBox="0 0 24 24" className="size-6 text-brand-600" fill="currentColor" aria-hidden="true">
          <rect x="3" y="13" width="4" height="8" rx="1" />
          <rect x="10" y="8" width="4" height="13" rx="1" />
          <rect x="17" y="3" width="4" height="18" rx="1" />
        </svg>
        <span>Level Progress CRM Sync</span>
      </span>
    </span>
  );
}
