import { Skeleton } from "@/components/ui/skeleton";

export default function LearnersLoading() {
  return (
    <div aria-busy="true" className="space-y-6">
      <p className="sr-only" role="status">
        Loading…
      </p>
      <Skeleton className="h-40" />
      <Skeleton className="h-56" />
      <Skeleton className="h-40" />
    </div>
  );
}
