/**
 * Issue #10, item 1, as a new user meets it at the terminal: `npm run sync -- --dry-run --json`
 * with one unreadable row still prints the plan, and a failure is one complete, readable sentence
 * (it used to end at "Sync failed: [", the first line of a zod error's JSON dump).
 */
import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addLearners, createLevel, seedSimpleLearners } from "@/test/support/sync/source-fixtures";
import { type SyncCliResult, runSyncCli } from "@/test/support/cli/run-sync-cli";
import { setUpSyncHarness } from "@/test/support/sync/sync-harness";

const h = setUpSyncHarness();

function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<SyncCliResult> {
  return runSyncCli(args, {
    ...process.env,
    DATABASE_URL: h.db.url,
    HUBSPOT_ACCESS_TOKEN: "",
    HUBSPOT_BASE_URL: h.proxy.url,
    ...env,
  });
}

// A "HubSpot" that answers every call with valid JSON of the wrong shape: the client's zod parse fails.
const wrongShape = createServer((request, response) => {
  request.resume();
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify({ unexpected: true }));
});
let wrongShapeUrl = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => wrongShape.listen(0, "127.0.0.1", resolve));
  const address = wrongShape.address();
  if (!address || typeof address === "string") throw new Error("not listening");
  wrongShapeUrl = `http://127.0.0.1:${address.port}`;
});
afterAll(() => new Promise<void>((resolve) => wrongShape.close(() => resolve())));

describe("npm run sync and unreadable data", () => {
  it("--dry-run --json with an infinity timestamp in a1_progress: exits 0, the plan names the learner, level and column", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 2, ["a1"]);
    const [poisoned] = await addLearners(h.db.pool, [{ email: "poisoned@example.com" }]);
    await h.db.pool.query(
      "insert into public.a1_progress (user_id, unit_id, completed, accuracy, updated_at) values ($1, 1, true, 80, 'infinity')",
      [poisoned],
    );
    for (let run = 0; run < 2; run += 1) {
      const result = await runCli(["--dry-run", "--json"]);
      expect(result.code, result.stderr).toBe(0);
      const document = JSON.parse(result.stdout) as {
        summary: { learners: number; toUpsert: number };
        issues: { userId: string; kind: string; message: string }[];
      };
      expect(document.summary).toMatchObject({ learners: 3, toUpsert: 3 });
      expect(document.issues).toEqual([
        {
          userId: poisoned,
          email: "poisoned@example.com",
          kind: "data_warning",
          message: expect.stringMatching(/^Level A1: 1 .*\(column a1_progress\.updated_at\)\.$/),
        },
      ]);
    }
  });

  it("a failure is printed as one complete sentence, never cut at the first line of a JSON dump", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 1, ["a1"]);
    const result = await runCli(["--dry-run", "--json"], {
      HUBSPOT_ACCESS_TOKEN: "demo-hubspot-token",
      HUBSPOT_BASE_URL: wrongShapeUrl,
    });
    expect(result.code).toBe(1);
    // Progress lines come first; the failure is the last line, whole.
    const lines = result.stderr.trimEnd().split("\n");
    const failure = lines.at(-1) ?? "";
    expect(
      lines.filter((line) => !/^run #\d+: /.test(line)),
      result.stderr,
    ).toEqual([failure]);
    expect(failure).not.toMatch(/[[{]\s*$/);
    // Says what was wrong with the answer (the field and what was expected), and how to go on.
    expect(failure).toMatch(
      /^sync failed: .*unexpected shape.*results.*expected array.*\. Run #\d+ keeps its cursor; the next start continues from there\.$/,
    );
  });
});
