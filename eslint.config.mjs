import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/**
 * Import boundaries (docs/ARCHITECTURE.md, "What may import what"). In flat config a later block
 * replaces a rule's options for the files it matches, so each block below lists every restriction
 * its files are under; the blocks are ordered from general to specific.
 */
const TEST_FILES = ["**/*.test.ts", "**/*.test.tsx", "test/**", "e2e/**"];

const NO_TEST_HELPERS = {
  group: ["@/test", "@/test/*", "**/test/support/*"],
  message: "Test helpers are for tests only (test/**, *.test.ts).",
};
const NO_SANDBOX = {
  group: ["@/sandbox", "@/sandbox/*", "**/sandbox/*"],
  message: "The local stand-ins never ship in the app; only tests and the CLIs in scripts/ start them.",
};
const NO_SYNC_FROM_DB = {
  group: ["@/lib/sync", "@/lib/sync/*", "../sync", "../sync/*", "../../sync/*"],
  message: "lib/db is below lib/sync: the engine uses the database layer, never the other way round.",
};
const NO_COMPONENTS_IN_ROUTES = {
  group: ["@/components", "@/components/*"],
  message: "Route handlers return data: shared shapes live in lib/contracts, logic in lib/.",
};
const NO_FRAMEWORK = {
  group: ["next", "next/*", "react", "react/*", "react-dom", "server-only"],
  message: "The core is framework-free: the CLI runs it under tsx.",
};
const WORKFLOW_SDK = ["workflow", "workflow/*", "@workflow/*"];
const NO_WORKFLOW_SDK = {
  group: WORKFLOW_SDK,
  message: "Only lib/workflows uses the Workflow SDK; the app starts runs through lib/workflows/start-durable-sync.ts.",
};
const NO_WORKFLOWS_IN_CORE = {
  group: [...WORKFLOW_SDK, "@/lib/workflows", "@/lib/workflows/*"],
  message: "The core runs under tsx (CLI, benchmark): the Workflow SDK and lib/workflows sit above it.",
};
const CONTRACTS_ONLY = {
  regex: "^(@/(?!lib/contracts/)|\\.\\./)",
  message: "lib/contracts is the bottom layer: it imports zod and other contracts, nothing else.",
};

const restrict = (...patterns) => ["error", { patterns }];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      "e2e/artifacts/**",
      ".tmp*/**",
      "e2e/.auth/**",
      // Workflow SDK output: generated routes, the SWC plugin's cache, the local world's data.
      "app/.well-known/workflow/**",
      ".swc/**",
      ".workflow-data/**",
      ".workflow-vitest/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Production code: the app, its libraries and the root modules.
  {
    files: ["app/**", "components/**", "lib/**", "proxy.ts", "instrumentation-client.ts"],
    ignores: TEST_FILES,
    rules: { "no-restricted-imports": restrict(NO_TEST_HELPERS, NO_SANDBOX, NO_WORKFLOW_SDK) },
  },
  // The durable driver of "Sync now": the one place that uses the Workflow SDK.
  {
    files: ["lib/workflows/**"],
    ignores: TEST_FILES,
    rules: { "no-restricted-imports": restrict(NO_TEST_HELPERS, NO_SANDBOX) },
  },
  {
    files: ["lib/sync/**", "lib/hubspot/**"],
    ignores: TEST_FILES,
    rules: { "no-restricted-imports": restrict(NO_TEST_HELPERS, NO_SANDBOX, NO_FRAMEWORK, NO_WORKFLOWS_IN_CORE) },
  },
  {
    files: ["lib/db/**"],
    ignores: TEST_FILES,
    rules: {
      "no-restricted-imports": restrict(
        NO_TEST_HELPERS,
        NO_SANDBOX,
        NO_FRAMEWORK,
        NO_SYNC_FROM_DB,
        NO_WORKFLOWS_IN_CORE,
      ),
    },
  },
  {
    files: ["lib/contracts/**"],
    ignores: TEST_FILES,
    rules: { "no-restricted-imports": restrict(NO_FRAMEWORK, CONTRACTS_ONLY, NO_WORKFLOW_SDK) },
  },
  {
    files: ["app/api/**"],
    ignores: TEST_FILES,
    rules: { "no-restricted-imports": restrict(NO_TEST_HELPERS, NO_SANDBOX, NO_COMPONENTS_IN_ROUTES, NO_WORKFLOW_SDK) },
  },
  // Components run in the browser: database code must not be bundled there. Its types may be used.
  {
    files: ["components/**"],
    ignores: TEST_FILES,
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/db", "@/lib/db/*"],
              allowTypeImports: true,
              message: "Components may import lib/db types only; data comes from a route or a server component.",
            },
          ],
        },
      ],
    },
  },
  // The CLIs start the local stack (embedded Postgres, stand-ins), so they may import sandbox/; the
  // stand-ins themselves are tools, not tests.
  {
    files: ["scripts/**", "sandbox/**"],
    ignores: TEST_FILES,
    rules: { "no-restricted-imports": restrict(NO_TEST_HELPERS) },
  },
];

export default config;
