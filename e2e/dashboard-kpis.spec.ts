/**
 * The dashboard's KPI numbers against the seeded e2e database. The expected values come from an
 * independent SQL reading of the source data contract (docs/ARCHITECTURE.md) (distinct on, count distinct, per-learner grouping),
 * not from lib/db/kpis, so a mistake in the set-based statement shows up as a mismatch.
 */
import type { Locator } from "@playwright/test";
import pg from "pg";
import { expect, test } from "./support/fixtures";
import { storageStateFor } from "./support/logins";
import { snap } from "./support/snap";
import { E2E } from "./support/stack-config";

test.use({ storageState: storageStateFor("viewer") });

// The stack's embedded Postgres (sandbox/postgres.ts user/password, e2e/support/stack.ts database).
const DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${E2E.postgresPort}/crm_sync_e2e`;

interface ExpectedLevel {
  started: number;
  in_progress: number;
  completed: number;
  avg_units: string | null;
  avg_accuracy: string | null;
  study_seconds: string;
  active_7d: number;
  active_30d: number;
  unit_total: number | null;
}

// Only for the demo tables' standard columns (completed, completed_at, numeric accuracy, updated_at).
const expectedLevelSql = (level: string) => `
  with p as (select * from public."${level}_progress" where user_id in (select user_id from crm_sync.learners)),
       m as (select * from public."${level}_milestones" where user_id in (select user_id from crm_sync.learners)),
       unit_accuracy as (
         select distinct on (user_id, unit_id) user_id, accuracy from p
         where (completed or completed_at is not null) and accuracy between 0 and 100
         order by user_id, unit_id, updated_at desc, accuracy desc),
       accuracy as (select user_id, round(avg(accuracy), 1) as accuracy from unit_accuracy group by user_id),
       progress as (
         select user_id, count(distinct unit_id) filter (where completed or completed_at is not null) as units,
                coalesce(sum(time_spent_seconds) filter (where time_spent_seconds >= 0), 0) as seconds, max(updated_at) as last_at
         from p group by user_id),
       milestones as (
         select user_id, bool_or(milestone = (select completion_milestone_key from crm_sync.settings)) as has_completion,
                max(achieved_at) as last_at
         from m group by user_id),
       per_learner as (
         select coalesce(pr.units, 0) as units, a.accuracy, coalesce(pr.seconds, 0) as seconds,
                pr.user_id is not null as has_progress, coalesce(ms.has_completion, false) as has_completion,
                greatest(pr.last_at, ms.last_at) as last_at
         from progress pr
         full join milestones ms on ms.user_id = pr.user_id
         left join accuracy a on a.user_id = pr.user_id),
       with_status as (
         select *, case when has_completion or units >= (select unit_total from crm_sync.level_settings where level = '${level}') then 'completed'
                        when has_progress then 'in_progress' else 'not_started' end as status
         from per_learner)
  select count(*) filter (where status <> 'not_started')::int as started,
         count(*) filter (where status = 'in_progress')::int as in_progress,
         count(*) filter (where status = 'completed')::int as completed,
         round(avg(units) filter (where status <> 'not_started'), 2)::text as avg_units,
         round(avg(accuracy), 1)::text as avg_accuracy,
         sum(seconds)::text as study_seconds,
         count(*) filter (where last_at >= now() - interval '7 days')::int as active_7d,
         count(*) filter (where last_at >= now() - interval '30 days')::int as active_30d,
         (select unit_total from crm_sync.level_settings where level = '${level}') as unit_total
  from with_status`;

const count = (value: number) => value.toLocaleString("en-US");
const percent = (part: number, whole: number) =>
  whole === 0
    ? "—"
    : new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 }).format(part / whole);
const hours = (seconds: number) =>
  `${(Math.round((seconds / 3600) * 10) / 10).toLocaleString("en-US", { maximumFractionDigits: 1 })} h`;

async function cellTexts(row: Locator): Promise<string[]> {
  return (await row.getByRole("cell").allInnerTexts()).map((text) => text.replace(/\s+/g, " ").trim());
}

test("the dashboard shows the KPIs of the seeded data", async ({ page }) => {
  const kpiResponse = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/kpis");
  await page.goto("/");
  expect((await kpiResponse).status()).toBe(200);

  const table = page.getByRole("table", { name: "KPIs per level" });
  await expect(table).toBeVisible();
  const levelNames = (await table.getByRole("rowheader").allInnerTexts()).map((name) => name.trim().toLowerCase());
  expect(levelNames.length).toBeGreaterThanOrEqual(2);

  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    // Staff accounts without a progress or milestone row in a shown level are not learners (docs/ARCHITECTURE.md).
    const levelRows = levelNames
      .map((name) => name.replaceAll(" ", "_"))
      .flatMap((level) => [`public."${level}_progress"`, `public."${level}_milestones"`])
      .map((table) => `not exists (select 1 from ${table} t where t.user_id = s.user_id)`)
      .join(" and ");
    const learners = (
      await client.query(`select count(*)::int as n from crm_sync.learners l
        where not exists (select 1 from crm_sync.staff s where s.user_id = l.user_id and ${levelRows})`)
    ).rows[0] as { n: number };
    await expect(
      page
        .getByRole("term")
        .filter({ hasText: /^Learners$/ })
        .locator("xpath=following-sibling::dd[1]"),
    ).toHaveText(count(learners.n));

    // The first two levels and the last one: the common case and the sparse top of the funnel.
    for (const level of new Set([levelNames[0]!, levelNames[1]!, levelNames.at(-1)!])) {
      const expected = (await client.query(expectedLevelSql(level))).rows[0] as ExpectedLevel;
      const row = table
        .getByRole("row")
        .filter({ has: page.getByRole("rowheader", { name: level.toUpperCase(), exact: true }) });
      const unitSuffix = expected.unit_total === null ? "" : ` / ${expected.unit_total}`;
      expect(expected.started, `the seed gives ${level} learners`).toBeGreaterThan(0);
      expect(await cellTexts(row), `KPIs of ${level}`).toEqual([
        count(expected.started),
        count(expected.in_progress),
        count(expected.completed),
        percent(expected.completed, expected.started),
        `${expected.avg_units === null ? "—" : Number(expected.avg_units).toLocaleString("en-US", { maximumFractionDigits: 2 })}${unitSuffix}`,
        expected.avg_accuracy === null ? "—" : `${Number(expected.avg_accuracy).toFixed(1)}%`,
        hours(Number(expected.study_seconds)),
        count(expected.active_7d),
        count(expected.active_30d),
      ]);
    }
  } finally {
    await client.end();
  }

  for (const title of ["Status per level", "Average accuracy", "Weekly active learners", "How far learners get"]) {
    await expect(page.getByRole("heading", { name: title, level: 3 })).toBeVisible();
  }
  await expect(page.getByRole("img", { name: /^Stacked bars of learners per level: A1 \d+ completed/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sync health" })).toBeVisible();
  await expect(page.getByText("Reachable", { exact: true })).toBeVisible();
  await snap(page, "dashboard-kpis");
});

test("the dashboard is usable on a narrow screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const kpiResponse = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/kpis");
  await page.goto("/");
  expect((await kpiResponse).status()).toBe(200);
  await expect(page.getByRole("table", { name: "KPIs per level" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "How far learners get", level: 3 })).toBeVisible();
  await snap(page, "dashboard-kpis-narrow");
});

test("the KPI endpoint refuses anonymous visitors and non-staff users", async ({ browser }) => {
  const cases: { storageState: string | undefined; status: number }[] = [
    { storageState: undefined, status: 401 },
    { storageState: storageStateFor("learner"), status: 403 },
  ];
  for (const { storageState, status } of cases) {
    const context = await browser.newContext({ storageState });
    try {
      const response = await context.request.get("/api/kpis", { maxRedirects: 0 });
      expect(response.status()).toBe(status);
    } finally {
      await context.close();
    }
  }
});
