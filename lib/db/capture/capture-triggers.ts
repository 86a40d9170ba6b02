/**
 * The triggers change capture puts on the customer's level tables, as SQL. They are the one thing
 * the app adds to those tables (docs/ARCHITECTURE.md, "Change capture"): one statement-level AFTER
 * trigger per event, because Postgres allows transition tables only on single-event triggers, plus
 * one for TRUNCATE (which has no transition table and makes the level's next pass a full one).
 * The functions they call are created by the migrations (crm_sync.capture_changes / capture_truncate).
 */
import type { LevelSource } from "../levels/level-source";
import { quoteQualified } from "../quote-ident";

export const CAPTURE_TRIGGER_NAMES = [
  "crm_sync_capture_ins",
  "crm_sync_capture_upd",
  "crm_sync_capture_del",
  "crm_sync_capture_trunc",
] as const;

/** The tables of a level that capture watches: the progress table and, when present, the milestones table. */
export function captureTables(source: LevelSource): string[] {
  return [source.progressTable, ...(source.milestones ? [source.milestones.table] : [])];
}

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

export function createTriggersSql(schema: string, table: string, level: string): string {
  const target = quoteQualified(schema, table);
  const arg = literal(level);
  return [
    `create trigger crm_sync_capture_ins after insert on ${target} referencing new table as capture_new for each statement execute function crm_sync.capture_changes(${arg})`,
    `create trigger crm_sync_capture_upd after update on ${target} referencing new table as capture_new old table as capture_old for each statement execute function crm_sync.capture_changes(${arg})`,
    `create trigger crm_sync_capture_del after delete on ${target} referencing old table as capture_old for each statement execute function crm_sync.capture_changes(${arg})`,
    `create trigger crm_sync_capture_trunc after truncate on ${target} for each statement execute function crm_sync.capture_truncate(${arg})`,
  ].join(";\n");
}

export function dropTriggersSql(schema: string, table: string): string {
  const target = quoteQualified(schema, table);
  return CAPTURE_TRIGGER_NAMES.map((name) => `drop trigger if exists ${name} on ${target}`).join(";\n");
}
