/**
 * Issue #10 item 4: pages get a statement timeout, and a burst of page views cannot make a running
 * sync fail to get a connection (separate pools).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type pg from "pg";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { createPagePool, createSyncPool } from "./pool";

let db: TestDatabase;
let pages: pg.Pool;
let sync: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase();
  pages = createPagePool(db.url, { statementTimeoutMs: 300, max: 3 });
  sync = createSyncPool(db.url, { max: 2 });
});
afterAll(async () => {
  await pages.end();
  await sync.end();
  await db.drop();
});

describe("page and sync pools", () => {
  it("stops a page statement at the page timeout", async () => {
    await expect(pages.query("select pg_sleep(5)")).rejects.toThrow(/statement timeout|Query read timeout/);
    const { rows } = await pages.query("show statement_timeout");
    expect(rows[0]!.statement_timeout).toBe("300ms");
  });

  it("serves the sync while a burst of page views holds every page connection", async () => {
    const burst = Array.from({ length: 30 }, () => pages.query("select pg_sleep(0.2)"));
    const client = await sync.connect();
    try {
      const { rows } = await client.query("select 1 as ok");
      expect(rows).toEqual([{ ok: 1 }]);
      expect(pages.waitingCount).toBeGreaterThan(0);
    } finally {
      client.release();
    }
    await Promise.all(burst);
  });
});
