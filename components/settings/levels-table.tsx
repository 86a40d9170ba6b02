import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { levelLabel } from "@/lib/contracts/levels-order";
import type { LevelOverview } from "@/lib/settings/load-levels-overview";
import { LevelEnabledSwitch } from "./level-enabled-switch";
import { UnitTotalForm } from "./unit-total-form";

/** How the next runs read this level: only changed learners (triggers) or all of them, and why. */
function CaptureNote({ capture }: { capture: LevelOverview["capture"] }) {
  if (!capture) return <p className="mt-1 text-xs text-slate-600">Change capture: set up on the next sync</p>;
  if (capture.mode === "full_scan")
    return <p className="mt-1 max-w-xs text-xs text-amber-800">Full re-aggregation on every sync: {capture.reason}</p>;
  return (
    <p className="mt-1 text-xs text-slate-600">
      {capture.factsBuiltAt ? "Change capture: only changed learners" : "Change capture: next sync is a full pass"}
    </p>
  );
}

const count = (value: number | null, isEstimated = false) =>
  value === null ? "—" : `${isEstimated ? "≈ " : ""}${value.toLocaleString("en-US")}`;

/** Every discovered level table; admins get the switch and the unit total form, everyone else the values. */
export function LevelsTable({ levels, canEdit }: { levels: LevelOverview[]; canEdit: boolean }) {
  return (
    // `relative`: the sr-only labels (position: absolute) would otherwise escape the sideways-scrolling
    // wrapper and widen the whole page on a narrow screen.
    <Table className="relative" caption="Discovered level tables and their sync settings">
      <TableHead>
        <tr>
          <TableHeaderCell>Level</TableHeaderCell>
          <TableHeaderCell>Table</TableHeaderCell>
          <TableHeaderCell className="text-right">Learners</TableHeaderCell>
          <TableHeaderCell className="text-right">Rows</TableHeaderCell>
          <TableHeaderCell>Synced</TableHeaderCell>
          <TableHeaderCell>Unit total</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {levels.map((level) => {
          const label = levelLabel(level.level);
          // An incompatible level can still be switched off (its table broke after it was enabled), never on.
          const canToggle = canEdit && (level.isCompatible || level.enabled);
          return (
            <TableRow key={level.level} data-level={level.level}>
              <TableCell className="font-semibold">{label}</TableCell>
              <TableCell>
                <div className="flex flex-wrap items-center gap-2">
                  <code className="font-mono text-xs">{level.table}</code>
                  {level.isCompatible ? (
                    <Badge tone="success">compatible</Badge>
                  ) : (
                    <Badge tone="danger">incompatible</Badge>
                  )}
                </div>
                {level.reasons.length > 0 ? (
                  <p className="mt-1 max-w-md text-xs text-red-700">{level.reasons.join("; ")}</p>
                ) : null}
                {level.warnings.length > 0 ? (
                  <p className="mt-1 max-w-md text-xs text-amber-800">{level.warnings.join("; ")}</p>
                ) : null}
              </TableCell>
              <TableCell className="text-right tabular-nums">{count(level.learners)}</TableCell>
              <TableCell className="text-right tabular-nums">{count(level.rows, level.rowsEstimated)}</TableCell>
              <TableCell>
                {canToggle ? (
                  <LevelEnabledSwitch level={level.level} label={label} isEnabled={level.enabled} />
                ) : (
                  <Badge tone={level.enabled ? "success" : "neutral"}>{level.enabled ? "enabled" : "disabled"}</Badge>
                )}
                {level.enabled ? <CaptureNote capture={level.capture} /> : null}
              </TableCell>
              <TableCell>
                {canEdit && level.isCompatible ? (
                  <UnitTotalForm level={level.level} label={label} unitTotal={level.unitTotal} />
                ) : (
                  <span className="tabular-nums">{level.unitTotal ?? "—"}</span>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
