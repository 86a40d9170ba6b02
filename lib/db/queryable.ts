/**
 * The slice of `pg` the sync engine uses. Everything takes a pg.Pool (or a wrapper of one, such as
 * the statement counter), never a single client, so transactions check out their own connection.
 * No named prepared statements anywhere: Supabase's transaction pooler cannot keep them.
 */
import type pg from "pg";

/** A pool or a checked-out client: anything that runs one statement. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<pg.QueryResult>;
}
export type Database = Queryable & Pick<pg.Pool, "connect">;

/** Runs `work` in one transaction on a dedicated connection. */
export async function inTransaction<T>(db: Database, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  let isBroken = false;
  // A checked-out client whose connection dies between two statements emits "error"; without a
  // listener that would crash the process. The next statement then rejects, which is what we report.
  const onConnectionError = () => {
    isBroken = true;
  };
  client.on("error", onConnectionError);
  try {
    await client.query("begin");
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (error) {
    // The original error is what matters; a failed rollback means the connection is gone,
    // so the client is destroyed instead of going back to the pool.
    await client.query("rollback").catch(() => {
      isBroken = true;
    });
    throw error;
  } finally {
    client.off("error", onConnectionError);
    client.release(isBroken);
  }
}
