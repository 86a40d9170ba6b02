/**
 * Issue #10 item 11: a failing live run posts ONE Slack-compatible message to a local receiver,
 * without any secret, and the dashboard banner stays until a later run succeeds.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Queryable } from "@/lib/db/queryable";
import { runSync } from "@/lib/sync/run-sync";
import { seedSimpleLearners, createLevel } from "@/test/support/sync/source-fixtures";
import { setUpSyncHarness } from "@/test/support/sync/sync-harness";
import { alertOnRunEnd, type AlertConfig } from "./alert-on-run-end";
import { alertConfigFrom } from "./alert-config";
import { alertReason, redactSecrets } from "./build-alert-message";
import { readActiveAlert } from "./read-alert-state";

const h = setUpSyncHarness();
const WRONG_TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";

let receiver: http.Server;
let receiverUrl = "";
const received: unknown[] = [];

beforeAll(async () => {
  receiver = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      received.push(JSON.parse(body));
      response.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

function config(): AlertConfig {
  return alertConfigFrom({
    SYNC_ALERT_WEBHOOK_URL: receiverUrl,
    HUBSPOT_ACCESS_TOKEN: WRONG_TOKEN,
    DATABASE_URL: h.db.url,
    CRON_SECRET: "cron-secret-value",
  });
}

/** The pool, except that no UPDATE starts before `readers` SELECTs have finished. */
function racingReaders(readers: number): Queryable {
  let finishedSelects = 0;
  let release: () => void = () => undefined;
  const allRead = new Promise<void>((resolve) => (release = resolve));
  return {
    async query(text: string, values?: unknown[]) {
      if (/^\s*update/i.test(text)) await allRead;
      const result = await h.db.pool.query(text, values);
      if (/^\s*select/i.test(text) && ++finishedSelects === readers) release();
      return result;
    },
  };
}

describe("run alerts", () => {
  it("posts one message per failing run, with no secret in it, and shows the banner until a run succeeds", async () => {
    await createLevel(h.db.pool, "a1");
    await seedSimpleLearners(h.db.pool, 3, ["a1"]);
    received.length = 0;
    const failing = runSync(h.options({ hubspot: h.client({ accessToken: WRONG_TOKEN }) }));
    await expect(failing).rejects.toThrow(/refused the access token/);
    const { rows } = await h.db.pool.query(
      "select id::int as id from crm_sync.runs where mode = 'live' order by id desc limit 1",
    );
    const runId = rows[0]!.id as number;

    // Three callers (after(), a retry, the cron) look at the same run at the same moment: all three
    // read it before any marks it, and still one message goes out.
    const db = racingReaders(3);
    const outcomes = await Promise.all([
      alertOnRunEnd(db, runId, config()),
      alertOnRunEnd(db, runId, config()),
      alertOnRunEnd(db, runId, config()),
    ]);
    expect(outcomes.filter((outcome) => outcome.alerted)).toHaveLength(1);
    expect(received).toHaveLength(1);
    const message = received[0] as { text: string; blocks: unknown[] };
    expect(message.text).toContain(`live run #${runId} failed`);
    expect(message.blocks.length).toBeGreaterThan(0);
    const raw = JSON.stringify(message);
    for (const secret of [WRONG_TOKEN, h.db.url, "cron-secret-value"]) expect(raw).not.toContain(secret);
    expect((await readActiveAlert(h.db.pool))?.runId).toBe(runId);

    const healthy = await runSync(h.options());
    expect(healthy.status).toBe("succeeded");
    expect(await alertOnRunEnd(h.db.pool, healthy.runId, config())).toEqual({ alerted: false });
    expect(received).toHaveLength(1);
    expect(await readActiveAlert(h.db.pool)).toBeNull();
  });
});

describe("alert rules", () => {
  it("alerts on a failed run and above the rejected share only", () => {
    expect(alertReason({ status: "failed", processed: 0, failed: 0 }, 0.05)).toBe("failed");
    expect(alertReason({ status: "partial", processed: 100, failed: 6 }, 0.05)).toBe("rejected_share");
    expect(alertReason({ status: "partial", processed: 100, failed: 5 }, 0.05)).toBeNull();
    expect(alertReason({ status: "succeeded", processed: 100, failed: 0 }, 0.05)).toBeNull();
  });

  it("cuts secrets, URL credentials and query strings out of messages", () => {
    const text = redactSecrets("token pat-abc-123 at postgres://user:pw@db:5432/x and https://h.test/p?key=1", [
      "pat-abc-123",
    ]);
    expect(text).toBe("token [redacted] at postgres://[redacted]@db:5432/x and https://h.test/p?[redacted]");
  });
});
