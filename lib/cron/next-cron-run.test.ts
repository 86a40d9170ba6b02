import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CRON_SCHEDULE, nextCronRunAt } from "./next-cron-run";

describe("nextCronRunAt", () => {
  it("is the next quarter hour, strictly after the given time", () => {
    expect(nextCronRunAt(new Date("2026-12-06T10:07:30Z")).toISOString()).toBe("2026-12-06T10:15:00.000Z");
    expect(nextCronRunAt(new Date("2026-12-06T10:15:00Z")).toISOString()).toBe("2026-12-06T10:30:00.000Z");
    expect(nextCronRunAt(new Date("2026-12-06T23:59:59Z")).toISOString()).toBe("2026-12-07T00:00:00.000Z");
  });

  it("matches the schedule vercel.json deploys", () => {
    const config = JSON.parse(fs.readFileSync(path.resolve("vercel.json"), "utf8")) as {
      crons: { path: string; schedule: string }[];
    };
    expect(config.crons.find((cron) => cron.path === "/api/cron/sync")?.schedule).toBe(CRON_SCHEDULE);
  });
});
