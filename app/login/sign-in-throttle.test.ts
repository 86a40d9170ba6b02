import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { describeThrottle, reserveSignInAttempt, settleSignInAttempt, type SignInLimits } from "./sign-in-throttle";

const LIMITS: SignInLimits = { accountFailures: 3, ipFailures: 5, windowSeconds: 900 };

describe("sign-in throttle", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.drop());

  async function fail(email: string, ip: string) {
    const reservation = await reserveSignInAttempt(db.pool, { email, ip }, LIMITS);
    if (reservation.kind === "allowed") await settleSignInAttempt(db.pool, reservation, "wrong_credentials");
    return reservation;
  }

  it("blocks an account after its failures, from any IP, until the window has passed; unknown emails alike", async () => {
    for (const ip of ["198.51.100.1", "198.51.100.2", "198.51.100.3"])
      expect((await fail("Nobody@School.test", ip)).kind).toBe("allowed");
    const blocked = await reserveSignInAttempt(db.pool, { email: "nobody@school.test", ip: "198.51.100.9" }, LIMITS);
    expect(blocked).toMatchObject({ kind: "blocked", scope: "account" });
    const waitMs = (blocked as { retryAt: Date }).retryAt.getTime() - Date.now();
    expect(waitMs).toBeGreaterThan(800_000);
    expect(waitMs).toBeLessThanOrEqual(900_000);
    // Another account from the same IPs is unaffected.
    expect((await reserveSignInAttempt(db.pool, { email: "other@school.test", ip: "198.51.100.1" }, LIMITS)).kind).toBe(
      "allowed",
    );
  });

  it("blocks an IP after its failures across accounts, while other IPs still get through", async () => {
    for (let n = 0; n < 5; n += 1) expect((await fail(`spray-${n}@school.test`, "203.0.113.5")).kind).toBe("allowed");
    expect(
      await reserveSignInAttempt(db.pool, { email: "fresh@school.test", ip: "203.0.113.5" }, LIMITS),
    ).toMatchObject({ kind: "blocked", scope: "ip" });
    expect((await reserveSignInAttempt(db.pool, { email: "fresh@school.test", ip: "203.0.113.6" }, LIMITS)).kind).toBe(
      "allowed",
    );
  });

  it("counts parallel attempts: a burst cannot pass more than the limit", async () => {
    const burst = await Promise.all(
      Array.from({ length: 8 }, () =>
        reserveSignInAttempt(db.pool, { email: "burst@school.test", ip: "192.0.2.77" }, LIMITS),
      ),
    );
    expect(burst.filter((reservation) => reservation.kind === "allowed")).toHaveLength(3);
  });

  it("a success clears the account's failures; attempts that failed for other reasons do not count", async () => {
    await fail("teacher@school.test", "192.0.2.10");
    await fail("teacher@school.test", "192.0.2.10");
    for (let n = 0; n < 4; n += 1) {
      const unavailable = await reserveSignInAttempt(
        db.pool,
        { email: "teacher@school.test", ip: "192.0.2.10" },
        LIMITS,
      );
      expect(unavailable.kind).toBe("allowed");
      if (unavailable.kind === "allowed") await settleSignInAttempt(db.pool, unavailable, "not_counted");
    }
    const success = await reserveSignInAttempt(db.pool, { email: "teacher@school.test", ip: "192.0.2.10" }, LIMITS);
    expect(success.kind).toBe("allowed");
    if (success.kind === "allowed") await settleSignInAttempt(db.pool, success, "succeeded");
    for (let n = 0; n < 3; n += 1) expect((await fail("teacher@school.test", "192.0.2.10")).kind).toBe("allowed");
  });

  it("stores no email or IP in clear", async () => {
    const { rows } = await db.pool.query("select account_key, ip_key from crm_sync.sign_in_attempts");
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/school\.test|198\.51|203\.0/);
  });

  it("lives in a table with RLS on and nothing granted to the Data API roles; its migration can run again", async () => {
    const migration = fs.readFileSync(
      path.join(import.meta.dirname, "../../supabase/migrations/20261206010000_sign_in_throttle.sql"),
      "utf8",
    );
    await db.pool.query(migration);
    const { rows } = await db.pool.query(
      `select c.relrowsecurity as rls,
              has_table_privilege('anon', c.oid, 'select,insert,update,delete') as anon,
              has_table_privilege('authenticated', c.oid, 'select,insert,update,delete') as authenticated
         from pg_class c where c.oid = 'crm_sync.sign_in_attempts'::regclass`,
    );
    expect(rows).toEqual([{ rls: true, anon: false, authenticated: false }]);
  });

  it("says whose attempts are blocked and for how long", () => {
    const now = new Date("2026-12-06T10:00:00Z");
    expect(describeThrottle({ scope: "account", retryAt: new Date("2026-12-06T10:12:30Z") }, now)).toBe(
      "Too many failed sign-in attempts for this account. Try again in 13 minutes.",
    );
    expect(describeThrottle({ scope: "ip", retryAt: new Date("2026-12-06T10:00:10Z") }, now)).toBe(
      "Too many failed sign-in attempts from your network. Try again in 1 minute.",
    );
  });
});
