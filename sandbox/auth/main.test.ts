import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { getFreePort } from "@/test/support/ports";

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(REPO_ROOT, "node_modules/.bin/tsx");

let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "lpcs-auth-main-"));
});

afterAll(async () => {
  await db?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        child.stdout?.off("data", onData);
        resolve(match[0]);
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`exited with ${code} before printing ${pattern}: ${output}`)));
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

describe("tsx sandbox/auth/main.ts", () => {
  it("starts from env, persists its key file and stops cleanly on SIGTERM", async () => {
    const port = await getFreePort();
    const keyFile = path.join(dir, "auth-signing-key.json");
    const child = spawn(TSX, ["sandbox/auth/main.ts"], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        AUTH_STANDIN_PORT: String(port),
        AUTH_STANDIN_KEY_FILE: keyFile,
        NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: "",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const ready = await waitForLine(child, /NEXT_PUBLIC_SUPABASE_URL=\S+/);
      expect(ready).toBe(`NEXT_PUBLIC_SUPABASE_URL=http://127.0.0.1:${port}`);
      // Blank env values fall back to the defaults (the demo key here).
      const settings = await fetch(`http://127.0.0.1:${port}/auth/v1/settings`, {
        headers: { apikey: "sb_publishable_demo_local" },
      });
      expect(settings.status).toBe(200);
      expect(fs.existsSync(keyFile)).toBe(true);
    } finally {
      const exited = exitCode(child);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
  });

  it("fails loudly without DATABASE_URL", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, AUTH_STANDIN_PORT: String(await getFreePort()) };
    delete env.DATABASE_URL;
    const child = spawn(TSX, ["sandbox/auth/main.ts"], { cwd: REPO_ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exitCode(child)).toBe(1);
    expect(stderr).toContain("DATABASE_URL");
  });
});
