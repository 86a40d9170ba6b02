/**
 * Learner capture: once trusted, a run learns who signed up, changed email, was deleted or banned
 * (and whose ban ended) from the triggers on auth.users, so a run after no change reads nobody and
 * makes no HubSpot call; duplicate-email groups stay exactly what a full recomputation says; and a
 * customised learners view, a role without the TRIGGER privilege or a failing trigger fall back to
 * comparing every learner instead of missing anyone (or stopping a sign-up).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { runSync } from "@/lib/sync";
import { addLearners, addProgress, createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness, standInContacts } from "@/test/support/sync/sync-harness";
import { LEARNER_TRIGGER_NAMES } from "./learner-capture";

const h = setUpSyncHarness();

async function captureState() {
  const { rows } = await h.db.pool.query(
    "select mode, reason, trusted_since is not null as is_trusted, learner_count::int as learner_count from crm_sync.learner_capture",
  );
  return rows[0] as { mode: string; reason: string | null; is_trusted: boolean; learner_count: number | null };
}

async function learnerTriggers(): Promise<string[]> {
  const { rows } = await h.db.pool.query(
    "select tgname::text as name from pg_trigger where tgrelid = 'auth.users'::regclass and tgname = any($1::text[]) order by 1",
    [LEARNER_TRIGGER_NAMES],
  );
  return rows.map((row: { name: string }) => row.name);
}

/** learner_id of every contact the proxy saw written (upserts and updates). */
function writtenLearners(): string[] {
  return h.proxy
    .requests()
    .filter((request) => request.method === "POST" && /\/batch\/(upsert|update)$/.test(request.path))
    .flatMap((request) =>
      (JSON.parse(request.body) as { inputs: { properties: Record<string, string> }[] }).inputs.map(
        (input) => input.properties.learner_id ?? "",
      ),
    )
    .sort();
}

/** Every learner a `--full` recomputation would send holds exactly those values in HubSpot. */
async function expectHubSpotAsFull(): Promise<void> {
  const full = await runSync(h.options({ mode: "dry_run", full: true, hubspot: null }));
  const contacts = standInContacts(h.standIn);
  for (const batch of full.document.batches) {
    for (const input of batch.inputs) {
      const email = batch.operation === "update" ? (input.properties.email ?? "") : (input.id ?? "");
      const held = contacts.get(email) ?? {};
      const { email: _email, ...properties } = input.properties;
      expect(Object.fromEntries(Object.keys(properties).map((key) => [key, held[key] ?? ""])), email).toEqual(
        properties,
      );
    }
  }
}

async function factsOf(userIds: readonly string[]): Promise<number> {
  const { rows } = await h.db.pool.query(
    "select count(*)::int as n from crm_sync.learner_facts where user_id = any($1::uuid[])",
    [userIds],
  );
  return (rows[0] as { n: number }).n;
}

describe("learner capture", () => {
  it("reads nobody and calls HubSpot not at all after no change, also with learners HubSpot never got", async () => {
    await createLevel(h.db.pool, "a1");
    const ids = await addLearners(h.db.pool, [
      { email: "ann@example.com" },
      { email: "not-an-email" },
      { email: null },
      { email: "dup@example.com" },
      { email: " DUP@example.com" },
      { email: "bob@example.com" },
    ]);
    await addProgress(
      h.db.pool,
      "a1",
      ids.map((userId, index) => ({ userId, unitId: 1, updatedAt: `2026-01-0${index + 1}T12:00:00Z` })),
    );
    const first = await runSync(h.options());
    expect(first.summary).toMatchObject({ learners: 6, upserted: 3, invalid: 3 });
    expect(await learnerTriggers()).toHaveLength(LEARNER_TRIGGER_NAMES.length);
    expect(await captureState()).toMatchObject({ mode: "triggers", is_trusted: true, learner_count: 6 });
    // The learners reported for the first time are read once more (a report queues them again).
    await runSync(h.options());
    h.proxy.clear();
    const idle = await runSync(h.options());
    expect(idle.learnersRead).toBe(0);
    // Not read, yet still counted as not sendable, as a run that read them would.
    expect(idle.summary).toMatchObject({ learners: 6, upserted: 0, unchanged: 3, invalid: 3, failed: 0 });
    expect(h.proxy.requests()).toEqual([]);
  });

  it("sees sign-ups, email changes, deletions and bans without progress, and a ban that ends by itself", async () => {
    await createLevel(h.db.pool, "a1");
    const ids = await seedSimpleLearners(h.db.pool, 4, ["a1"]);
    await runSync(h.options());
    const [newcomer] = await addLearners(h.db.pool, [{ email: "new@example.com" }]);
    await h.db.pool.query("update auth.users set email = 'moved@example.com' where id = $1", [ids[0]]);
    await h.db.pool.query("delete from auth.users where id = $1", [ids[1]]);
    await h.db.pool.query("update auth.users set banned_until = now() + interval '1500 milliseconds' where id = $1", [
      ids[2],
    ]);
    h.proxy.clear();
    const changed = await runSync(h.options());
    expect(changed.learnersRead).toBe(2);
    expect(changed.summary).toMatchObject({ learners: 3, upserted: 2, failed: 0 });
    expect(writtenLearners()).toEqual([newcomer!, ids[0]!].sort());
    expect(await factsOf([ids[1]!, ids[2]!])).toBe(0);
    await expectHubSpotAsFull();

    for (let waited = 0; waited < 50; waited += 1) {
      const { rows } = await h.db.pool.query("select banned_until <= now() as is_over from auth.users where id = $1", [
        ids[2],
      ]);
      if ((rows[0] as { is_over: boolean }).is_over) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    h.proxy.clear();
    const back = await runSync(h.options());
    expect(back.learnersRead).toBe(1);
    expect(back.summary).toMatchObject({ learners: 4, upserted: 0, failed: 0 });
    expect(await factsOf([ids[2]!])).toBe(1);
    expect(writtenLearners()).toEqual([]);
  });

  it("keeps duplicate-email groups as a full recomputation has them when members leave, join or get active", async () => {
    await createLevel(h.db.pool, "a1");
    const [winner, loser, other] = await addLearners(h.db.pool, [
      { email: "shared@example.com" },
      { email: "Shared@example.com " },
      { email: "other@example.com" },
    ]);
    await addProgress(h.db.pool, "a1", [
      { userId: winner!, unitId: 1, updatedAt: "2026-02-01T12:00:00Z" },
      { userId: loser!, unitId: 1, updatedAt: "2026-01-01T12:00:00Z" },
      { userId: other!, unitId: 1, updatedAt: "2026-01-15T12:00:00Z" },
    ]);
    expect((await runSync(h.options())).summary).toMatchObject({ upserted: 2, invalid: 1 });
    await runSync(h.options());

    // The winner leaves: nothing of the loser changed, yet it is now the only one with that email.
    await h.db.pool.query("delete from auth.users where id = $1", [winner]);
    h.proxy.clear();
    expect((await runSync(h.options())).summary).toMatchObject({ learners: 2, upserted: 1 });
    expect(writtenLearners()).toEqual([loser]);
    await expectHubSpotAsFull();

    // A newcomer takes the same email, without activity: reported, nothing sent.
    const [newcomer] = await addLearners(h.db.pool, [{ email: "SHARED@example.com" }]);
    h.proxy.clear();
    expect((await runSync(h.options())).summary).toMatchObject({ learners: 3, upserted: 0, invalid: 1 });
    expect(writtenLearners()).toEqual([]);

    // The newcomer becomes the most recently active: it wins the group and is sent.
    await addProgress(h.db.pool, "a1", [{ userId: newcomer!, unitId: 2, updatedAt: "2026-03-01T12:00:00Z" }]);
    h.proxy.clear();
    expect((await runSync(h.options())).summary).toMatchObject({ upserted: 1, invalid: 1 });
    expect(writtenLearners()).toEqual([newcomer]);
    await expectHubSpotAsFull();
  });

  it("with removed_learners = clear, clears who left before the switch once, and later leavers from the queue", async () => {
    await createLevel(h.db.pool, "a1");
    const ids = await seedSimpleLearners(h.db.pool, 4, ["a1"]);
    const isRecorded = async (userId: string) =>
      (await h.db.pool.query("select 1 from crm_sync.contact_state where user_id = $1", [userId])).rowCount === 1;
    await runSync(h.options());
    await h.db.pool.query("delete from auth.users where id = $1", [ids[0]]);
    await runSync(h.options());
    expect(await isRecorded(ids[0]!)).toBe(true);

    try {
      // Left while the setting was keep: not in any queue, so the first run with clear looks at everyone.
      await h.db.pool.query("update crm_sync.settings set removed_learners = 'clear'");
      expect((await runSync(h.options())).message).toContain("1 removed learner(s) cleared and forgotten");
      expect(await isRecorded(ids[0]!)).toBe(false);

      await h.db.pool.query("delete from auth.users where id = $1", [ids[1]]);
      h.proxy.clear();
      const later = await runSync(h.options());
      expect(later.message).toContain("1 removed learner(s) cleared and forgotten");
      expect(later.learnersRead).toBe(0);
      expect(await isRecorded(ids[1]!)).toBe(false);
      expect(h.proxy.requests().filter((request) => request.path.endsWith("/batch/update"))).toHaveLength(1);
    } finally {
      await h.db.pool.query("update crm_sync.settings set removed_learners = 'keep'");
    }
  });

  it("compares every learner for a customised learners view, and never stops a sign-up when capture fails", async () => {
    const { rows } = await h.db.pool.query("select pg_get_viewdef('crm_sync.learners'::regclass) as definition");
    const shipped = (rows[0] as { definition: string }).definition;
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 2, ["a1"]);
    await runSync(h.options());
    expect(await captureState()).toMatchObject({ mode: "triggers", is_trusted: true });

    // A failing capture (its queue is gone) marks capture untrusted instead of refusing the sign-up.
    const client = await h.db.pool.connect();
    try {
      await client.query("begin");
      await client.query("alter table crm_sync.change_queue rename to change_queue_away");
      await client.query("insert into auth.users (id, email) values (gen_random_uuid(), 'signup@example.com')");
      const state = await client.query("select trusted_since from crm_sync.learner_capture");
      expect(state.rows).toEqual([{ trusted_since: null }]);
    } finally {
      await client.query("rollback");
      client.release();
    }

    try {
      await h.db.pool.query(
        `create or replace view crm_sync.learners as
         select u.id as user_id, u.email::text as email from auth.users u
         where u.deleted_at is null and u.email not like '%@hidden.example.com'`,
      );
      // Without capture a sign-up is still found: by comparing the view with what HubSpot has.
      await addLearners(h.db.pool, [{ email: "late@example.com" }]);
      h.proxy.clear();
      expect((await runSync(h.options())).summary).toMatchObject({ learners: 3, upserted: 1 });
      expect(await captureState()).toMatchObject({
        mode: "compare",
        reason: expect.stringContaining("custom definition"),
        is_trusted: false,
      });
      expect(await learnerTriggers()).toEqual([]);
    } finally {
      await h.db.pool.query(`create or replace view crm_sync.learners as ${shipped}`);
    }
    await runSync(h.options());
    expect(await captureState()).toMatchObject({ mode: "triggers", is_trusted: true, learner_count: 3 });
  });

  it("does not wait on a busy auth.users to install its triggers: compares this once, installs on the next run", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 2, ["a1"]);
    for (const name of LEARNER_TRIGGER_NAMES) await h.db.pool.query(`drop trigger if exists ${name} on auth.users`);
    const writer = await h.db.pool.connect();
    try {
      // An open transaction that wrote to auth.users (Auth's own, say): creating a trigger waits for it.
      await writer.query("begin");
      await writer.query("update auth.users set updated_at = now() where false");
      const busy = await runSync(h.options({ mode: "dry_run", hubspot: null }));
      expect(busy.summary).toMatchObject({ learners: 2 });
      expect(await captureState()).toMatchObject({ mode: "compare", reason: expect.stringContaining("busy") });
      expect(await learnerTriggers()).toEqual([]);
    } finally {
      await writer.query("rollback");
      writer.release();
    }
    await runSync(h.options({ mode: "dry_run", hubspot: null }));
    expect(await captureState()).toMatchObject({ mode: "triggers", is_trusted: false });
    expect(await learnerTriggers()).toHaveLength(LEARNER_TRIGGER_NAMES.length);
  });

  it("re-creates a trigger someone disabled and compares every learner once, so a change made meanwhile is sent", async () => {
    await createLevel(h.db.pool, "a1");
    const ids = await seedSimpleLearners(h.db.pool, 3, ["a1"]);
    await runSync(h.options());
    await runSync(h.options());
    expect(await captureState()).toMatchObject({ mode: "triggers", is_trusted: true });
    // Disabled (as a hand-run maintenance script might), then an email change the trigger never sees.
    await h.db.pool.query(`alter table auth.users disable trigger ${LEARNER_TRIGGER_NAMES[1]}`);
    await h.db.pool.query("update auth.users set email = 'renamed@example.com' where id = $1", [ids[0]]);
    h.proxy.clear();
    const next = await runSync(h.options());
    // The full comparison of the learners view with what HubSpot holds finds the renamed learner.
    expect(next.learnersRead).toBe(1);
    expect(writtenLearners()).toEqual([ids[0]!]);
    await expectHubSpotAsFull();
    const { rows } = await h.db.pool.query(
      "select count(*)::int as n from pg_trigger where tgrelid = 'auth.users'::regclass and tgname = any($1::text[]) and tgenabled = 'O'",
      [LEARNER_TRIGGER_NAMES],
    );
    expect(rows[0]).toEqual({ n: LEARNER_TRIGGER_NAMES.length });
    expect(await captureState()).toMatchObject({ mode: "triggers", is_trusted: true });
  });

  it("compares every learner for a role without the TRIGGER privilege on auth.users", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 2, ["a1"]);
    const role = `learners_limited_${randomBytes(4).toString("hex")}`;
    const password = randomBytes(12).toString("hex");
    await h.db.pool.query(`create role ${role} login bypassrls password '${password}'`);
    await h.db.pool.query(`grant usage on schema crm_sync, public, auth to ${role}`);
    await h.db.pool.query(`grant select, insert, update, delete on all tables in schema crm_sync to ${role}`);
    await h.db.pool.query(`grant select on all tables in schema public, auth to ${role}`);
    await h.db.pool.query(
      `grant usage on all sequences in schema crm_sync to ${role}; grant execute on all functions in schema crm_sync to ${role}`,
    );
    const url = new URL(h.db.url);
    url.username = role;
    url.password = password;
    const limited = new pg.Pool({ connectionString: url.toString(), max: 2 });
    try {
      const dry = await runSync({ ...h.options({ mode: "dry_run", hubspot: null }), pool: limited });
      expect(dry.summary).toMatchObject({ learners: 2, toUpsert: 2 });
      expect(await captureState()).toMatchObject({ mode: "compare", reason: expect.stringContaining("TRIGGER") });
    } finally {
      await limited.end();
      await h.db.pool.query(`drop owned by ${role}; drop role ${role}`);
    }
  });
});
