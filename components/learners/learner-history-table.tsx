import Link from "next/link";
import { IssueKindBadge } from "@/components/sync/issue-kind-badge";
import { DateTime } from "@/components/ui/date-time";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { LearnerHistoryItem } from "@/lib/learners/list-learner-history";

const MODE_LABELS: Record<string, string> = { live: "Live", dry_run: "Dry run", verify: "Verify" };

/** Every run error, data warning and verify difference recorded for this learner, newest first. */
export function LearnerHistoryTable({ items }: { items: LearnerHistoryItem[] }) {
  return (
    <Table caption="Run errors and warnings for this learner, newest first" hasStickyFirstColumn>
      <TableHead>
        <tr>
          <TableHeaderCell>At</TableHeaderCell>
          <TableHeaderCell>Run</TableHeaderCell>
          <TableHeaderCell>Kind</TableHeaderCell>
          <TableHeaderCell>Level</TableHeaderCell>
          <TableHeaderCell>Message</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {items.map((item) => (
          <TableRow key={item.id} className="align-top">
            <TableCell className="align-top text-xs whitespace-nowrap">
              <DateTime value={item.createdAt} />
            </TableCell>
            <TableCell className="align-top whitespace-nowrap">
              <Link href={`/sync/runs/${item.runId}`} className="text-brand-700 underline">
                #{item.runId}
              </Link>{" "}
              <span className="text-xs text-slate-600">{MODE_LABELS[item.runMode] ?? item.runMode}</span>
            </TableCell>
            <TableCell className="align-top">
              <IssueKindBadge kind={item.kind} />
            </TableCell>
            <TableCell className="align-top font-mono text-xs">{item.level?.toUpperCase() ?? "—"}</TableCell>
            <TableCell className="min-w-60 align-top text-slate-700 wrap-anywhere">{item.message}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
