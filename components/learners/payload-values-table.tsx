import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";

/** A value as HubSpot receives it: "" clears the property, so it is spelled out rather than left blank. */
export function PayloadValue({ value }: { value: string | null }) {
  if (value === null) return <span className="text-slate-500">not sent</span>;
  if (value === "") return <span className="text-slate-500">empty (cleared)</span>;
  return <span className="font-mono text-xs wrap-anywhere">{value}</span>;
}

export interface PayloadRow {
  property: string;
  values: (string | null)[];
}

/** Property-by-property table of one or more payloads (column titles in `columns`). */
export function PayloadValuesTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: string[];
  rows: PayloadRow[];
}) {
  return (
    <Table caption={caption} hasStickyFirstColumn>
      <TableHead>
        <tr>
          <TableHeaderCell>Property</TableHeaderCell>
          {columns.map((column) => (
            <TableHeaderCell key={column}>{column}</TableHeaderCell>
          ))}
        </tr>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.property}>
            <TableHeaderCell scope="row" className="py-3 font-mono text-xs font-normal normal-case">
              {row.property}
            </TableHeaderCell>
            {row.values.map((value, index) => (
              <TableCell key={columns[index]} className="min-w-28">
                <PayloadValue value={value} />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
