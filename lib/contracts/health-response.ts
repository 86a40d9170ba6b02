/**
 * The public shape of GET /api/health. Shared by the route (server) and the dashboard (browser),
 * which parses the response with this schema. Nothing secret may go in here: the route is public.
 */
import { z } from "zod";

export const databaseHealthSchema = z.object({
  ok: z.boolean(),
  latencyMs: z.number().nonnegative().nullable(),
  error: z.string().optional(),
});

export const levelTableHealthSchema = z.object({
  level: z.string(),
  table: z.string(),
  rows: z.number().int().nonnegative(),
  /** true when `rows` is the planner's estimate (tables above ~1M rows are not counted exactly). */
  estimated: z.boolean(),
});

export const hubspotHealthSchema = z.object({
  ok: z.boolean(),
  configured: z.boolean(),
  portalId: z.number().int().optional(),
  error: z.string().optional(),
});

export const healthReportSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  checkedAt: z.iso.datetime(),
  database: databaseHealthSchema,
  levels: z.array(levelTableHealthSchema),
  levelsError: z.string().optional(),
  hubspot: hubspotHealthSchema,
});

export type DatabaseHealth = z.infer<typeof databaseHealthSchema>;
export type LevelTableHealth = z.infer<typeof levelTableHealthSchema>;
export type HubSpotHealth = z.infer<typeof hubspotHealthSchema>;
export type HealthReport = z.infer<typeof healthReportSchema>;

/**
 * What anonymous callers (uptime monitors) get: up or not, nothing else. The portal id, table
 * names and row counts describe the school's setup and are for staff only.
 */
export const publicHealthSchema = z.object({ ok: z.boolean() });
export type PublicHealth = z.infer<typeof publicHealthSchema>;
