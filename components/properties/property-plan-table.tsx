import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { PROPERTY_ACTION_LABELS, PROPERTY_ACTIONS, type PropertyAction } from "@/lib/contracts/property-actions";

/**
 * The property plan, as the dry run shows it (sync page) and as "Create missing properties" will
 * execute it (settings page): one table, one wording per action (lib/contracts/property-actions.ts).
 */
const TONES: Record<PropertyAction, BadgeTone> = {
  create: "brand",
  exists: "success",
  update_options: "warning",
  drift: "danger",
  unverified: "neutral",
};

/** What both plans carry; the settings plan adds the label and the reason of an action. */
export interface PropertyPlanRow {
  name: string;
  type: string;
  fieldType: string;
  action: PropertyAction;
  label?: string;
  missingOptions?: string[];
  reason?: string;
}

export interface ForeignProperty {
  name: string;
  label: string;
  type: string;
}

function detailOf(row: PropertyPlanRow): string {
  if (row.action === "drift" && row.reason)
    return `${row.reason}: fix it in HubSpot; withheld from payloads until then.`;
  if (row.action === "update_options" && row.missingOptions) return `Missing options: ${row.missingOptions.join(", ")}`;
  return PROPERTY_ACTION_LABELS[row.action].hint;
}

export function PropertyPlanTable({
  entries,
  foreign = [],
}: {
  entries: readonly PropertyPlanRow[];
  foreign?: readonly ForeignProperty[];
}) {
  const counts = new Map<PropertyAction, number>();
  for (const row of entries) counts.set(row.action, (counts.get(row.action) ?? 0) + 1);
  return (
    <div className="space-y-3">
      <ul className="flex flex-wrap gap-2" aria-label="Property plan totals">
        {PROPERTY_ACTIONS.filter((action) => counts.has(action)).map((action) => (
          <li key={action}>
            <Badge tone={TONES[action]}>
              {PROPERTY_ACTION_LABELS[action].label}: {counts.get(action)}
            </Badge>
          </li>
        ))}
      </ul>
      {/* Scrolls on its own; focusable so keyboard users can scroll it too. */}
      <div
        tabIndex={0}
        role="region"
        aria-label="Property plan, scrollable"
        className="max-h-96 overflow-y-auto rounded-md border border-slate-200"
      >
        <Table caption="Property plan">
          <TableHead>
            <tr>
              <TableHeaderCell>Property</TableHeaderCell>
              <TableHeaderCell>Type</TableHeaderCell>
              <TableHeaderCell>Plan</TableHeaderCell>
              <TableHeaderCell>Details</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {entries.map((row) => (
              <TableRow key={row.name} data-property={row.name}>
                <TableCell>
                  <code className="font-mono text-xs">{row.name}</code>
                  {row.label ? <p className="text-xs text-slate-500">{row.label}</p> : null}
                </TableCell>
                <TableCell className="text-xs whitespace-nowrap text-slate-600">
                  {row.type} / {row.fieldType}
                </TableCell>
                <TableCell>
                  <Badge tone={TONES[row.action]}>{PROPERTY_ACTION_LABELS[row.action].label}</Badge>
                </TableCell>
                <TableCell className="text-xs text-slate-600">{detailOf(row)}</TableCell>
              </TableRow>
            ))}
            {foreign.map((property) => (
              <TableRow key={`foreign:${property.name}`} data-property={property.name}>
                <TableCell>
                  <code className="font-mono text-xs">{property.name}</code>
                  <p className="text-xs text-slate-500">{property.label}</p>
                </TableCell>
                <TableCell className="text-xs text-slate-600">{property.type}</TableCell>
                <TableCell>
                  <Badge tone="neutral">Foreign</Badge>
                </TableCell>
                <TableCell className="text-xs text-slate-600">
                  In the Level Progress group but not created by this app; left alone.
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
