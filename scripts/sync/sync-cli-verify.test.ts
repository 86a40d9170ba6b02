/** `npm run sync -- --verify [--json]` as a user runs it: a child process, its stdout, stderr and exit code. */
import { describe, expect, it } from "vitest";
import { runSync } from "@/lib/sync/run-sync";
import { createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { runSyncCliOn } from "@/test/support/cli/run-sync-cli";
import { setUpSyncHarness } from "@/test/support/sync/sync-harness";

const h = setUpSyncHarness();

const runCli = (args: string[], env: Record<string, string | undefined> = {}) => runSyncCliOn(h, args, env);

describe("npm run sync -- --verify", () => {
  it("--json prints one verify document listing each difference; without --json a line per difference", async () => {
    await createLevel(h.db.pool, "a1");
    const [first] = await seedSimpleLearners(h.db.pool, 2, ["a1"]);
    await runSync(h.options());
    const { rows } = await h.db.pool.query("select hubspot_id from crm_sync.contact_state where user_id = $1", [first]);
    const contactId = rows[0].hubspot_id as string;
    h.standIn.editContact(contactId, { total_study_time: "999" });
    const json = await runCli(["--verify", "--json"]);
    expect(json.code, json.stderr).toBe(0);
    const document = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(Object.keys(document)).toEqual(["mode", "runId", "checked", "differences"]);
    expect(document).toMatchObject({
      mode: "verify",
      checked: 2,
      differences: [
        {
          userId: first,
          email: "learner1@example.com",
          contactId,
          property: "total_study_time",
          hubspot: "999",
          expected: "15",
        },
      ],
    });
    const text = await runCli(["--verify"]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      /^Verify run #\d+: checked 2 contacts, 1 difference\(s\) for 1 learner\(s\), marked for the next run\.\n {2}learner1@example\.com .*total_study_time is "999", expected "15"\n$/,
    );
  });

  it("refuses --verify with flags of a sync", async () => {
    const refused = await runCli(["--verify", "--dry-run"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("--verify reads HubSpot back and takes only --json and --out");
  });
});
