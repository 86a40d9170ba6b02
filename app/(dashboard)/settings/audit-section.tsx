import { AuditLogTable } from "@/components/settings/audit-log-table";
import { SectionError } from "@/components/settings/section-error";
import { EmptyState } from "@/components/ui/empty-state";
import { listAudit } from "@/lib/audit/write-audit";
import { getPool } from "@/lib/db/pool";
import { loadSection } from "./load-section";

export const AUDIT_PAGE_SIZE = 20;

export async function AuditSection({ page }: { page: number }) {
  const result = await loadSection("audit log", () => listAudit(getPool(), { page, pageSize: AUDIT_PAGE_SIZE }));
  if (!result.ok) return <SectionError what="audit log" reference={result.reference} />;
  const { rows, total } = result.data;
  if (rows.length === 0) {
    return page > 1 ? (
      <EmptyState title={`Page ${page} is past the end of the audit log`} />
    ) : (
      <EmptyState title="Nothing has been changed yet">
        Syncs, previews, settings and staff changes are recorded here as they happen.
      </EmptyState>
    );
  }
  return <AuditLogTable rows={rows} page={page} pageCount={Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE))} />;
}
