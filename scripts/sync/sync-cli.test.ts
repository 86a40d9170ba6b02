/** `npm run sync` as a user runs it: a child process, its stdout, stderr and exit code. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addLearners, createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { runSyncCliOn } from "@/test/support/cli/run-sync-cli";
import { setUpSyncHarness } from "@/test/support/sync/sync-harness";

const h = setUpSyncHarness();

const runCli = (args: string[], env: Record<string, string | undefined> = {}) => runSyncCliOn(h, args, env);

describe("npm run sync", () => {
  it("--dry-run --json prints exactly the plan document; --out writes the same", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 3, ["a1"]);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sync-cli-")), "plan.json");
    const result = await runCli(["--dry-run", "--json", "--out", out], { HUBSPOT_ACCESS_TOKEN: "" });
    expect(result.code, result.stderr).toBe(0);
    const document = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(document)).toEqual(["mode", "levels", "propertyPlan", "summary", "batches", "issues"]);
    expect(document).toMatchObject({
      mode: "dry_run",
      levels: ["a1"],
      summary: { learners: 3, toUpsert: 3, unchanged: 0, invalid: 0 },
    });
    expect((document.propertyPlan as { action: string }[]).every((item) => item.action === "unverified")).toBe(true);
    expect(result.stderr).toContain("unverified");
    // The daily-quota estimate has no field in the document: it is on the summary line on stderr.
    expect(result.stderr).toMatch(
      /Quota: 1 HubSpot call; 250,000 of the 250,000-request daily quota left today \(UTC\): fits today\./,
    );
    expect(fs.readFileSync(out, "utf8")).toBe(result.stdout);
  });

  it("--dry-run --json lists a learner without an email as a missing_email issue, in the documented shape", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 2, ["a1"]);
    const [missingId] = await addLearners(h.db.pool, [{ email: null }]);
    const result = await runCli(["--dry-run", "--json"], { HUBSPOT_ACCESS_TOKEN: "" });
    expect(result.code, result.stderr).toBe(0);
    const document = JSON.parse(result.stdout) as {
      summary: unknown;
      issues: Record<string, unknown>[];
      batches: { inputs: { id: string }[] }[];
    };
    expect(document.summary).toEqual({ learners: 3, toUpsert: 2, unchanged: 0, invalid: 1 });
    expect(document.issues).toEqual([
      {
        userId: missingId,
        email: "",
        kind: "missing_email",
        message: expect.stringContaining(`learner ${missingId} has no email address`),
      },
    ]);
    expect(document.batches.flatMap((batch) => batch.inputs.map((input) => input.id)).sort()).toEqual([
      "learner1@example.com",
      "learner2@example.com",
    ]);
  });

  it("syncs live, and exits 2 when HubSpot rejected rows", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 4, ["a1"]);
    h.proxy.setUpsertInterceptor((inputs) => inputs.slice(0, 1).map((input) => input.id));
    const partial = await runCli(["--json"]);
    expect(partial.code, partial.stderr).toBe(2);
    expect(JSON.parse(partial.stdout)).toMatchObject({
      mode: "live",
      status: "partial",
      summary: { upserted: 3, failed: 1 },
    });
    h.proxy.setUpsertInterceptor(null);
    const retry = await runCli([]);
    expect(retry.code, retry.stderr).toBe(0);
    expect(retry.stdout).toMatch(/^Run #\d+ succeeded: 4 learners: 1 upserted, 3 unchanged/);
    // Each CLI start is in the audit log, with the run it started.
    const runIds = [JSON.parse(partial.stdout).runId, Number(/^Run #(\d+)/.exec(retry.stdout)?.[1])];
    const audit = await h.db.pool.query(
      "select actor_label, action, target, details from crm_sync.audit_log where action = 'sync.start' order by id",
    );
    expect(audit.rows).toEqual(
      runIds.map((id) => ({
        actor_label: expect.stringMatching(/^cli \(/),
        action: "sync.start",
        target: `run #${id}`,
        details: { trigger: "cli" },
      })),
    );
  });

  it("exits 1 when the daily quota pauses the run, saying when to run it again; until then it refuses to start", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 3, ["a1"]);
    // Our own count (settings.daily_request_quota) stops the run before its first write: one call a day leaves no room.
    await h.db.pool.query("update crm_sync.settings set daily_request_quota = 1");
    const paused = await runCli(["--json"]);
    expect(paused.code, paused.stderr).toBe(1);
    expect(JSON.parse(paused.stdout)).toMatchObject({ mode: "live", status: "paused" });
    expect(paused.stderr).toMatch(
      /^Run #\d+ paused for HubSpot's daily quota; run the command again after 00:00 UTC on \d{1,2} \w{3} \d{4} to continue where it stopped\.$/m,
    );

    const refused = await runCli([]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^sync failed: Waiting for HubSpot's daily API quota: run #\d+ paused /);
  });

  it("exits 3 naming who runs the other sync, 1 on bad flags and on a live run without a token", async () => {
    await createLevel(h.db.pool, "a1");
    await h.db.pool.query(
      "insert into crm_sync.runs (mode, trigger, started_by_label) values ('live', 'ui', 'operator@demo.test')",
    );
    const audited = async () =>
      (await h.db.pool.query("select count(*)::int as n from crm_sync.audit_log where action = 'sync.start'")).rows[0];
    const auditedBefore = await audited();
    const busy = await runCli([]);
    expect(busy.code).toBe(3);
    expect(busy.stderr).toMatch(/already running: run #\d+ started by operator@demo\.test \(ui\)/);
    // A refused start is not a start: nothing in the audit log.
    expect(await audited()).toEqual(auditedBefore);

    const unknown = await runCli(["--fast"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Unknown option '--fast'");
    expect(unknown.stderr).toContain("Usage: npm run sync --");
    const badLimit = await runCli(["--limit", "0"]);
    expect(badLimit.code).toBe(1);
    expect(badLimit.stderr).toContain("--limit must be a positive integer");

    const noToken = await runCli([], { HUBSPOT_ACCESS_TOKEN: "" });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr.trim()).toBe(
      "sync failed: A live sync needs HubSpot: set HUBSPOT_ACCESS_TOKEN to a private-app token (a dry run works without one).",
    );
  });
});
