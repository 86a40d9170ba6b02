import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { learnerHistoryRows, listLearnerHistory } from "./list-learner-history";

const ME = "00000000-0000-4000-8000-000000000001";
const OTHER = "00000000-0000-4000-8000-000000000002";
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  const runs = await db.pool.query(
    `insert into crm_sync.runs (mode, trigger, started_by_label, status) values ('live', 'cli', 't', 'partial'), ('verify', 'ui', 't', 'succeeded') returning id`,
  );
  const [live, verify] = runs.rows.map((row) => Number(row.id));
  await db.pool.query(
    `insert into crm_sync.run_errors (run_id, user_id, email, level, kind, message, payload) values
       ($1, $3, 'me@example.com', 'a1', 'data_warning', 'first', null),
       ($1, $4, 'other@example.com', null, 'rejected', 'not mine', null),
       ($1, $3, 'me@example.com', null, 'rejected', 'second', '{"id":"me@example.com"}'),
       ($2, $3, 'me@example.com', null, 'verify_difference', 'third', '{"property":"level_a1_status"}')`,
    [live, verify, ME, OTHER],
  );
});
afterAll(async () => db?.drop());

describe("listLearnerHistory", () => {
  it("lists only this learner's rows, newest first, with the run's mode, a page at a time", async () => {
    const first = await listLearnerHistory(db.pool, ME, { pageSize: 2 });
    expect(first.total).toBe(3);
    expect(first.items.map((item) => [item.message, item.runMode])).toEqual([
      ["third", "verify"],
      ["second", "live"],
    ]);
    expect(first.items[1]?.payload).toEqual({ id: "me@example.com" });
    const second = await listLearnerHistory(db.pool, ME, { page: 2, pageSize: 2 });
    expect(second.items.map((item) => item.message)).toEqual(["first"]);
  });

  it("streams the same rows for the CSV export", async () => {
    const rows = [];
    for await (const row of learnerHistoryRows(db.pool, ME)) rows.push(row);
    expect(rows.map((row) => [row[2], row[5], row[6], row[7]])).toEqual([
      ["verify", "verify_difference", "third", '{"property":"level_a1_status"}'],
      ["live", "rejected", "second", '{"id":"me@example.com"}'],
      ["live", "data_warning", "first", null],
    ]);
  });
});
