import { LevelsTable } from "@/components/settings/levels-table";
import { ReadOnlyNote } from "@/components/settings/read-only-note";
import { SectionError } from "@/components/settings/section-error";
import { SyncSettingsForm } from "@/components/settings/sync-settings-form";
import { Badge } from "@/components/ui/badge";
import { CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { StaffRole } from "@/lib/auth/roles";
import { serverEnv } from "@/lib/config/env";
import { getPool } from "@/lib/db/pool";
import { readRemovedLearnersPolicy } from "@/lib/db/learners/read-removed-learners";
import { loadLevelsOverview } from "@/lib/settings/load-levels-overview";
import { REMOVED_LEARNERS_CHOICES } from "@/components/settings/removed-learners-choices";
import { loadSection } from "./load-section";

export async function LevelsSection({ role }: { role: StaffRole }) {
  const schema = serverEnv().SOURCE_SCHEMA;
  const result = await loadSection("levels", async () => {
    const [overview, removedLearners] = await Promise.all([
      loadLevelsOverview(getPool(), schema),
      readRemovedLearnersPolicy(getPool()),
    ]);
    return { ...overview, settings: { ...overview.settings, removedLearners } };
  });
  if (!result.ok) return <SectionError what="levels" reference={result.reference} />;
  const overview = result.data;
  const removedChoice = REMOVED_LEARNERS_CHOICES.find((choice) => choice.value === overview.settings.removedLearners);
  const canEdit = role === "admin";
  return (
    <>
      <CardContent className="border-b border-slate-100">
        {canEdit ? (
          <SyncSettingsForm settings={overview.settings} />
        ) : (
          <dl className="grid gap-4 text-sm sm:grid-cols-2">
            <div>
              <dt className="font-medium text-slate-900">Auto-enable new levels</dt>
              <dd className="mt-1">
                <Badge tone={overview.settings.autoEnableNewLevels ? "success" : "neutral"}>
                  {overview.settings.autoEnableNewLevels ? "on" : "off"}
                </Badge>
              </dd>
            </div>
            <div>
              <dt className="font-medium text-slate-900">Completion milestone key</dt>
              <dd className="mt-1 font-mono">{overview.settings.completionMilestoneKey}</dd>
            </div>
            <div className="sm:col-span-2">
              <dt className="font-medium text-slate-900">Removed learners</dt>
              <dd className="mt-1">
                {removedChoice?.label}: <span className="text-slate-600">{removedChoice?.explanation}</span>
              </dd>
            </div>
          </dl>
        )}
      </CardContent>
      {overview.levels.length === 0 ? (
        <EmptyState title={`No level tables found in schema ${overview.schema}`}>
          A level is any table named <code className="font-mono">{"{level}_progress"}</code> (for example{" "}
          <code className="font-mono">a1_progress</code>).
        </EmptyState>
      ) : (
        <LevelsTable levels={overview.levels} canEdit={canEdit} />
      )}
      {overview.missingLevels.length > 0 || overview.ignoredTables.length > 0 || !canEdit ? (
        <CardContent className="flex flex-col gap-1 border-t border-slate-100 text-xs text-slate-600">
          {overview.missingLevels.length > 0 ? (
            <p className="text-amber-800">
              Enabled but their table is gone: {overview.missingLevels.join(", ")}. The sync skips them.
            </p>
          ) : null}
          {overview.ignoredTables.map((table) => (
            <p key={table.table}>
              Ignored <code className="font-mono">{table.table}</code>: {table.reason}
            </p>
          ))}
          {canEdit ? null : <ReadOnlyNote role={role} what="change levels and sync settings" />}
        </CardContent>
      ) : null}
    </>
  );
}
