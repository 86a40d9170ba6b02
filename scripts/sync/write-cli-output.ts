/**
 * The CLI's `--json` / `--out` output. A dry run's document is streamed from the stored preview
 * (lib/sync/preview/write-dry-run-document.ts) to the file and stdout together, a page at a
 * time with backpressure, so a plan of any size prints in flat memory. A live run's summary is
 * small and written in one piece. Compact JSON: the plan at 100k learners is large.
 */
import fs from "node:fs";
import type { Writable } from "node:stream";
import type { Queryable } from "@/lib/db/queryable";
import { writeDryRunDocument } from "@/lib/sync/preview/write-dry-run-document";
import type { SyncResult } from "@/lib/sync";

function writeTo(stream: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    stream.once("error", onError);
    const isFlushed = stream.write(chunk, () => stream.off("error", onError));
    if (isFlushed) resolve();
    else stream.once("drain", () => resolve());
  });
}

function endFile(stream: fs.WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once("error", reject);
    stream.end(() => resolve());
  });
}

export async function writeCliOutput(
  db: Queryable,
  result: SyncResult,
  targets: { out?: string; json: boolean; stdout: Writable },
): Promise<void> {
  const sinks: Writable[] = [];
  const file = targets.out ? fs.createWriteStream(targets.out) : null;
  if (file) sinks.push(file);
  if (targets.json) sinks.push(targets.stdout);
  if (sinks.length === 0) return;
  const write = async (chunk: string) => {
    for (const sink of sinks) await writeTo(sink, chunk);
  };
  try {
    if (result.mode === "dry_run") await writeDryRunDocument(db, result.runId, write);
    else await write(`${JSON.stringify(result)}\n`);
  } finally {
    if (file) await endFile(file);
  }
}
