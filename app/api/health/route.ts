import { AuthServiceUnavailableError } from "@/lib/auth/errors";
import { getStaffSession, type StaffSession } from "@/lib/auth/get-staff-session";
import { getHealthCheck } from "@/lib/health/get-health-check";
import { getPublicHealth } from "@/lib/health/get-public-health";

/**
 * Public on purpose (uptime monitors): anonymous callers and non-staff get `{ ok }` only; staff
 * (the dashboard's system status card) get the full report with latency, level tables and the
 * HubSpot portal. Either way nothing secret is in it.
 */
export async function GET() {
  // Auth being down must not turn a health probe into a 500: answer as for anyone.
  const session: StaffSession = await getStaffSession().catch((error: unknown) => {
    if (error instanceof AuthServiceUnavailableError) return { kind: "anonymous" } as const;
    throw error;
  });
  if (session.kind !== "staff") {
    const health = await getPublicHealth();
    return Response.json(health, { status: health.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
  }
  const report = await getHealthCheck()();
  return Response.json(report, {
    status: report.database.ok ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
