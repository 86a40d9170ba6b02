import Link from "next/link";
import { z } from "zod";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { RunErrorRecord } from "@/lib/sync";

/** What a verify run stores with each difference (lib/sync/verify/verify-run-rows.ts). */
const differenceSchema = z.object({
  contactId: z.string(),
  property: z.string(),
  hubspot: z.string().nullable(),
  expected: z.string(),
});

function Value({ value }: { value: string | null }) {
  if (value === null || value === "") return <span className="text-slate-500">empty</span>;
  return <span className="font-mono text-xs wrap-anywhere">{value}</span>;
}

/** A verify run's differences: learner, property, what HubSpot holds, what the last confirmed payload says. */
export function VerifyDifferencesTable({ errors }: { errors: RunErrorRecord[] }) {
  return (
    <Table caption="Differences between HubSpot and the last confirmed values" hasStickyFirstColumn>
      <TableHead>
        <tr>
          <TableHeaderCell>Learner</TableHeaderCell>
          <TableHeaderCell>Property</TableHeaderCell>
          <TableHeaderCell>HubSpot value</TableHeaderCell>
          <TableHeaderCell>Expected</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {errors.map((error) => {
          const difference = differenceSchema.safeParse(error.payload);
          const learner = error.email ?? error.userId ?? "—";
          return (
            <TableRow key={error.id} className="align-top">
              <TableCell className="max-w-40 align-top text-xs wrap-anywhere sm:max-w-56">
                {error.userId ? (
                  <Link href={`/learners?q=${error.userId}`} className="font-mono text-brand-700 underline">
                    {learner}
                  </Link>
                ) : (
                  <span className="font-mono">{learner}</span>
                )}
              </TableCell>
              {difference.success ? (
                <>
                  <TableCell className="align-top font-mono text-xs">{difference.data.property}</TableCell>
                  <TableCell className="align-top">
                    <Value value={difference.data.hubspot} />
                  </TableCell>
                  <TableCell className="align-top">
                    <Value value={difference.data.expected} />
                  </TableCell>
                </>
              ) : (
                // Another kind of row on a verify run (a failure note): its message says it all.
                <TableCell colSpan={3} className="align-top text-slate-700 wrap-anywhere">
                  {error.message}
                </TableCell>
              )}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
