/**
 * Every page in every state worth checking, for the accessibility and responsive specs. Adding a
 * page is one entry: who is signed in, how to reach the state, and what shows it is ready.
 */
import { expect, type Page } from "@playwright/test";
import pg from "pg";
import type { LoginName } from "./logins";
import { disableAllLevels, seedFailedRun, seedRunningRun } from "./seed-runs";
import { E2E } from "./stack-config";

export interface PageState {
  /** Also the screenshot's file name. */
  name: string;
  /** null: an anonymous visitor. */
  login: LoginName | null;
  /** Puts the database into the state; returns the path to open and how to undo it. */
  arrange?: (pool: pg.Pool) => Promise<{ path?: string; cleanup: () => Promise<void> }>;
  path: string;
  /** Waits until the state is on screen (data loaded, panel opened). */
  ready: (page: Page) => Promise<void>;
}

const heading = (page: Page, name: string | RegExp, level?: number) =>
  expect(page.getByRole("heading", { name, level })).toBeVisible();

export const PAGE_STATES: readonly PageState[] = [
  { name: "login", login: null, path: "/login", ready: (page) => heading(page, "Sign in") },
  { name: "no-access", login: "learner", path: "/no-access", ready: (page) => heading(page, "No access") },
  {
    name: "dashboard",
    login: "viewer",
    path: "/",
    ready: async (page) => {
      await expect(page.getByRole("table", { name: "KPIs per level" })).toBeVisible();
      await expect(page.getByText("Reachable", { exact: true })).toBeVisible();
    },
  },
  {
    name: "dashboard-empty",
    login: "viewer",
    path: "/",
    arrange: async (pool) => ({ cleanup: await disableAllLevels(pool) }),
    ready: (page) => expect(page.getByText("No enabled levels")).toBeVisible(),
  },
  {
    name: "sync",
    login: "operator",
    path: "/sync",
    // "Sync now" turns from disabled to enabled when the live-run state arrives, fading its colour:
    // wait for that, so axe does not judge contrast on the in-between colour.
    ready: async (page) => {
      await heading(page, "Run history");
      await expect(page.getByRole("button", { name: "Sync now" })).toBeEnabled();
    },
  },
  {
    name: "sync-preview",
    login: "viewer",
    path: "/sync",
    ready: async (page) => {
      await page.getByRole("button", { name: "Preview payload" }).click();
      await expect(page.getByRole("heading", { name: /^Data issues/ })).toBeVisible({ timeout: 30_000 });
    },
  },
  {
    name: "sync-running",
    login: "operator",
    path: "/sync",
    arrange: async (pool) => ({ cleanup: (await seedRunningRun(pool)).cleanup }),
    ready: (page) => expect(page.getByRole("progressbar", { name: "Sync progress" })).toBeVisible(),
  },
  {
    name: "sync-failed",
    login: "operator",
    path: "/sync",
    arrange: async (pool) => ({ cleanup: (await seedFailedRun(pool)).cleanup }),
    ready: (page) => expect(page.getByText("The run failed")).toBeVisible(),
  },
  {
    name: "run-with-errors",
    login: "viewer",
    path: "/sync/runs/:id",
    arrange: async (pool) => {
      const run = await seedFailedRun(pool);
      return { path: `/sync/runs/${run.id}`, cleanup: run.cleanup };
    },
    ready: (page) => expect(page.getByRole("table", { name: "Failed and flagged rows of this run" })).toBeVisible(),
  },
  {
    name: "settings",
    login: "admin",
    path: "/settings",
    ready: async (page) => {
      await expect(page.getByRole("table", { name: "Staff members and their roles" })).toBeVisible();
      await expect(page.getByRole("table", { name: "Audit log, newest first" })).toBeVisible();
    },
  },
  { name: "learners", login: "viewer", path: "/learners", ready: (page) => heading(page, "Learners", 1) },
];

let pool: pg.Pool | null = null;

/** One small pool per spec file (the specs run one at a time); close it in afterAll. */
export function e2ePool(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: E2E.databaseUrl, max: 2 });
  return pool;
}

export async function closeE2ePool(): Promise<void> {
  await pool?.end();
  pool = null;
}

/** Arranges the state, opens it and waits until it is ready; returns the cleanup to run afterwards. */
export async function openPageState(page: Page, state: PageState): Promise<() => Promise<void>> {
  const arranged = state.arrange ? await state.arrange(e2ePool()) : { cleanup: async () => undefined };
  try {
    await page.goto(arranged.path ?? state.path);
    await state.ready(page);
    return arranged.cleanup;
  } catch (error) {
    await arranged.cleanup();
    throw error;
  }
}
