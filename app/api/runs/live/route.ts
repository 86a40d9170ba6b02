import { jsonNoStore as json, withStaffRoute } from "@/lib/auth/staff-route";
import { getPool } from "@/lib/db/pool";
import { loadLiveRunState } from "./load-live-run-state";

export const dynamic = "force-dynamic";

/** The latest live run's progress, polled about once a second by the Sync page while it runs. */
export const GET = withStaffRoute("viewer", async () => json(200, await loadLiveRunState(getPool())));
