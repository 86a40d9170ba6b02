/**
 * Starts one throw-away embedded PostgreSQL for the whole test run and builds a template
 * database (Supabase-like prep + app migrations). Each test file clones the template
 * (`createTestDatabase`), so files run in parallel without seeing each other's rows.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrate } from "@/lib/db/migrate";
import { prepareSupabaseLikeDatabase } from "@/sandbox/prepare-database";
import { ensureDatabase, startEmbeddedPostgres } from "@/sandbox/postgres";
import { getFreePort } from "./ports";

export const TEMPLATE_DATABASE = "lpcs_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "lpcs-test-pg-"));
  fs.chmodSync(root, 0o755);
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(root, "data"),
    port: await getFreePort(),
    ephemeral: true,
  });
  await ensureDatabase(postgres.url, TEMPLATE_DATABASE);
  const templateUrl = postgres.urlFor(TEMPLATE_DATABASE);
  await prepareSupabaseLikeDatabase(templateUrl);
  await migrate(templateUrl);
  project.provide("pgAdminUrl", postgres.url);
  project.provide("pgTemplateDatabase", TEMPLATE_DATABASE);
  return async () => {
    await postgres.stop();
    fs.rmSync(root, { recursive: true, force: true });
  };
}
