import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { PropertyPlanItem } from "@/lib/sync";

const ACTIONS: Record<PropertyPlanItem["action"], { tone: BadgeTone; label: string; hint: string }> = {
  create: { tone: "brand", label: "Create", hint: "Created by the next live sync" },
  exists: { tone: "success", label: "Exists", hint: "Matches the contract" },
  update_options: { tone: "warning", label: "Options to add", hint: "Missing dropdown options are added" },
  drift: { tone: "danger", label: "Drift", hint: "Type differs in HubSpot; not written until fixed" },
  unverified: { tone: "neutral", label: "Unverified", hint: "No HubSpot token: not checked" },
};

export function PropertyPlanTable({ plan }: { plan: PropertyPlanItem[] }) {
  const counts = plan.reduce<Partial<Record<PropertyPlanItem["action"], number>>>((acc, item) => ({ ...acc, [item.action]: (acc[item.action] ?? 0) + 1 }), {});
  return (
    <div className="space-y-3">
      <ul className="flex flex-wrap gap-2" aria-label="Property plan totals">
        {(Object.keys(ACTIONS) as PropertyPlanItem["action"][])
          .filter((action) => counts[action])
          .map((action) => (
            <li key={action}>
              <Badge tone={ACTIONS[action].tone}>
                {ACTIONS[action].label}: {counts[action]}
              </Badge>
            </li>
          ))}
      </ul>
      {/* Scrolls on its own; focusable so keyboard users can scroll it too. */}
      <div tabIndex={0} role="region" aria-label="Property plan, scrollable" className="max-h-96 overflow-y-auto rounded-md border border-slate-200">
        <Table caption="Property plan">
          <TableHead>
            <tr>
              <TableHeaderCell>Property</TableHeaderCell>
              <TableHeaderCell>Type</TableHeaderCell>
              <TableHeaderCell>Group</TableHeaderCell>
              <TableHeaderCell>Plan</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {plan.map((item) => (
              <TableRow key={item.name}>
                <TableCell className="font-mono text-xs">{item.name}</TableCell>
                <TableCell className="text-xs text-slate-600">
                  {item.type} / {item.fieldType}
                </TableCell>
                <TableCell className="font-mono text-xs text-slate-600">{item.groupName}</TableCell>
                <TableCell>
                  <Badge tone={ACTIONS[item.action].tone} title={ACTIONS[item.action].hint}>
                    {ACTIONS[item.action].label}
                  </Badge>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
