import { Alert } from "@/components/ui/alert";

/** A card whose data could not be loaded; the rest of the page still works. Details are in the server log. */
export function SectionError({ what, reference }: { what: string; reference: string }) {
  return (
    <div className="px-5 py-4">
      <Alert tone="error" title={`The ${what} could not be loaded`}>
        The database or HubSpot did not answer as expected. Reload the page to try again (reference {reference}).
      </Alert>
    </div>
  );
}
