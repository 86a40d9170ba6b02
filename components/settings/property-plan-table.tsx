import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { PropertyAction, PropertyPlan } from "@/lib/hubspot/properties/plan-properties";

const STATUS: Record<PropertyAction, { label: string; tone: BadgeTone }> = {
  exists: { label: "ok", tone: "success" },
  create: { label: "missing", tone: "warning" },
  update_options: { label: "options missing", tone: "warning" },
  drift: { label: "drift", tone: "danger" },
  unverified: { label: "unverified", tone: "neutral" },
};

/** Each property the enabled levels need, its state in HubSpot, then the group's properties that are not ours. */
export function PropertyPlanTable({ plan }: { plan: PropertyPlan }) {
  return (
    <Table className="relative" caption="Required HubSpot properties and their state">
      <TableHead>
        <tr>
          <TableHeaderCell>Property</TableHeaderCell>
          <TableHeaderCell>Type</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Details</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {plan.entries.map((entry) => {
          const status = STATUS[entry.action];
          return (
            <TableRow key={entry.name} data-property={entry.name}>
              <TableCell>
                <code className="font-mono text-xs">{entry.name}</code>
                <p className="text-xs text-slate-500">{entry.label}</p>
              </TableCell>
              <TableCell className="text-xs whitespace-nowrap text-slate-600">
                {entry.type} / {entry.fieldType}
              </TableCell>
              <TableCell>
                <Badge tone={status.tone}>{status.label}</Badge>
              </TableCell>
              <TableCell className="text-xs text-slate-600">
                {entry.action === "drift" ? `${entry.reason ?? "type differs"}: fix it in HubSpot; withheld from payloads until then.` : null}
                {entry.action === "update_options" ? `Missing options: ${entry.missingOptions?.join(", ") ?? "—"}` : null}
                {entry.action === "create" ? "Will be created." : null}
              </TableCell>
            </TableRow>
          );
        })}
        {plan.foreign.map((property) => (
          <TableRow key={`foreign:${property.name}`} data-property={property.name}>
            <TableCell>
              <code className="font-mono text-xs">{property.name}</code>
              <p className="text-xs text-slate-500">{property.label}</p>
            </TableCell>
            <TableCell className="text-xs text-slate-600">{property.type}</TableCell>
            <TableCell>
              <Badge tone="neutral">foreign</Badge>
            </TableCell>
            <TableCell className="text-xs text-slate-600">In the Level Progress group but not created by this app; left alone.</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
