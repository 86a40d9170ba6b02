import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { LearnerMatch } from "@/lib/learners/find-learners";

/** Several learners matched: pick one. Each link is a lookup by user id, which is exact. */
export function LearnerMatchList({ matches }: { matches: LearnerMatch[] }) {
  return (
    <Table caption="Learners matching the search">
      <TableHead>
        <tr>
          <TableHeaderCell>Email</TableHeaderCell>
          <TableHeaderCell>User id</TableHeaderCell>
          <TableHeaderCell>
            <span className="sr-only">Status</span>
          </TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {matches.map((match) => (
          <TableRow key={match.userId}>
            <TableCell className="max-w-56 wrap-anywhere">
              <Link href={`/learners?q=${match.userId}`} className="font-medium text-brand-700 underline">
                {match.email ?? "(no email)"}
              </Link>
            </TableCell>
            <TableCell className="font-mono text-xs whitespace-nowrap">{match.userId}</TableCell>
            <TableCell>{match.isInView ? null : <Badge tone="warning">Left the learners view</Badge>}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
