/**
 * The Connections card: is the database reachable, does the HubSpot token work (and for which
 * portal), is CRON_SECRET set (never its value), and when the cron job last ran.
 */
import type pg from "pg";
import { z } from "zod";
import { checkDatabase } from "@/lib/health/check-database";
import { checkHubSpot, type HubSpotConnection } from "@/lib/health/check-hubspot";
import type { HubSpotClient } from "@/lib/hubspot/client";

export type { HubSpotConnection };

export interface LastCronRun {
  id: number;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface ConnectionsReport {
  database: { ok: boolean; latencyMs: number | null; error?: string };
  hubspot: HubSpotConnection;
  isCronSecretConfigured: boolean;
  /** null: the cron job never ran; undefined: the database could not be asked. */
  lastCronRun: LastCronRun | null | undefined;
}

const cronRunSchema = z.object({
  id: z.coerce.number(),
  status: z.string(),
  started_at: z.date(),
  finished_at: z.date().nullable(),
});

export async function checkConnections(
  pool: pg.Pool,
  hubspot: HubSpotClient | null,
  cronSecret: string | undefined,
): Promise<ConnectionsReport> {
  const [database, hubspotStatus] = await Promise.all([checkDatabase(pool), checkHubSpot(hubspot)]);
  return {
    database,
    hubspot: hubspotStatus,
    isCronSecretConfigured: Boolean(cronSecret),
    lastCronRun: database.ok ? await findLastCronRun(pool) : undefined,
  };
}

export async function findLastCronRun(db: Pick<pg.Pool, "query">): Promise<LastCronRun | null> {
  const { rows } = await db.query(
    "select id, status, started_at, finished_at from crm_sync.runs where trigger = 'cron' order by started_at desc, id desc limit 1",
  );
  if (rows[0] === undefined) return null;
  const row = cronRunSchema.parse(rows[0]);
  return { id: row.id, status: row.status, startedAt: row.started_at, finishedAt: row.finished_at };
}
