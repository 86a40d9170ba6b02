import { Skeleton } from "@/components/ui/skeleton";

/** What a settings card shows while its data loads (HubSpot can take a few seconds). */
export function SectionSkeleton({ label }: { label: string }) {
  return (
    <div className="px-5 py-4" aria-busy="true">
      <p className="sr-only" role="status">
        Loading {label}…
      </p>
      <Skeleton className="h-4 w-2/3" />
      <Skeleton className="mt-3 h-4 w-1/2" />
      <Skeleton className="mt-3 h-4 w-3/5" />
    </div>
  );
}
