import { ConnectionsList } from "@/components/settings/connections-list";
import { SectionError } from "@/components/settings/section-error";
import { serverEnv } from "@/lib/config/env";
import { getPool } from "@/lib/db/pool";
import { checkConnections } from "@/lib/settings/check-connections";
import { createHubSpotClientFromEnv } from "@/lib/hubspot/create-hubspot-client-from-env";
import { loadSection } from "./load-section";

export async function ConnectionsSection() {
  const env = serverEnv();
  const result = await loadSection("connections", () =>
    checkConnections(getPool(), createHubSpotClientFromEnv(env, "read"), env.CRON_SECRET),
  );
  if (!result.ok) return <SectionError what="connection checks" reference={result.reference} />;
  return <ConnectionsList report={result.data} />;
}
