import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { inject } from "vitest";

export interface TestDatabase {
  url: string;
  name: string;
  pool: pg.Pool;
  /** Another pool on this database (e.g. with planner options); drop() ends it too. */
  createPool(config?: Omit<pg.PoolConfig, "connectionString">): pg.Pool;
  drop(): Promise<void>;
}

// Long enough for any goodbye still in flight; past it the drop forces leftovers (another module's pool).
const BACKENDS_GONE_TIMEOUT_MS = 10_000;

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on("error", (error) => console.error(`[test db] admin connection error: ${error.message}`));
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * pool.end() resolves once its clients have *sent* their goodbye, not once the server has closed
 * them; dropping the database "with (force)" right then terminates those backends, and the idle
 * client gets "terminating connection due to administrator command" as an error event.
 */
async function waitForBackendsGone(admin: pg.Client, name: string): Promise<void> {
  for (const deadline = Date.now() + BACKENDS_GONE_TIMEOUT_MS; Date.now() < deadline; await sleep(20)) {
    const { rows } = await admin.query<{ count: number }>(
      "select count(*)::int as count from pg_stat_activity where datname = $1",
      [name],
    );
    if (rows[0]?.count === 0) return;
  }
}

/** A fresh database cloned from the migrated template; drop it in afterAll. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("pgAdminUrl");
  const template = inject("pgTemplateDatabase");
  const name = `t_${randomBytes(6).toString("hex")}`;
  await withAdmin(adminUrl, (admin) => admin.query(`create database ${name} template ${template}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pools: pg.Pool[] = [];
  let isDropping = false;
  const createPool = (config: Omit<pg.PoolConfig, "connectionString"> = {}) => {
    const pool = new pg.Pool({ max: 5, ...config, connectionString: url.toString() });
    // Without a listener an idle client's error event crashes the test run as an unhandled error.
    pool.on("error", (error) => {
      if (!isDropping) console.error(`[test db] idle connection error on ${name}: ${error.message}`);
    });
    pools.push(pool);
    return pool;
  };
  return {
    url: url.toString(),
    name,
    pool: createPool(),
    createPool,
    async drop() {
      isDropping = true;
      await Promise.all(pools.filter((pool) => !pool.ending).map((pool) => pool.end()));
      await withAdmin(adminUrl, async (admin) => {
        await waitForBackendsGone(admin, name);
        await admin.query(`drop database if exists ${name} with (force)`);
      });
    },
  };
}
