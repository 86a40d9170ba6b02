/**
 * Run rows the e2e specs put in crm_sync.runs to show states a real sync only passes through
 * briefly (running) or needs a broken HubSpot for (failed with flagged rows). Every row is deleted
 * again by the cleanup returned: a stopped live run left behind would be continued by the next start.
 */
import type pg from "pg";

export interface SeededRun {
  id: number;
  cleanup: () => Promise<void>;
}

/** A long unbroken URL, like the ones HubSpot puts into its error messages: it must wrap on a phone. */
export const LONG_URL_MESSAGE =
  "HubSpot is not accepting requests (server_error): https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert?correlationId=0f3c9a0e-5b7d-4c1e-9a57-8d2c61f0b4aa&portalId=12345678&retryAfterMilliseconds=10000. Run keeps its cursor.";

async function insertRun(pool: pg.Pool, values: Record<string, unknown>): Promise<number> {
  const columns = Object.keys(values);
  const { rows } = await pool.query<{ id: number }>(
    `insert into crm_sync.runs (${columns.join(", ")}) values (${columns.map((_, index) => `$${index + 1}`).join(", ")}) returning id::int as id`,
    Object.values(values),
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error("inserting a run returned no id");
  return id;
}

const cleanupFor = (pool: pg.Pool, id: number) => async () => {
  await pool.query("delete from crm_sync.runs where id = $1", [id]);
};

/** A live run in the middle of syncing, with a fresh heartbeat: the Sync page shows its progress bar. */
export async function seedRunningRun(pool: pg.Pool): Promise<SeededRun> {
  const id = await insertRun(pool, {
    mode: "live",
    trigger: "cron",
    started_by_label: "cron",
    status: "running",
    phase: "syncing",
    total_learners: 2400,
    chain_processed: 1000,
    processed: 1000,
    upserted: 930,
    unchanged: 60,
    invalid: 10,
  });
  return { id, cleanup: cleanupFor(pool, id) };
}

/** A failed live run, stopped in its third batch, with a long message and flagged rows. */
export async function seedFailedRun(pool: pg.Pool, flaggedRows = 30): Promise<SeededRun> {
  const id = await insertRun(pool, {
    mode: "live",
    trigger: "ui",
    started_by_label: "operator@demo.test",
    status: "failed",
    phase: "done",
    total_learners: 2400,
    chain_processed: 1000,
    processed: 1000,
    upserted: 930,
    unchanged: 40,
    failed: 20,
    invalid: 10,
    message: LONG_URL_MESSAGE,
    finished_at: new Date(),
  });
  await pool.query(
    `insert into crm_sync.run_errors (run_id, email, level, kind, message, payload)
     select $1, case when n % 3 = 0 then null else format('learner.with.a.rather.long.address.%s@example-language-school.test', n) end,
            'a1', case when n % 3 = 0 then 'missing_email' else 'rejected' end,
            case when n % 3 = 0 then format('Learner %s has no email: never sent.', n)
                 else format('=HYPERLINK("http://evil.test") %s: Property values were not valid: %s', n, $2::text) end,
            case when n % 3 = 0 then null else jsonb_build_object('email', 'x@example.test', 'properties', jsonb_build_object('level_a1_units_completed', '3')) end
       from generate_series(1, $3::int) as n`,
    [id, LONG_URL_MESSAGE, flaggedRows],
  );
  return { id, cleanup: cleanupFor(pool, id) };
}

/** Disables every level (the dashboard's "No enabled levels" state); the cleanup enables the same ones again. */
export async function disableAllLevels(pool: pg.Pool): Promise<() => Promise<void>> {
  const { rows } = await pool.query<{ level: string }>("select level from crm_sync.level_settings where enabled");
  await pool.query("update crm_sync.level_settings set enabled = false");
  return async () => {
    await pool.query("update crm_sync.level_settings set enabled = true where level = any($1::text[])", [
      rows.map((row) => row.level),
    ]);
  };
}
