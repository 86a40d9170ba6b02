import { Alert } from "@/components/ui/alert";
import type { RunStopDescription } from "./describe-run-stop";

/** Where a stopped run stopped and what happens next, with the engine's own message under it. */
export function RunStopNotice({ description, message }: { description: RunStopDescription; message: string | null }) {
  return (
    <Alert tone="warning" title={description.title}>
      <ul className="list-disc space-y-1 pl-5">
        <li>{description.where}</li>
        <li>{description.confirmed}</li>
        <li>{description.next}</li>
      </ul>
      {message ? <p className="mt-2 wrap-anywhere">Reason recorded: {message}</p> : null}
    </Alert>
  );
}
