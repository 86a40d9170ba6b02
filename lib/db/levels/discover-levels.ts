/**
 * Finds the level tables (`{level}_progress`, optional `{level}_milestones`) in the source schema
 * from pg_catalog, checks each against the data contract and reports what was found, skipped and why.
 * No level list is hard-coded anywhere: a new table becomes a new level on the next run.
 */
import { z } from "zod";
import { compareLevels } from "@/lib/contracts/levels-order";
import { checkMilestonesTable, checkProgressTable, levelNameProblem } from "./check-level-table";
import type { CatalogColumn, LevelSource } from "./level-source";
import type { Queryable } from "../queryable";

const PROGRESS_SUFFIX = "_progress";
const MILESTONES_SUFFIX = "_milestones";

const catalogRowSchema = z.object({
  table_name: z.string(),
  column_name: z.string(),
  column_type: z.string(),
  base_type: z.string(),
  is_user_id_indexed: z.boolean(),
});

export interface TableReport {
  table: string;
  isCompatible: boolean;
  reasons: string[];
  warnings: string[];
  columns: { name: string; type: string }[];
}

export interface DiscoveredLevel {
  level: string;
  progress: TableReport;
  milestones: TableReport | null;
  /** Present when the progress table is compatible: what aggregation reads. */
  source: LevelSource | null;
}

export interface DiscoveryReport {
  schema: string;
  /** Every `{level}_progress` table with a valid level name, compatible or not, in CEFR order. */
  levels: DiscoveredLevel[];
  ignoredTables: { table: string; reason: string }[];
  /** `{level}_milestones` tables without a matching progress table. */
  orphanMilestones: { table: string; level: string }[];
}

// Columns of every table, view or partitioned table ending in _progress / _milestones; domains
// are resolved to their base type. Partitions are skipped: their parent already covers their rows.
const CATALOG_SQL = `
  select c.relname as table_name, a.attname as column_name,
         format_type(a.atttypid, a.atttypmod) as column_type,
         bt.typname as base_type,
         exists (
           select 1 from pg_index i join pg_attribute ua on ua.attrelid = c.oid and ua.attname = 'user_id'
           where i.indrelid = c.oid and i.indkey[0] = ua.attnum
         ) as is_user_id_indexed
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
  join pg_type t on t.oid = a.atttypid
  join pg_type bt on bt.oid = case when t.typtype = 'd' then t.typbasetype else t.oid end
  where n.nspname = $1
    and c.relkind in ('r', 'p', 'v', 'm', 'f')
    and not c.relispartition
    and (right(c.relname, ${PROGRESS_SUFFIX.length}) = '${PROGRESS_SUFFIX}' or right(c.relname, ${MILESTONES_SUFFIX.length}) = '${MILESTONES_SUFFIX}')
  order by c.relname, a.attnum`;

interface CatalogTable {
  columns: CatalogColumn[];
  isUserIdIndexed: boolean;
}

async function readCatalog(db: Queryable, schema: string): Promise<Map<string, CatalogTable>> {
  const { rows } = await db.query(CATALOG_SQL, [schema]);
  const tables = new Map<string, CatalogTable>();
  for (const raw of rows) {
    const row = catalogRowSchema.parse(raw);
    const table = tables.get(row.table_name) ?? { columns: [], isUserIdIndexed: row.is_user_id_indexed };
    table.columns.push({ name: row.column_name, type: row.column_type, baseType: row.base_type });
    tables.set(row.table_name, table);
  }
  return tables;
}

function report(
  table: string,
  catalog: CatalogTable,
  check: { usable: unknown; reasons: string[]; warnings: string[] },
): TableReport {
  return {
    table,
    isCompatible: check.usable !== null,
    reasons: check.reasons,
    warnings: check.warnings,
    columns: catalog.columns.map(({ name, type }) => ({ name, type })),
  };
}

function discoverLevel(schema: string, level: string, tables: Map<string, CatalogTable>): DiscoveredLevel {
  const progressName = `${level}${PROGRESS_SUFFIX}`;
  const progressCatalog = tables.get(progressName)!;
  const progressCheck = checkProgressTable(progressCatalog.columns);
  if (progressCheck.usable && !progressCatalog.isUserIdIndexed) {
    progressCheck.warnings.push("no index starting with user_id (views excepted): every batch scans the whole table");
  }
  const milestonesName = `${level}${MILESTONES_SUFFIX}`;
  const milestonesCatalog = tables.get(milestonesName);
  const milestonesCheck = milestonesCatalog ? checkMilestonesTable(milestonesCatalog.columns) : null;
  const milestones =
    milestonesCatalog && milestonesCheck ? report(milestonesName, milestonesCatalog, milestonesCheck) : null;
  if (milestones && !milestones.isCompatible) milestones.warnings.push("milestones ignored for this level");
  const source: LevelSource | null = progressCheck.usable
    ? {
        level,
        schema,
        progressTable: progressName,
        columns: progressCheck.usable,
        milestones: milestonesCheck?.usable
          ? { table: milestonesName, achievedAt: milestonesCheck.usable.achievedAt }
          : null,
      }
    : null;
  return { level, progress: report(progressName, progressCatalog, progressCheck), milestones, source };
}

export async function discoverLevels(db: Queryable, schema: string): Promise<DiscoveryReport> {
  const tables = await readCatalog(db, schema);
  const levels: string[] = [];
  const ignoredTables: DiscoveryReport["ignoredTables"] = [];
  const orphanMilestones: DiscoveryReport["orphanMilestones"] = [];
  for (const table of tables.keys()) {
    const isProgress = table.endsWith(PROGRESS_SUFFIX);
    const level = table.slice(0, -(isProgress ? PROGRESS_SUFFIX : MILESTONES_SUFFIX).length);
    const problem = levelNameProblem(level);
    if (problem) {
      ignoredTables.push({ table, reason: problem });
    } else if (isProgress) {
      levels.push(level);
    } else if (!tables.has(`${level}${PROGRESS_SUFFIX}`)) {
      orphanMilestones.push({ table, level });
    }
  }
  return {
    schema,
    levels: levels.sort(compareLevels).map((level) => discoverLevel(schema, level, tables)),
    ignoredTables,
    orphanMilestones,
  };
}
