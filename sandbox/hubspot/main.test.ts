import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const MAIN = path.resolve(import.meta.dirname, "main.ts");
const running = new Set<ChildProcess>();

interface Cli {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function startCli(env: Record<string, string>): Promise<Cli> {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, HUBSPOT_STANDIN_PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1], output: () => output });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`stand-in exited with ${code}: ${output}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

async function stopCli(cli: Cli): Promise<number | null> {
  const exited = exitOf(cli.child);
  cli.child.kill("SIGTERM");
  const code = await exited;
  running.delete(cli.child);
  return code;
}

afterEach(async () => {
  for (const child of running) {
    child.kill("SIGKILL");
    await exitOf(child);
  }
  running.clear();
});

const call = (url: string, method: string, route: string, token: string, body?: unknown) =>
  fetch(`${url}${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe("sandbox/hubspot/main.ts", () => {
  it("reads token, rate limit and faults from the environment and stops cleanly on SIGTERM", async () => {
    const cli = await startCli({
      HUBSPOT_ACCESS_TOKEN: "cli-token",
      HUBSPOT_STANDIN_RATE_LIMIT_PER_10S: "5",
      HUBSPOT_STANDIN_FAULTS: JSON.stringify({ failNext: { status: 503, count: 1 } }),
    });
    expect((await call(cli.url, "GET", "/account-info/v3/details", "cli-token")).status).toBe(503);
    const ok = await call(cli.url, "GET", "/account-info/v3/details", "cli-token");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-hubspot-ratelimit-max")).toBe("5");
    expect((await call(cli.url, "GET", "/account-info/v3/details", "demo-hubspot-token")).status).toBe(401);
    expect(await stopCli(cli)).toBe(0);
    expect(cli.output()).toContain("stopped (SIGTERM)");
  });

  it("persists groups, properties and contacts in the state file across restarts", async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "hubspot-standin-"));
    const stateFile = path.join(directory, "state.json");
    try {
      const first = await startCli({ HUBSPOT_STANDIN_STATE_FILE: stateFile });
      expect(first.output()).toContain("(new)");
      const token = "demo-hubspot-token";
      expect(
        (
          await call(first.url, "POST", "/crm/v3/properties/contacts/groups", token, {
            name: "level_progress",
            label: "Level Progress",
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await call(first.url, "POST", "/crm/v3/objects/contacts/batch/upsert", token, {
            inputs: [{ idProperty: "email", id: "ann@example.com", properties: {} }],
          })
        ).status,
      ).toBe(200);
      // Saved shortly after the write, before any shutdown.
      await expect
        .poll(() => fs.existsSync(stateFile) && fs.readFileSync(stateFile, "utf8").includes("ann@example.com"), {
          timeout: 5_000,
        })
        .toBe(true);
      expect(await stopCli(first)).toBe(0);

      const second = await startCli({ HUBSPOT_STANDIN_STATE_FILE: stateFile });
      expect(second.output()).toContain("(loaded)");
      expect((await call(second.url, "GET", "/crm/v3/properties/contacts/groups/level_progress", token)).status).toBe(
        200,
      );
      const contact = await call(
        second.url,
        "GET",
        "/crm/v3/objects/contacts/ann%40example.com?idProperty=email",
        token,
      );
      expect(await contact.json()).toMatchObject({ id: "1" });
      const next = await call(second.url, "POST", "/crm/v3/objects/contacts/batch/upsert", token, {
        inputs: [{ idProperty: "email", id: "bob@example.com", properties: {} }],
      });
      expect(await next.json()).toMatchObject({ results: [{ id: "2", new: true }] });
      expect(await stopCli(second)).toBe(0);
      expect(fs.readFileSync(stateFile, "utf8")).toContain("bob@example.com");
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it("exits with a clear message on invalid configuration", async () => {
    await expect(startCli({ HUBSPOT_STANDIN_FAULTS: "not json" })).rejects.toThrow(/HUBSPOT_STANDIN_FAULTS/);
    await expect(startCli({ HUBSPOT_STANDIN_FAULTS: JSON.stringify({ error5xxRate: 3 }) })).rejects.toThrow(
      /HUBSPOT_STANDIN_FAULTS/,
    );
  });
});
