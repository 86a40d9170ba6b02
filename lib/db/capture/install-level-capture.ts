/**
 * Installs or removes change-capture triggers and records each level's capture mode in
 * crm_sync.level_capture. Without the TRIGGER privilege on a table (or when the table is a view,
 * which has no transition tables) the level falls back to `full_scan`: every run re-aggregates it
 * in full, and the settings page says why.
 * Installing marks the level's facts untrusted (facts_built_at = null): changes made before the
 * triggers existed were never queued, so only a full pass that starts after this point rebuilds them.
 * A constant number of statements whatever the number of levels, except when triggers are created.
 */
import { z } from "zod";
import { inTransaction, type Database, type Queryable } from "../queryable";
import type { LevelSource } from "../levels/level-source";
import { CAPTURE_TRIGGER_NAMES, captureTables, createTriggersSql, dropTriggersSql } from "./capture-triggers";

export type CaptureMode = "triggers" | "full_scan";

export interface LevelCaptureResult {
  level: string;
  mode: CaptureMode;
  reason: string | null;
  /** True when this call created the triggers (false: they were there already, or fallback). */
  isNewlyInstalled: boolean;
}

const catalogRowSchema = z.object({
  schema: z.string(),
  table_name: z.string(),
  relkind: z.string(),
  can_trigger: z.boolean(),
  triggers: z.number().int(),
  enabled_triggers: z.number().int(),
});
type CatalogRow = z.infer<typeof catalogRowSchema>;

const TABLE_KINDS = new Set(["r", "p"]);

/** The named tables, plus every table that carries one of our triggers (candidates for removal). */
export async function readCaptureCatalog(
  db: Queryable,
  schema: string,
  tables: readonly string[],
): Promise<CatalogRow[]> {
  const { rows } = await db.query(
    `select n.nspname::text as schema, c.relname::text as table_name, c.relkind::text as relkind,
            has_table_privilege(c.oid, 'TRIGGER') as can_trigger,
            (select count(*)::int from pg_trigger t where t.tgrelid = c.oid and t.tgname = any($3::text[])) as triggers,
            -- Only triggers that fire count as installed: a disabled one (or ENABLE REPLICA) misses changes.
            (select count(*)::int from pg_trigger t
             where t.tgrelid = c.oid and t.tgname = any($3::text[]) and t.tgenabled in ('O', 'A')) as enabled_triggers
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where (n.nspname = $1 and c.relname = any($2::text[]))
        or exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = any($3::text[]))`,
    [schema, tables, CAPTURE_TRIGGER_NAMES],
  );
  return rows.map((row) => catalogRowSchema.parse(row));
}

/** Why capture cannot run on these tables, or null when it can. */
function fallbackReason(catalog: readonly CatalogRow[], schema: string, tables: readonly string[]): string | null {
  for (const table of tables) {
    const entry = catalog.find((row) => row.schema === schema && row.table_name === table);
    if (!entry) return `table ${table} not found`;
    if (!TABLE_KINDS.has(entry.relkind))
      return `${table} is a view or foreign table (triggers with transition tables need a table)`;
    if (!entry.can_trigger) return `the database role may not create triggers on ${table} (TRIGGER privilege missing)`;
  }
  return null;
}

async function recordModes(db: Queryable, results: readonly LevelCaptureResult[]): Promise<void> {
  if (results.length === 0) return;
  await db.query(
    `with r as (select * from unnest($1::text[], $2::text[], $3::text[], $4::bool[]) as r(level, mode, reason, is_new)),
     updated as (
       update crm_sync.level_capture c set mode = r.mode, reason = r.reason, updated_at = now(),
         installed_at = case when r.is_new or r.mode <> 'triggers' or c.mode <> 'triggers'
                             then case when r.mode = 'triggers' then now() end else c.installed_at end,
         facts_built_at = case when r.is_new or r.mode <> c.mode then null else c.facts_built_at end
       from r where c.level = r.level and (c.mode <> r.mode or c.reason is distinct from r.reason or r.is_new)
     )
     insert into crm_sync.level_capture (level, mode, reason, installed_at)
     select r.level, r.mode, r.reason, case when r.mode = 'triggers' then now() end from r
     where not exists (select 1 from crm_sync.level_capture c where c.level = r.level)
     on conflict (level) do nothing`,
    [
      results.map((r) => r.level),
      results.map((r) => r.mode),
      results.map((r) => r.reason),
      results.map((r) => r.isNewlyInstalled),
    ],
  );
}

/** Installs capture on every given level that lacks it (or records why it cannot). */
export async function installCapture(
  db: Database,
  sources: readonly LevelSource[],
  catalog?: readonly CatalogRow[],
): Promise<LevelCaptureResult[]> {
  if (sources.length === 0) return [];
  const schema = sources[0]!.schema;
  const seen = catalog ?? (await readCaptureCatalog(db, schema, sources.flatMap(captureTables)));
  const results: LevelCaptureResult[] = [];
  for (const source of sources) {
    const tables = captureTables(source);
    const reason = fallbackReason(seen, source.schema, tables);
    if (reason) {
      results.push({ level: source.level, mode: "full_scan", reason, isNewlyInstalled: false });
      continue;
    }
    const isComplete = tables.every(
      (table) =>
        seen.find((row) => row.schema === source.schema && row.table_name === table)?.enabled_triggers ===
        CAPTURE_TRIGGER_NAMES.length,
    );
    if (!isComplete) {
      await inTransaction(db, async (client) => {
        for (const table of tables) {
          await client.query(dropTriggersSql(source.schema, table));
          await client.query(createTriggersSql(source.schema, table, source.level));
        }
      });
    }
    results.push({ level: source.level, mode: "triggers", reason: null, isNewlyInstalled: !isComplete });
  }
  await recordModes(db, results);
  return results;
}

export async function installLevelCapture(db: Database, source: LevelSource): Promise<LevelCaptureResult> {
  return (await installCapture(db, [source]))[0]!;
}

/**
 * Drops a level's triggers (dropping needs table ownership: a role that could create them but
 * does not own the table leaves them in place, and their queue entries are simply ignored) and
 * forgets the level's capture state and facts.
 */
export async function removeLevelCapture(
  db: Database,
  level: string,
  schema: string,
): Promise<{ isRemoved: boolean; reason: string | null }> {
  const tables = [`${level}_progress`, `${level}_milestones`];
  const present = (await readCaptureCatalog(db, schema, tables)).filter(
    (row) => row.schema === schema && tables.includes(row.table_name) && row.triggers > 0,
  );
  let reason: string | null = null;
  for (const row of present) {
    try {
      await db.query(dropTriggersSql(schema, row.table_name));
    } catch (error) {
      if ((error as { code?: unknown }).code !== "42501") throw error;
      reason = `the database role may not drop triggers on ${row.table_name} (it does not own the table)`;
    }
  }
  await db.query("delete from crm_sync.level_capture where level = $1", [level]);
  await db.query("delete from crm_sync.learner_facts where level = $1", [level]);
  return { isRemoved: reason === null, reason };
}
