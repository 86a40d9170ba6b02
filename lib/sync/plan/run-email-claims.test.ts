/**
 * The run's email claims live in the database (flat memory): every batch must still be classified
 * exactly as with one run-wide map of claimed emails, however far apart in the run two learners
 * sharing an email are, and a run must leave no claim behind.
 */
import type pg from "pg";
import { describe, expect, it } from "vitest";
import type { LearnerRow } from "@/lib/db/learners/read-learner-page";
import type { ContactState } from "@/lib/db/learners/load-contact-states";
import type { Queryable } from "@/lib/db/queryable";
import { addLearners, createLevel } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness } from "@/test/support/sync/sync-harness";
import { runSync } from "../run-sync";
import { classifyLearner, type ClassifyContext } from "./classify-learner";
import type { DuplicateLoser } from "./resolve-email-duplicates";
import { RunEmailClaims } from "./run-email-claims";

const h = setUpSyncHarness();

/** A running dry run (one at a time: the one before is closed). */
async function newRunId(): Promise<number> {
  await h.db.pool.query("update crm_sync.runs set status = 'succeeded' where status = 'running'");
  const { rows } = await h.db.pool.query(
    "insert into crm_sync.runs (mode, trigger, started_by_label) values ('dry_run', 'cli', 'test') returning id::int as id",
  );
  return rows[0]!.id as number;
}

async function storedClaims(runId: number): Promise<number> {
  const { rows } = await h.db.pool.query("select count(*)::int as n from crm_sync.run_email_claims where run_id = $1", [
    runId,
  ]);
  return rows[0]!.n as number;
}

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const BASE: Omit<ClassifyContext, "claimedEmails" | "duplicateLosers" | "isFull"> = {
  levels: ["a1"],
  enabledLevels: ["a1"],
  withheld: new Set(),
};

/** Learners sharing few emails (spelt differently), some without or with a bad one, some unchanged, some pre-pass losers. */
function mixedLearners(count: number, seed: number) {
  const random = generator(seed);
  const spellings = (n: number) => [`shared${n}@example.com`, ` Shared${n}@Example.com`, `SHARED${n}@example.com\t`];
  const learners: LearnerRow[] = Array.from({ length: count }, (_, index) => {
    const roll = random();
    const userId = `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
    if (roll < 0.05) return { userId, email: null };
    if (roll < 0.1) return { userId, email: "not-an-email" };
    if (roll < 0.3) return { userId, email: `solo${index}@example.com` };
    return { userId, email: spellings(Math.floor(random() * 12))[Math.floor(random() * 3)]! };
  });
  const states = new Map<string, ContactState>();
  const losers = new Map<string, DuplicateLoser>();
  for (const learner of learners) {
    const roll = random();
    if (roll < 0.3) {
      // Unchanged: HubSpot confirmed exactly the payload this learner would get.
      const entry = classifyLearner(learner, undefined, undefined, {
        ...BASE,
        isFull: true,
        duplicateLosers: new Map(),
        claimedEmails: new Map(),
      });
      if (entry.hash)
        states.set(learner.userId, { hash: entry.hash, email: entry.email, hubspotId: null, isResendRequested: false });
    } else if (roll < 0.4) {
      losers.set(learner.userId, { email: "whatever@example.com", winnerUserId: learners[0]!.userId });
    }
  }
  return { learners, states, losers };
}

describe("run email claims", () => {
  it("classifies every learner as one run-wide map of claimed emails does, for any batch size", async () => {
    const { learners, states, losers } = mixedLearners(160, 7);
    const classify = (learner: LearnerRow, claimedEmails: Map<string, string>) =>
      classifyLearner(learner, undefined, states.get(learner.userId), {
        ...BASE,
        isFull: false,
        duplicateLosers: losers,
        claimedEmails,
      });
    const runWide = new Map<string, string>();
    const expected = learners.map((learner) => classify(learner, runWide));
    // The data must exercise the guard: learners refused for an email claimed batches earlier.
    const refusedByClaim = expected.filter(
      (entry) => entry.issues[0]?.kind === "duplicate_email" && !losers.has(entry.userId),
    );
    expect(refusedByClaim.length).toBeGreaterThan(10);
    for (const batchSize of [1, 3, 16, 160]) {
      const runId = await newRunId();
      const claims = new RunEmailClaims(h.db.pool, runId);
      const actual = [];
      for (let start = 0; start < learners.length; start += batchSize) {
        const batch = learners.slice(start, start + batchSize);
        const claimedEmails = await claims.forBatch(batch);
        // Only the batch's own emails are held, never the run's.
        expect(claimedEmails.size).toBeLessThanOrEqual(batch.length);
        for (const learner of batch) actual.push(classify(learner, claimedEmails));
      }
      expect(actual).toEqual(expected);
      if (batchSize < learners.length) expect(await storedClaims(runId)).toBeGreaterThan(0);
      await claims.release();
      expect(await storedClaims(runId)).toBe(0);
    }
  });

  it("sends no statement while nothing is claimed, and clears claims left by runs that ended", async () => {
    const ended = await newRunId();
    await h.db.pool.query(
      "insert into crm_sync.run_email_claims (run_id, email, user_id) values ($1, 'left@example.com', gen_random_uuid())",
      [ended],
    );
    await h.db.pool.query("update crm_sync.runs set status = 'failed' where id = $1", [ended]);
    const statements: string[] = [];
    const counted: Queryable = {
      query: (text: string, values?: unknown[]) => {
        statements.push(text);
        return h.db.pool.query(text, values);
      },
    };
    const claims = new RunEmailClaims(counted, await newRunId());
    const unchanged: LearnerRow = { userId: "00000000-0000-4000-8000-000000000001", email: "same@example.com" };
    expect(await claims.forBatch([unchanged, { userId: "00000000-0000-4000-8000-000000000002", email: null }])).toEqual(
      new Map(),
    );
    await claims.release();
    expect(statements).toEqual([]);
    expect(await storedClaims(ended)).toBe(1);
    // The first claim to store clears what ended runs left.
    (await claims.forBatch([unchanged])).set("same@example.com", unchanged.userId);
    await claims.forBatch([{ userId: "00000000-0000-4000-8000-000000000003", email: "SAME@example.com" }]);
    expect(await storedClaims(ended)).toBe(0);
  });

  it("refuses a learner whose email became an earlier learner's while the run streams (dry and live), and keeps no claim", async () => {
    await createLevel(h.db.pool, "a1");
    const [first, , last] = await addLearners(h.db.pool, [
      { id: "00000000-0000-4000-8000-000000000001", email: "first@example.com" },
      { id: "00000000-0000-4000-8000-000000000002", email: "middle@example.com" },
      { id: "00000000-0000-4000-8000-000000000003", email: "last@example.com" },
    ]);
    const message = `Not sent: first@example.com is also the email of learner ${first}, which is synced instead (most recent activity wins, then the smallest user id).`;
    const takeOverFirstEmail = () =>
      h.db.pool.query("update auth.users set email = ' First@Example.com' where id = $1", [last]).then(() => undefined);

    const dryPool = changeAfterPrePass(h.db.pool, takeOverFirstEmail);
    // Batch size 1: the claim is made two database batches before the learner it refuses.
    const dry = await runSync(h.options({ mode: "dry_run", batchSize: 1, pool: dryPool.pool }));
    expect(dryPool.hasChanged()).toBe(true);
    expect(dry.document.summary).toEqual({ learners: 3, toUpsert: 2, unchanged: 0, invalid: 1 });
    expect(dry.document.issues).toEqual([
      { userId: last, email: "first@example.com", kind: "duplicate_email", message },
    ]);

    await h.db.pool.query("update auth.users set email = 'last@example.com' where id = $1", [last]);
    const livePool = changeAfterPrePass(h.db.pool, takeOverFirstEmail);
    const live = await runSync(h.options({ batchSize: 1, pool: livePool.pool }));
    expect(livePool.hasChanged()).toBe(true);
    expect(live.summary).toMatchObject({ upserted: 2, invalid: 1, failed: 0 });
    const { rows } = await h.db.pool.query(
      "select user_id::text as user_id, kind, message from crm_sync.run_errors where run_id = $1",
      [live.runId],
    );
    expect(rows).toEqual([{ user_id: last, kind: "duplicate_email", message }]);
    expect(h.standIn.state.findContactByEmail("first@example.com")?.properties.learner_id).toBe(first);
    expect((await h.db.pool.query("select count(*)::int as n from crm_sync.run_email_claims")).rows[0].n).toBe(0);
  });
});

/**
 * The pool, except that right after the duplicate pre-pass (the statement grouping emails) has
 * answered, `change` runs: a change the pre-pass cannot have seen, made before any learner is read.
 */
function changeAfterPrePass(pool: pg.Pool, change: () => Promise<void>): { pool: pg.Pool; hasChanged: () => boolean } {
  let hasChanged = false;
  const proxy = new Proxy(pool, {
    get(target, property, receiver) {
      if (property === "query") {
        return async (text: string, values?: unknown[]) => {
          const result = await target.query(text, values);
          if (!hasChanged && text.includes("having count(*) > 1")) {
            hasChanged = true;
            await change();
          }
          return result;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { pool: proxy, hasChanged: () => hasChanged };
}
