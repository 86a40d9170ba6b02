/**
 * `npm run sync -- --verify [--json] [--out FILE]`: the engine's verifyHubSpot from the shell. With
 * --json, one document on stdout: { "mode": "verify", "runId", "checked", "differences": [...] }.
 * A verify that found differences still exits 0: it did its job, and the next run repairs them.
 */
import fs from "node:fs";
import { verifyHubSpot, type SyncDependencies, type VerifyDifference, type VerifyDocument } from "@/lib/sync";

function describe(difference: VerifyDifference): string {
  const shown = (value: string | null) => (value === null ? "(not set)" : JSON.stringify(value));
  return `  ${difference.email} (learner ${difference.userId}, contact ${difference.contactId}): ${difference.property} is ${shown(difference.hubspot)}, expected ${shown(difference.expected)}`;
}

export async function runVerifyCli(
  deps: SyncDependencies,
  args: { json: boolean; out?: string | undefined },
  actor: { label: string },
): Promise<number> {
  const result = await verifyHubSpot({
    pool: deps.pool,
    hubspot: deps.hubspot,
    trigger: "cli",
    actor,
    onProgress: (progress) => {
      if (process.stderr.isTTY)
        process.stderr.write(
          `\rVerify run #${progress.runId}: ${progress.checked}/${progress.total} contacts checked, ${progress.differences} differences`,
        );
    },
  });
  if (process.stderr.isTTY) process.stderr.write("\n");
  // The documented --json shape (docs/ARCHITECTURE.md, "Dry-run document"); the CLI runs without a
  // time budget and starts a full pass, so `checked` is every synced contact.
  const document: VerifyDocument = {
    mode: result.mode,
    runId: result.runId,
    checked: result.checked,
    differences: result.differences,
  };
  const json = `${JSON.stringify(document, null, process.stdout.isTTY ? 2 : undefined)}\n`;
  if (args.out) fs.writeFileSync(args.out, json);
  if (args.json) {
    process.stdout.write(json);
    return 0;
  }
  const learners = new Set(result.differences.map((difference) => difference.userId)).size;
  process.stdout.write(
    `Verify run #${result.runId}: checked ${result.checked} contacts, ${result.differences.length} difference(s)` +
      (learners > 0 ? ` for ${learners} learner(s), marked for the next run.\n` : ".\n"),
  );
  for (const difference of result.differences) process.stdout.write(`${describe(difference)}\n`);
  return 0;
}
