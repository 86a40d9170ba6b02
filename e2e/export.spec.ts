import fs from "node:fs";
import { expect, test } from "./support/fixtures";
import { storageStateFor } from "./support/logins";
import { closeE2ePool, e2ePool } from "./support/page-states";
import { seedFailedRun, type SeededRun } from "./support/seed-runs";

/** CSV downloads: staff only, a header row, the date in the file name, formula injection neutralised. */

test.describe.configure({ mode: "serial" });

let failedRun: SeededRun;
test.beforeAll(async () => {
  failedRun = await seedFailedRun(e2ePool(), 30);
});
test.afterAll(async () => {
  await failedRun?.cleanup();
  await closeE2ePool();
});

const TODAY = () => new Date().toISOString().slice(0, 10);
/** The records of a CSV body without its byte order mark; enough for files without quoted line breaks. */
const recordsOf = (body: string) =>
  body
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter((line) => line !== "");

test.describe("as a viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("downloads the per-level KPIs", async ({ page }) => {
    const response = await page.request.get("/api/export/levels");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers()["content-disposition"]).toBe(`attachment; filename="level-kpis-${TODAY()}.csv"`);
    const records = recordsOf(await response.text());
    expect(records[0]).toBe(
      "level,started,in_progress,completed,completion_rate,avg_units_completed,unit_total,avg_accuracy_percent,study_hours,active_7d,active_30d",
    );
    const { rows } = await e2ePool().query<{ n: number }>(
      "select count(*)::int as n from crm_sync.level_settings where enabled",
    );
    expect(records.length - 1).toBeLessThanOrEqual(rows[0]?.n ?? 0);
    expect(records.length - 1).toBeGreaterThan(0);
    expect(records[1]).toMatch(/^a1,\d+,\d+,\d+,/);
  });

  test("downloads every failed and flagged row of a run, with formulas neutralised", async ({ page }) => {
    await page.goto(`/sync/runs/${failedRun.id}`);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: /^Download CSV/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`run-${failedRun.id}-failed-and-flagged-${TODAY()}.csv`);
    const body = fs.readFileSync(await file.path(), "utf8");
    const records = recordsOf(body);
    // The page shows 25 per page; the file has all 30, after the header.
    expect(records).toHaveLength(31);
    expect(records[0]).toBe("run_id,email,user_id,level,kind,message,payload_sent,recorded_at");
    const rejected = records.find((record) => record.includes(",rejected,"));
    expect(rejected).toContain(`,"'=HYPERLINK(""http://evil.test"")`);
    expect(body).not.toMatch(/,"?=HYPERLINK/);
  });

  test("downloads the data issues of the preview it just ran", async ({ page }) => {
    await page.goto("/sync");
    await page.getByRole("button", { name: "Preview payload" }).click();
    const issuesHeading = page.getByRole("heading", { name: /^Data issues \(\d+\)$/ });
    await expect(issuesHeading).toBeVisible({ timeout: 30_000 });
    const shown = Number(/\((\d+)\)/.exec((await issuesHeading.textContent()) ?? "")?.[1]);
    expect(shown).toBeGreaterThan(0);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: /^Download CSV/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^preview-\\d+-data-issues-${TODAY()}\\.csv$`));
    const records = recordsOf(fs.readFileSync(await file.path(), "utf8"));
    expect(records[0]).toBe("preview_run_id,email,user_id,kind,message");
    expect(records).toHaveLength(shown + 1);
  });

  test("a live run is not a preview", async ({ page }) => {
    const response = await page.request.get(`/api/export/previews/${failedRun.id}/issues`);
    expect(response.status()).toBe(404);
  });
});

test("the exports refuse anonymous visitors and non-staff users", async ({ browser }) => {
  const paths = [
    "/api/export/levels",
    `/api/export/runs/${failedRun.id}/issues`,
    `/api/export/previews/${failedRun.id}/issues`,
  ];
  const cases: { storageState: string | undefined; status: number }[] = [
    { storageState: undefined, status: 401 },
    { storageState: storageStateFor("learner"), status: 403 },
  ];
  for (const { storageState, status } of cases) {
    const context = await browser.newContext({ storageState });
    try {
      for (const path of paths) {
        const response = await context.request.get(path, { maxRedirects: 0 });
        expect(response.status(), `${path} for ${storageState ? "a learner" : "an anonymous visitor"}`).toBe(status);
        expect(await response.text()).not.toContain("HYPERLINK");
      }
    } finally {
      await context.close();
    }
  }
});
