import { buttonClasses } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { MAX_QUERY_LENGTH } from "@/lib/learners/parse-learner-query";

/**
 * A plain GET form (`/learners?q=…`): works before any JavaScript loads, and every lookup is a URL
 * staff can share or reload.
 */
export function LearnerSearchForm({ query, error }: { query: string; error?: string | null }) {
  return (
    <form
      role="search"
      aria-label="Learners"
      method="get"
      action="/learners"
      className="flex flex-col gap-2 sm:flex-row sm:items-end"
    >
      <div className="min-w-0 flex-1">
        <Label htmlFor="learner-query">Email or user id</Label>
        <Input
          id="learner-query"
          name="q"
          type="search"
          defaultValue={query}
          maxLength={MAX_QUERY_LENGTH}
          autoComplete="off"
          spellCheck={false}
          placeholder="ana@example.com, part of an email, or a user id"
          aria-describedby={error ? "learner-query-error learner-query-help" : "learner-query-help"}
          aria-invalid={error ? true : undefined}
          className="mt-1"
        />
      </div>
      <button type="submit" className={buttonClasses("primary", "md")}>
        Search
      </button>
      <p id="learner-query-help" className="sr-only">
        Emails are matched without regard to case or surrounding spaces; part of an email lists every learner whose
        email contains it.
      </p>
      {error ? (
        <p id="learner-query-error" role="alert" className="text-sm text-red-700 sm:basis-full">
          {error}
        </p>
      ) : null}
    </form>
  );
}
