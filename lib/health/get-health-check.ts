import { serverEnv } from "@/lib/config/env";
import { getPool } from "@/lib/db/pool";
import { createHubSpotClientFromEnv } from "@/lib/hubspot/create-hubspot-client-from-env";
import { createHealthCheck } from "./create-health-check";
import type { HealthReport } from "@/lib/contracts/health-response";

let healthCheck: (() => Promise<HealthReport>) | undefined;

/** The process-wide health check on the configured database and HubSpot account. */
export function getHealthCheck(): () => Promise<HealthReport> {
  if (!healthCheck) {
    const env = serverEnv();
    healthCheck = createHealthCheck({
      pool: getPool(),
      sourceSchema: env.SOURCE_SCHEMA,
      hubspot: createHubSpotClientFromEnv(env, "read"),
    });
  }
  return healthCheck;
}
