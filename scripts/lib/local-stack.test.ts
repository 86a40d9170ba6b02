import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { readMigrations } from "@/lib/db/migrate";
import { getFreePort } from "@/test/support/ports";
import { isPortFree } from "@/sandbox/check-port";
import { resolveDatabaseUrl } from "./local-stack";

describe("resolveDatabaseUrl", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "lpcs-local-stack-"));
  // The embedded server runs as the `postgres` system user when tests run as root.
  fs.chmodSync(root, 0o755);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const all = readMigrations().map((m) => `${m.version}_${m.name}`);

  it("returns DATABASE_URL untouched when it is set", async () => {
    const database = await resolveDatabaseUrl({ env: { DATABASE_URL: " postgres://u:p@db.example:6543/postgres " } });
    expect(database).toMatchObject({ url: "postgres://u:p@db.example:6543/postgres", source: "env", migrations: null });
    await database.stop();
  });

  it("starts a local cluster, reuses it while it runs, and stops only what it started", async () => {
    const local = { port: await getFreePort(), dataDir: path.join(root, "data") };
    const started = await resolveDatabaseUrl({ env: {}, local });
    try {
      expect(started.source).toBe("started");
      expect(started.migrations?.applied).toEqual(all);
      const reused = await resolveDatabaseUrl({ env: {}, local });
      expect(reused).toMatchObject({
        url: started.url,
        source: "reused",
        migrations: { applied: [], alreadyApplied: all },
      });
      await reused.stop();
      const client = new pg.Client({ connectionString: started.url });
      await client.connect();
      const { rows } = await client.query(
        "select to_regclass('auth.users') is not null as prepared, to_regclass('crm_sync.staff') is not null as migrated",
      );
      await client.end();
      expect(rows[0]).toEqual({ prepared: true, migrated: true });
    } finally {
      await started.stop();
    }
    expect(await isPortFree(local.port)).toBe(true);
  });

  it("refuses a port held by something that is not our Postgres", async () => {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.end("HTTP/1.1 400 Bad Request\r\n\r\n");
    });
    const port = await getFreePort();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    try {
      await expect(
        resolveDatabaseUrl({ env: {}, local: { port, dataDir: path.join(root, "unused") } }),
      ).rejects.toThrow(new RegExp(`Port ${port} is taken.*not by the local demo Postgres`));
      expect(fs.existsSync(path.join(root, "unused"))).toBe(false);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
