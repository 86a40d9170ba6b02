import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { DEFAULT_TOKEN } from "../sandbox/hubspot/server";
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
  "/api/cron/sync (wrong bearer)": { headers: { authorization: `Bearer ${E2E.cronSecret.replace(/.$/, "X")}` }, answers: row(401, 401, 401, 401, 401) },
};

/**
 * Server actions (app/actions/*.ts), posted to the page that uses them. Inputs are invalid on
 * purpose: `invalid_input` proves the role check passed without changing anything other specs rely on.
 * Anonymous posts are turned away by the proxy (303 to /login) before any action code runs.
 * signOut is not here: anyone may sign out (logout.spec.ts), and it would end the shared sessions.
 */
const ACTIONS: { name: string; file: string; page: string; input: unknown; answers: Record<Caller, Answer> }[] = [
  { name: "previewPayload", file: "preview-payload", page: "/sync", input: { levels: ["Not A Level!"] }, answers: row("→ /login", "forbidden", "invalid_input", "invalid_input", "invalid_input") },
  { name: "startSync", file: "start-sync", page: "/sync", input: { unexpected: true }, answers: row("→ /login", "forbidden", "forbidden", "invalid_input", "invalid_input") },
  { name: "createMissingProperties", file: "create-missing-properties", page: "/settings", input: { unexpected: true }, answers: row("→ /login", "forbidden", "forbidden", "forbidden", "invalid_input") },
  { name: "updateLevel", file: "update-level", page: "/settings", input: { level: "a1" }, answers: row("→ /login", "forbidden", "forbidden", "forbidden", "invalid_input") },
  { name: "updateSyncSettings", file: "update-sync-settings", page: "/settings", input: {}, answers: row("→ /login", "forbidden", "forbidden", "forbidden", "invalid_input") },
  { name: "addStaff", file: "add-staff", page: "/settings", input: { email: "", role: "admin" }, answers: row("→ /login", "forbidden", "forbidden", "forbidden", "invalid_input") },
  { name: "changeStaffRole", file: "change-staff-role", page: "/settings", input: { email: "", role: "admin" }, answers: row("→ /login", "forbidden", "forbidden", "forbidden", "invalid_input") },
  { name: "removeStaff", file: "remove-staff", page: "/settings", input: { email: "" }, answers: row("→ /login", "forbidden", "forbidden", "forbidden", "invalid_input") },
];

let runPath: string | undefined;

async function contextFor(playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } }, caller: Caller): Promise<APIRequestContext> {
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
        const answer = await callServerAction(request, action.page, serverActionId(action.name, action.file), action.input);
        expected[`action ${action.name}`] = action.answers[caller];
        const code = /"ok":false,"error":\{"code":"([a-z_]+)"/.exec(answer.text)?.[1] ?? (/"ok":true/.test(answer.text) ? "ok" : undefined);
        actual[`action ${action.name}`] = answer.status === 200 && code ? (code as Answer) : describeHttp(answer.status, answer.location);
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
    for (const directive of ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) {
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

/** What must never reach a browser. The e2e values are distinctive enough that a hit is a leak. */
const SECRETS: Record<string, string> = {
  "HubSpot token": DEFAULT_TOKEN,
  DATABASE_URL: E2E.databaseUrl,
  "DATABASE_URL credentials": "postgres:postgres@",
  CRON_SECRET: E2E.cronSecret,
  "a Supabase secret key": "sb_secret_",
  "a private key": "PRIVATE KEY-----",
};

function findSecrets(text: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}

test("no secret in the built client files", () => {
  const staticDir = path.join(import.meta.dirname, "..", ".next", "static");
  const files = fs.readdirSync(staticDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  expect(files.filter((file) => file.name.endsWith(".js")).length).toBeGreaterThan(5);
  const leaks = files.flatMap((file) => {
    const full = path.join(file.parentPath, file.name);
    return findSecrets(fs.readFileSync(full, "latin1")).map((secret) => `${path.relative(staticDir, full)}: ${secret}`);
  });
  expect(leaks).toEqual([]);
});

test("no secret in the HTML and JSON the app serves", async ({ playwright }) => {
  const byCaller: Record<string, Caller> = { "/login": "anonymous", "/no-access": "learner" };
  const targets = ["/", "/sync", "/settings", ...(runPath ? [runPath] : []), "/login", "/no-access", "/api/health", "/api/kpis", "/api/runs/live"];
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

/**
 * zod 4 probes once whether eval is allowed (`try { Function("") } catch`) and falls back when it
 * is not: the CSP blocks it as it should, and the browser reports that. Only that probe is tolerated:
 * an eval violation counts unless its source file is a chunk that contains the probe.
 */
const ZOD_EVAL_PROBE = 'try{return Function(""),!0}catch';

function isZodEvalProbe(violation: { directive: string; blocked: string; source: string }): boolean {
  if (!violation.directive.startsWith("script-src") || violation.blocked !== "eval") return false;
  const pathname = URL.canParse(violation.source) ? new URL(violation.source).pathname : "";
  if (!pathname.startsWith("/_next/static/")) return false;
  const file = path.join(import.meta.dirname, "..", ".next", "static", pathname.slice("/_next/static/".length));
  return fs.existsSync(file) && fs.readFileSync(file, "utf8").includes(ZOD_EVAL_PROBE);
}

test.describe("in the browser", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("the main pages hydrate without a CSP violation", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      // Eval attempts are judged by the event below, which knows the source file.
      if (/Content.Security.Policy/i.test(message.text()) && !/Evaluating a string as JavaScript/i.test(message.text())) violations.push(message.text());
    });
    await page.exposeFunction("reportCspViolation", (violation: { directive: string; blocked: string; source: string }) => {
      if (!isZodEvalProbe(violation)) violations.push(`${violation.directive} blocked ${violation.blocked} in ${violation.source}`);
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        const report = (window as unknown as { reportCspViolation: (violation: object) => void }).reportCspViolation;
        report({ directive: event.violatedDirective, blocked: event.blockedURI, source: event.sourceFile });
      });
    });

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
    expect(violations).toEqual([]);
  });
});
