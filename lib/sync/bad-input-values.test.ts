/**
 * Issue #5 bad input at the engine level, part 1: emails and progress values. Each case asserts
 * what the product does with the bad value and that the good learner next to it still lands.
 */
import { describe, expect, it } from "vitest";
import { runSync } from "./run-sync";
import { GOOD, issuesOf, learnersWith } from "@/test/support/sync/bad-input-fixtures";
import { addLearners, addProgress, createLevel } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness, standInContacts } from "@/test/support/sync/sync-harness";

const h = setUpSyncHarness();

async function expectInvalidEmail(email: string, message: RegExp) {
  await learnersWith(h, [email]);
  const live = await runSync(h.options());
  expect(live.summary).toMatchObject({ upserted: 1, invalid: 1 });
  expect(await issuesOf(h, live.runId)).toEqual([
    { kind: "invalid_email", email: expect.any(String), message: expect.stringMatching(message) },
  ]);
  expect([...standInContacts(h.standIn).keys()]).toEqual([GOOD]);
}

// Empty, whitespace-only and NULL emails: bad-input-missing-email.test.ts.
describe("bad emails", () => {
  it("email longer than 254 characters: invalid_email, not sent", () =>
    expectInvalidEmail(`${"a".repeat(60)}@${"b".repeat(190)}.com`, /longer than 254/));
  it("local part longer than 64 characters: invalid_email", () =>
    expectInvalidEmail(`${"a".repeat(65)}@example.com`, /before @ is longer than 64/));
  it("IDN (unicode) domain josé@exämple.com: invalid_email (HubSpot needs the punycode form)", () =>
    expectInvalidEmail("josé@exämple.com", /not a valid email address/));
  it("two addresses in one field: invalid_email", () =>
    expectInvalidEmail("a@example.com, b@example.com", /not a valid email address/));

  it("unicode local part with an ASCII domain (josé@example.com): accepted and sent", async () => {
    await learnersWith(h, ["josé@example.com"]);
    const live = await runSync(h.options());
    expect(live.summary).toMatchObject({ upserted: 2, invalid: 0 });
    expect([...standInContacts(h.standIn).keys()].sort()).toEqual(["good@example.com", "josé@example.com"]);
  });
});

describe("bad progress values", () => {
  it("accuracy NaN and negative: excluded with a data warning, the unit still counts", async () => {
    await learnersWith(h, ["nan@example.com", "neg@example.com"], (ids) => [
      { userId: ids[0]!, unitId: 1, accuracy: 80 },
      { userId: ids[1]!, unitId: 1, accuracy: "NaN" },
      { userId: ids[2]!, unitId: 1, accuracy: -5 },
    ]);
    const live = await runSync(h.options());
    expect(live.summary).toMatchObject({ upserted: 3, warnings: 2 });
    const messages = (await issuesOf(h, live.runId)).map((issue) => [issue.email, issue.message]);
    expect(messages).toEqual(
      expect.arrayContaining([
        ["nan@example.com", "Level A1: 1 accuracy value(s) that are not numbers (NaN or text) excluded."],
        ["neg@example.com", "Level A1: 1 accuracy value(s) outside 0–100 excluded."],
      ]),
    );
    const contacts = standInContacts(h.standIn);
    expect(contacts.get(GOOD)).toMatchObject({ level_a1_accuracy: "80", level_a1_units_completed: "1" });
    expect(contacts.get("nan@example.com")?.level_a1_accuracy ?? "").toBe("");
    expect(contacts.get("neg@example.com")).toMatchObject({ level_a1_units_completed: "1" });
  });

  it("text accuracy column with non-numeric text: excluded with a warning, numeric text used", async () => {
    await createLevel(h.db.pool, "a1", {
      columns:
        "user_id uuid not null, unit_id integer not null, completed boolean, accuracy text, updated_at timestamptz",
    });
    const [good, bad] = await addLearners(h.db.pool, [{ email: GOOD }, { email: "text@example.com" }]);
    await h.db.pool.query(
      "insert into public.a1_progress values ($1, 1, true, ' 72.5 ', now()), ($2, 1, true, 'ninety', now()), ($2, 2, true, '1e999999', now())",
      [good, bad],
    );
    const live = await runSync(h.options());
    expect(live.summary).toMatchObject({ upserted: 2 });
    expect((await issuesOf(h, live.runId)).map((issue) => issue.message)).toEqual([
      "Level A1: 2 accuracy value(s) that are not numbers (NaN or text) excluded.",
    ]);
    expect(standInContacts(h.standIn).get(GOOD)).toMatchObject({ level_a1_accuracy: "72.5" });
  });

  it("negative time spent: excluded from study time with a warning", async () => {
    await learnersWith(h, ["neg@example.com"], (ids) => [
      { userId: ids[0]!, unitId: 1, timeSpent: 600 },
      { userId: ids[1]!, unitId: 1, timeSpent: -600 },
      { userId: ids[1]!, unitId: 2, timeSpent: 120 },
    ]);
    const live = await runSync(h.options());
    expect((await issuesOf(h, live.runId)).map((issue) => issue.message)).toEqual([
      "Level A1: 1 negative time_spent_seconds value(s) excluded.",
    ]);
    const contacts = standInContacts(h.standIn);
    expect(contacts.get(GOOD)?.total_study_time).toBe("10");
    expect(contacts.get("neg@example.com")?.total_study_time).toBe("2");
  });

  it("enormous time spent (2^31-1 s on many units and levels): summed without int4 overflow", async () => {
    await createLevel(h.db.pool, "b1");
    const max = 2 ** 31 - 1;
    const [, big] = await learnersWith(h, ["big@example.com"], (ids) =>
      [1, 2, 3]
        .map((unitId) => ({ userId: ids[1]!, unitId, timeSpent: max }))
        .concat([{ userId: ids[0]!, unitId: 1, timeSpent: 60 }]),
    );
    await addProgress(
      h.db.pool,
      "b1",
      [1, 2].map((unitId) => ({ userId: big!, unitId, timeSpent: max })),
    );
    const live = await runSync(h.options());
    expect(live).toMatchObject({ status: "succeeded", summary: { upserted: 2 } });
    const contacts = standInContacts(h.standIn);
    expect(contacts.get("big@example.com")?.total_study_time).toBe(String(Math.round((5 * max) / 60)));
    expect(contacts.get(GOOD)?.total_study_time).toBe("1");
  });

  it("activity dated in the future: sent as is (no clamping), the learner is not rejected", async () => {
    await learnersWith(h, ["future@example.com"], (ids) => [
      { userId: ids[0]!, unitId: 1, updatedAt: "2026-01-10T12:00:00Z" },
      { userId: ids[1]!, unitId: 1, updatedAt: "2999-06-01T12:00:00Z" },
    ]);
    const live = await runSync(h.options());
    expect(live).toMatchObject({ status: "succeeded", summary: { upserted: 2, warnings: 0 } });
    const future = standInContacts(h.standIn).get("future@example.com")!;
    expect(future.last_activity_date_global).toBe("2999-06-01");
  });

  it("learners with no progress rows: not_started everywhere, empty values, no crash", async () => {
    await createLevel(h.db.pool, "b1");
    await learnersWith(h, ["idle@example.com"], (ids) => [{ userId: ids[0]!, unitId: 1 }]);
    const live = await runSync(h.options());
    expect(live).toMatchObject({ status: "succeeded", summary: { upserted: 2 } });
    expect(standInContacts(h.standIn).get("idle@example.com")).toMatchObject({
      level_a1_status: "not_started",
      level_b1_status: "not_started",
      level_a1_units_completed: "0",
    });
    expect(standInContacts(h.standIn).get(GOOD)).toMatchObject({ level_a1_status: "in_progress" });
  });
});
