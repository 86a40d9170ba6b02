import { serverEnv } from "@/lib/config/env";
import { getPool } from "@/lib/db/pool";
import { createHealthCheck } from "./create-health-check";
import type { HealthReport } from "./health-report";

let healthCheck: (() => Promise<HealthReport>) | undefined;

/** The process-wide health check on the configured database and HubSpot account. */
export function getHealthCheck(): () => Promise<HealthReport> {
  if (!healthCheck) {
    const env = serverEnv();
    healthCheck = createHealthCheck({
      pool: getPool(),
      sourceSchema: env.SOURCE_SCHEMA,
      hubspot: { baseUrl: env.HUBSPOT_BASE_URL, accessToken: env.HUBSPOT_ACCESS_TOKEN },
    });
  }
  return healthCheck;
}
