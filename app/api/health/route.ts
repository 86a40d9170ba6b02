import { getHealthCheck } from "@/lib/health/get-health-check";

/** Public on purpose (uptime monitors, the dashboard): the report carries no secrets. */
export async function GET() {
  const report = await getHealthCheck()();
  return Response.json(report, {
    status: report.database.ok ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
