import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { seededSnapshot } from "./seed-state";
import { loadStateFile, saveStateFile } from "./state-file";

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "hubspot-state-"));
afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

describe("state file", () => {
  it("round-trips a snapshot and treats a missing file as none", () => {
    const file = path.join(directory, "nested", "state.json");
    expect(loadStateFile(file)).toBeUndefined();
    const snapshot = {
      ...seededSnapshot(),
      nextContactId: 3,
      contacts: [{ id: "2", properties: { email: "a@example.com" }, createdAt: "x", updatedAt: "x", archived: false }],
    };
    saveStateFile(file, snapshot);
    expect(loadStateFile(file)).toEqual(snapshot);
  });

  it("refuses a file that is not JSON or not a snapshot, saying how to recover", () => {
    const file = path.join(directory, "state.json");
    fs.mkdirSync(directory, { recursive: true });
    fs.writeFileSync(file, "{");
    expect(() => loadStateFile(file)).toThrow(/not valid JSON/);
    fs.writeFileSync(file, JSON.stringify({ version: 2 }));
    expect(() => loadStateFile(file)).toThrow(/unexpected shape.*Delete it/);
  });
});
