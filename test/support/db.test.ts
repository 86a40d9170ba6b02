import pg from "pg";
import { inject, describe, expect, it } from "vitest";
import { createTestDatabase } from "./db";

async function databaseExists(name: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: inject("pgAdminUrl") });
  admin.on("error", () => {});
  await admin.connect();
  try {
    return ((await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount ?? 0) > 0;
  } finally {
    await admin.end();
  }
}

type ConnectionWithEnd = { connection: { end(): void } };

describe("createTestDatabase().drop()", () => {
  it("drops the database only after the pool's connections have closed, so no idle client is terminated", async () => {
    const db = await createTestDatabase();
    const poolErrors: Error[] = [];
    db.pool.on("error", (error) => poolErrors.push(error));
    // A loaded machine: the client's goodbye reaches the server late. pool.end() does not wait
    // for it, so a drop right after it used to terminate a still-open idle connection.
    let goodbyeSent: Promise<void> = Promise.resolve();
    db.pool.on("connect", (client) => {
      const connection = (client as unknown as ConnectionWithEnd).connection;
      const end = connection.end.bind(connection);
      connection.end = () => {
        goodbyeSent = new Promise((resolve) => setTimeout(() => resolve(end()), 300));
      };
    });
    await db.pool.query("select 1");

    await db.drop();
    await goodbyeSent;

    expect(poolErrors.map((error) => error.message)).toEqual([]);
    expect(await databaseExists(db.name)).toBe(false);
  });

  it("ends the extra pools it handed out", async () => {
    const db = await createTestDatabase();
    const extra = db.createPool({ max: 2 });
    await extra.query("select 1");
    await db.drop();
    expect(extra.ended).toBe(true);
    expect(await databaseExists(db.name)).toBe(false);
  });
});
