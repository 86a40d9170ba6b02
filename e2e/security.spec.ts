import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import pg from "pg";
import { envFingerprint, readBuildStamp } from "./support/ensure-fresh-build";
import { cspViolations, expect, test } from "./support/fixtures";
import { storageStateFor, type LoginName } from "./support/logins";
import { callServerAction, serverActionId } from "./support/server-action";
import { E2E } from "./support/stack-config";

/**
 * Issue #5 "Security": the authorization matrix (every caller × every page, route and server action,
 * called directly, not through the UI), the security headers, and no secret in what the browser gets.
 */

type Caller = "anonymous" | LoginName;
const CALLERS: Caller[] = ["anonymous", "learner", "viewer", "operator", "admin"];

/** An answer: a status, or a redirect to a path, or a server-action result code. */
type Answer = 200 | 401 | 403 | `→ ${string}` | "ok" | "forbidden" | "unauthenticated" | "invalid_input";

/** Shorthand rows: anonymous, learner, viewer, operator, admin. */
const row = (...answers: [Answer, Answer, Answer, Answer, Answer]): Record<Caller, Answer> =>
  Object.fromEntries(CALLERS.map((caller, index) => [caller, answers[index]!])) as Record<Caller, Answer>;

/**
 * A run id no run has: everyone but staff is turned away before the lookup. Staff get the not-found
 * UI with status 200, because the page streams behind loading.tsx (the status is sent before notFound()).
 */
const MISSING_RUN = "/sync/runs/999999999";

/** Pages (GET, redirects not followed). `{run}` is the newest existing run, if any run exists yet. */
const PAGES: Record<string, Record<Caller, Answer>> = {
  "/": row("→ /login", "→ /no-access", 200, 200, 200),
  "/sync": row("→ /login", "→ /no-access", 200, 200, 200),
  "{run}": row("→ /login", "→ /no-access", 200, 200, 200),
  [MISSING_RUN]: row("→ /login", "→ /no-access", 200, 200, 200),
  "/settings": row("→ /login", "→ /no-access", 200, 200, 200),
  "/login": row(200, "→ /no-access", "→ /", "→ /", "→ /"),
  "/no-access": row("→ /login", 200, "→ /", "→ /", "→ /"),
};

/** Routes (GET). A session is never a substitute for the cron secret; the bearer case runs a live sync, see cron.spec.ts. */
const ROUTES: Record<string, { headers?: Record<string, string>; answers: Record<Caller, Answer> }> = {
  "/api/health": { answers: row(200, 200, 200, 200, 200) },
  "/api/kpis": { answers: row(401, 403, 200, 200, 200) },
  "/api/runs/live": { answers: row(401, 403, 200, 200, 200) },
  "/api/cron/sync": { answers: row(401, 401, 401, 401, 401) },
  "/api/cron/sync (wrong bearer)": {
    headers: { authorization: `Bearer ${E2E.cronSecret.replace(/.$/, "X")}` },
    answers: row(401, 401, 401, 401, 401),
  },
};

/**
 * Server actions (app/actions/*.ts), posted to the page that uses them. Inputs are invalid on
 * purpose: `invalid_input` proves the role check passed without changing anything other specs rely on.
 * Anonymous posts are turned away by the proxy (303 to /login) before any action code runs.
 * signOut is not here: anyone may sign out (logout.spec.ts), and it would end the shared sessions.
 */
const ACTIONS: { name: string; file: string; page: string; input: unknown; answers: Record<Caller, Answer> }[] = [
  {
    name: "previewPayload",
    file: "preview-payload",
    page: "/sync",
    input: { levels: ["Not A Level!"] },
    answers: row("→ /login", "forbidden", "invalid_input", "invalid_input", "invalid_input"),
  },
  {
    name: "startSync",
    file: "start-sync",
    page: "/sync",
    input: { unexpected: true },
    answers: row("→ /login", "forbidden", "forbidden", "invalid_input", "invalid_input"),
  },
  {
    name: "createMissingProperties",
    file: "create-missing-properties",
    page: "/settings",
    input: { unexpected: true },
    answers: row("→ /login", "forbidden", "forbidden", "forbidden", "invalid_input"),
  },
  {
    name: "updateLevel",
    file: "update-level",
    page: "/settings",
    input: { level: "a1" },
    answers: row("→ /login", "forbidden", "forbidden", "forbidden", "invalid_input"),
  },
  {
    name: "updateSyncSettings",
    file: "update-sync-settings",
    page: "/settings",
    input: {},
    answers: row("→ /login", "forbidden", "forbidden", "forbidden", "invalid_input"),
  },
  {
    name: "addStaff",
    file: "add-staff",
    page: "/settings",
    input: { email: "", role: "admin" },
    answers: row("→ /login", "forbidden", "forbidden", "forbidden", "invalid_input"),
  },
  {
    name: "changeStaffRole",
    file: "change-staff-role",
    page: "/settings",
    input: { email: "", role: "admin" },
    answers: row("→ /login", "forbidden", "forbidden", "forbidden", "invalid_input"),
  },
  {
    name: "removeStaff",
    file: "remove-staff",
    page: "/settings",
    input: { email: "" },
    answers: row("→ /login", "forbidden", "forbidden", "forbidden", "invalid_input"),
  },
];

let runPath: string | undefined;

async function contextFor(
  playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } },
  caller: Caller,
): Promise<APIRequestContext> {
  return await playwright.request.newContext({
    baseURL: E2E.appUrl,
    ...(caller === "anonymous" ? {} : { storageState: storageStateFor(caller) }),
  });
}

/** The answer as the matrix writes it: a redirect's target path, or the status. */
function describeHttp(status: number, location: string | undefined): Answer {
  if (status >= 300 && status < 400 && location) return `→ ${new URL(location, E2E.appUrl).pathname}`;
  return status as Answer;
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const pool = new pg.Pool({ connectionString: E2E.databaseUrl, max: 1 });
  try {
    const { rows } = await pool.query<{ id: string }>("select max(id)::text as id from crm_sync.runs");
    runPath = rows[0]?.id ? `/sync/runs/${rows[0].id}` : undefined;
  } finally {
    await pool.end();
  }
});

for (const caller of CALLERS) {
  test(`authorization matrix: ${caller}`, async ({ playwright }) => {
    const request = await contextFor(playwright, caller);
    try {
      const expected: Record<string, Answer> = {};
      const actual: Record<string, Answer> = {};
      for (const [page, answers] of Object.entries(PAGES)) {
        const target = page === "{run}" ? runPath : page;
        if (!target) continue;
        const response = await request.get(target, { maxRedirects: 0 });
        expected[`GET ${page}`] = answers[caller];
        actual[`GET ${page}`] = describeHttp(response.status(), response.headers().location);
      }
      for (const [name, route] of Object.entries(ROUTES)) {
        const response = await request.get(name.split(" ")[0]!, { maxRedirects: 0, headers: route.headers ?? {} });
        expected[`GET ${name}`] = route.answers[caller];
        actual[`GET ${name}`] = describeHttp(response.status(), response.headers().location);
      }
      for (const action of ACTIONS) {
        const answer = await callServerAction(
          request,
          action.page,
          serverActionId(action.name, action.file),
          action.input,
        );
        expected[`action ${action.name}`] = action.answers[caller];
        const code =
          /"ok":false,"error":\{"code":"([a-z_]+)"/.exec(answer.text)?.[1] ??
          (/"ok":true/.test(answer.text) ? "ok" : undefined);
        actual[`action ${action.name}`] =
          answer.status === 200 && code ? (code as Answer) : describeHttp(answer.status, answer.location);
      }
      // One comparison of the whole row: a failure shows every cell that differs at once.
      expect(actual).toEqual(expected);
    } finally {
      await request.dispose();
    }
  });
}

test("security headers are on pages and routes, and X-Powered-By is not", async ({ request }) => {
  for (const target of ["/login", "/", "/api/health"]) {
    const headers = (await request.get(target, { maxRedirects: 0 })).headers();
    expect(headers["x-powered-by"], target).toBeUndefined();
    const csp = headers["content-security-policy"] ?? "";
    for (const directive of [
      "default-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ]) {
      expect(csp, `${target}: ${directive}`).toContain(directive);
    }
    // The e2e app is a production build: no eval.
    expect(csp, target).not.toContain("unsafe-eval");
    expect(headers, target).toMatchObject({
      "x-frame-options": "DENY",
      "referrer-policy": "strict-origin-when-cross-origin",
      "x-content-type-options": "nosniff",
      "permissions-policy": expect.stringContaining("camera=()"),
      "strict-transport-security": expect.stringContaining("max-age="),
    });
  }
});

/**
 * What must never reach a browser. The e2e stack builds and runs the app with these values in its
 * environment (E2E.appEnv), and they are distinctive enough that a hit is a leak.
 */
const SECRETS: Record<string, string> = {
  "HubSpot token": E2E.hubspotToken,
  DATABASE_URL: E2E.databaseUrl,
  "DATABASE_URL credentials": "postgres:postgres@",
  CRON_SECRET: E2E.cronSecret,
  "the Supabase secret key": E2E.supabaseSecretKey,
  "a Supabase secret key": "sb_secret_",
  "a private key": "PRIVATE KEY-----",
};

function findSecrets(text: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}

const NEXT_DIR = path.join(import.meta.dirname, "..", ".next");

/** Files under `dir` (recursively) whose name matches `pattern`. */
function filesIn(dir: string, pattern: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

test("the scanned build was made with the e2e secrets in its environment", async ({ request }) => {
  // ensure-fresh-build.ts stamps the builds it makes; a plain `next build` would only prove that no
  // secret is written into the code, not that none is inlined from the environment at build time.
  const buildId = fs.readFileSync(path.join(NEXT_DIR, "BUILD_ID"), "utf8").trim();
  expect(readBuildStamp(path.join(NEXT_DIR, ".."))).toMatchObject({ buildId, env: envFingerprint(E2E.appEnv) });
  // And the build really saw them: next.config.js puts the build-time NEXT_PUBLIC_SUPABASE_URL in the CSP.
  const csp = (await request.get("/api/health")).headers()["content-security-policy"] ?? "";
  expect(csp).toContain(`connect-src 'self' ${E2E.authUrl}`);
});

test("no secret in the built client files or the prerendered pages", () => {
  const staticFiles = filesIn(path.join(NEXT_DIR, "static"), /./);
  expect(staticFiles.filter((file) => file.endsWith(".js")).length).toBeGreaterThan(5);
  // Pages rendered at build time are served as they are: their HTML and RSC payloads reach browsers too.
  const prerendered = filesIn(path.join(NEXT_DIR, "server", "app"), /\.(html|rsc|body)$/);
  expect(prerendered.length).toBeGreaterThan(0);
  const leaks = [...staticFiles, ...prerendered].flatMap((file) =>
    findSecrets(fs.readFileSync(file, "latin1")).map((secret) => `${path.relative(NEXT_DIR, file)}: ${secret}`),
  );
  expect(leaks).toEqual([]);
});

test("no secret in the HTML and JSON the app serves", async ({ playwright }) => {
  const byCaller: Record<string, Caller> = { "/login": "anonymous", "/no-access": "learner" };
  const targets = [
    "/",
    "/sync",
    "/settings",
    ...(runPath ? [runPath] : []),
    "/login",
    "/no-access",
    "/api/health",
    "/api/kpis",
    "/api/runs/live",
  ];
  const leaks: string[] = [];
  for (const target of targets) {
    const request = await contextFor(playwright, byCaller[target] ?? "admin");
    try {
      const response = await request.get(target, { maxRedirects: 0 });
      expect(response.status(), target).toBe(200);
      const body = await response.text();
      expect(body.length, target).toBeGreaterThan(10);
      leaks.push(...findSecrets(body).map((secret) => `${target}: ${secret}`));
    } finally {
      await request.dispose();
    }
  }
  expect(leaks).toEqual([]);
});

test.describe("in the browser", () => {
  test.use({ storageState: storageStateFor("admin") });

  // The fixture (support/fixtures.ts) fails every test on any CSP violation; this one visits every
  // main page so the check covers them all, with no exception (zod runs jitless in the browser).
  test("the main pages hydrate without a CSP violation", async ({ page }) => {
    // The dashboard's KPIs are fetched by client code: the request proves React hydrated.
    const kpis = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/kpis");
    await page.goto("/");
    expect((await kpis).status()).toBe(200);
    for (const target of ["/sync", "/settings", ...(runPath ? [runPath] : [])]) {
      await page.goto(target);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    }
    // Client-side navigation works too (it needs the hydrated router).
    await page.getByRole("link", { name: "Sync", exact: true }).first().click();
    await expect(page).toHaveURL(/\/sync$/);
    await page.waitForLoadState("networkidle");
    expect(cspViolations(page.context())).toEqual([]);
  });
});
