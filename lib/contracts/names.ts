/**
 * The name rules every layer checks: a level key (`a1`, `pre_a1`) is the `{level}` part of a
 * `{level}_progress` table, and the source schema is a plain Postgres identifier. The SQL check
 * constraint on crm_sync.level_settings.level (supabase/migrations) mirrors LEVEL_NAME_PATTERN.
 * See docs/ARCHITECTURE.md, "Source data contract".
 */
import { z } from "zod";

/** Unanchored, so a caller can embed it (`^level_${LEVEL_NAME_BODY}_status$`). */
export const LEVEL_NAME_BODY = "[a-z][a-z0-9_]{0,30}";
export const LEVEL_NAME_PATTERN = new RegExp(`^${LEVEL_NAME_BODY}$`);

export const SCHEMA_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;

export const levelNameSchema = z.string().regex(LEVEL_NAME_PATTERN, "level keys look like a1 or pre_a1");
export const schemaNameSchema = z.string().regex(SCHEMA_NAME_PATTERN, "must be a plain schema name");

/**
 * Names that may be enabled automatically when first discovered: the CEFR levels, optionally with a
 * `_suffix` (`b1_business`). Anything else (`old_a1`, `a1_backup_2024`'s prefix twin `backup_a1`)
 * waits for an admin: a copy of a level table would otherwise be synced and double the study time.
 */
export const AUTO_ENABLE_LEVEL_PATTERN = /^(pre_a1|a1|a2|b1|b2|c1|c2)(_[a-z0-9_]+)?$/;
