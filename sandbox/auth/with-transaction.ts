import type pg from "pg";

/** Runs `work` in one transaction on one pooled connection: commit on return, roll back on throw. */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let brokenConnection: Error | undefined;
  try {
    await client.query("begin");
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (error) {
    try {
      await client.query("rollback");
    } catch (rollbackError) {
      // The connection is unusable; it is destroyed below and the original error still surfaces.
      brokenConnection = rollbackError as Error;
    }
    throw error;
  } finally {
    client.release(brokenConnection);
  }
}
