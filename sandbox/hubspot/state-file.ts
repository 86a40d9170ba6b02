/** Persisting the stand-in's portal (groups, properties, contacts) as JSON so a demo survives restarts. */
import fs from "node:fs";
import path from "node:path";
import { type StoreSnapshot, storeSnapshotSchema } from "./model";

export function loadStateFile(file: string): StoreSnapshot | undefined {
  if (!fs.existsSync(file)) return undefined;
  const raw = fs.readFileSync(file, "utf8");
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new Error(
      `HubSpot stand-in state file ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = storeSnapshotSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
      .join("; ");
    throw new Error(
      `HubSpot stand-in state file ${file} has an unexpected shape (${problems}). Delete it to start from a fresh portal.`,
    );
  }
  return parsed.data;
}

/** Write-then-rename, so a crash mid-write leaves the previous file intact. */
export function saveStateFile(file: string, snapshot: StoreSnapshot): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(snapshot)}\n`);
  fs.renameSync(temporary, file);
}

export interface DebouncedSaver {
  schedule(): void;
  flush(): void;
}

export function debouncedSaver(file: string, snapshot: () => StoreSnapshot, delayMs: number): DebouncedSaver {
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    saveStateFile(file, snapshot());
  };
  return {
    schedule: () => {
      if (timer) return;
      timer = setTimeout(flush, delayMs);
    },
    flush,
  };
}
