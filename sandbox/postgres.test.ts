import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getFreePort } from "@/test/support/ports";
import { findNativeDir, startEmbeddedPostgres } from "./postgres";

// Only root hits the problem: PostgreSQL refuses root, so the server runs as `postgres`, who
// cannot traverse a mode-700 folder like /root. A non-root run reaches its own folders.
const isRoot = process.getuid?.() === 0;

async function queryOne(url: string, sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    return (await client.query(sql)).rows[0];
  } finally {
    await client.end();
  }
}

describe.skipIf(!isRoot)("embedded Postgres as root, installed in a private (mode 700) folder", () => {
  let privateDir: string;
  let sharedDir: string;
  let nativeDir: string;

  beforeAll(async () => {
    privateDir = fs.mkdtempSync(path.join(os.tmpdir(), "lpcs-private-"));
    fs.chmodSync(privateDir, 0o700);
    // What a clone in /root has: the binaries package under a folder only root can enter.
    nativeDir = path.join(privateDir, "node_modules", "native");
    fs.cpSync(await findNativeDir(), nativeDir, { recursive: true, verbatimSymlinks: true });
    sharedDir = fs.mkdtempSync(path.join(os.tmpdir(), "lpcs-shared-"));
    fs.chmodSync(sharedDir, 0o755);
  });

  afterAll(() => {
    fs.rmSync(privateDir, { recursive: true, force: true });
    fs.rmSync(sharedDir, { recursive: true, force: true });
  });

  const binaryCopies = () => fs.readdirSync(sharedDir).filter((name) => name.startsWith("lpcs-postgres-bin-"));

  it("runs from a reachable copy of the binaries, keeps the data across restarts, and removes an ephemeral cluster", async () => {
    const dataDir = path.join(privateDir, "data");
    const first = await startEmbeddedPostgres({ nativeDir, sharedDir, dataDir, port: await getFreePort() });
    try {
      expect(first.dataDir.startsWith(sharedDir)).toBe(true);
      expect(fs.lstatSync(dataDir).isSymbolicLink()).toBe(true);
      await queryOne(first.url, "create table kept as select 7 as id");
    } finally {
      await first.stop();
    }
    const copy = binaryCopies();
    expect(copy).toHaveLength(1);
    const copiedAt = fs.statSync(path.join(sharedDir, copy[0]!)).ino;

    const second = await startEmbeddedPostgres({
      nativeDir,
      sharedDir,
      dataDir,
      port: await getFreePort(),
      ephemeral: true,
    });
    try {
      expect(await queryOne(second.url, "select id from kept")).toEqual({ id: 7 });
    } finally {
      await second.stop();
    }
    // The copy is reused, not made again; the ephemeral cluster and its link are gone.
    expect(binaryCopies()).toEqual(copy);
    expect(fs.statSync(path.join(sharedDir, copy[0]!)).ino).toBe(copiedAt);
    expect(fs.existsSync(second.dataDir)).toBe(false);
    expect(fs.lstatSync(dataDir, { throwIfNoEntry: false })).toBeUndefined();
  });

  it("fails at once, saying what to do, when the shared folder is out of reach too", async () => {
    const privateShared = path.join(privateDir, "shared");
    fs.mkdirSync(privateShared, { mode: 0o700 });
    await expect(
      startEmbeddedPostgres({
        nativeDir,
        sharedDir: privateShared,
        dataDir: path.join(privateDir, "data2"),
        port: await getFreePort(),
      }),
    ).rejects.toThrow(/cannot reach .*Run as a non-root user.*TMPDIR/);
  });
});
