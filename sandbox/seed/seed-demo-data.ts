/**
 * The demo seed: ~2,000 learners with realistic progress across a1…c2, a handful of listed bad
 * rows, and the demo logins (three staff, one learner). Everything is written in one
 * transaction, so a crash leaves either nothing or a complete seed, and an advisory lock stops
 * two starters (demo + Playwright) from seeding twice.
 */
import type pg from "pg";
import { z } from "zod";
import { assertSchemaName, createLevelTables, quoteIdentifier, type Queryable } from "./create-level-tables";
import type { SeedAnomaly } from "./demo-anomalies";
import { DEMO_LOGINS, demoPassword } from "./demo-logins";
import { DEMO_LEVELS, generateDemoDataset } from "./generate-demo-dataset";
import { insertDemoLearners, insertDemoLevelRows, insertDemoLogins, insertDemoStaff } from "./insert-demo-dataset";

const SEED_LOCK_KEY = 727_401_003;

export type SeedErrorCode = "already_seeded" | "invalid_options";

export class SeedError extends Error {
  override readonly name = "SeedError";
  constructor(
    readonly code: SeedErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const seedOptionsSchema = z.object({
  learners: z.number().int().min(20).max(200_000).default(2_000),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(20_261_201),
  // bcrypt only looks at the first 72 bytes.
  password: z.string().min(6).max(72).optional(),
  unitsPerLevel: z.number().int().min(2).max(200).default(20),
  schema: z.string().default("public"),
  now: z.date().optional(),
});

export type SeedDemoDataOptions = z.input<typeof seedOptionsSchema>;

export interface SeedReport {
  seed: number;
  schema: string;
  /** Learner accounts, the listed anomalies included, the demo logins not. */
  learners: number;
  authUsers: number;
  unitsPerLevel: number;
  logins: { email: string; role: string }[];
  levels: {
    level: string;
    unitIdType: string;
    progressRows: number;
    milestoneRows: number;
    learnersWithRows: number;
  }[];
  progressRows: number;
  milestoneRows: number;
  currentLevels: Record<string, number>;
  anomalies: SeedAnomaly[];
  durationMs: number;
}

/** True when the demo seed ran on this database (its admin login and level tables exist). */
export async function isSeeded(db: Queryable, schema = "public"): Promise<boolean> {
  assertSchemaName(schema);
  const { rows } = await db.query<{ seeded: boolean }>(
    `select to_regclass($1) is not null
        and exists (select 1 from auth.users where email = $2) as seeded`,
    [`${quoteIdentifier(schema)}.a1_progress`, DEMO_LOGINS[0].email],
  );
  return rows[0]?.seeded ?? false;
}

/** No auth users and no level tables: safe to seed (a real project never looks like this). */
export async function isDatabaseEmpty(db: Queryable, schema = "public"): Promise<boolean> {
  const { rows } = await db.query<{ empty: boolean }>(
    `select not exists (select 1 from auth.users)
        and not exists (select 1 from pg_tables where schemaname = $1 and tablename like '%\\_progress') as empty`,
    [schema],
  );
  return rows[0]?.empty ?? false;
}

export async function seedDemoData(pool: pg.Pool, options: SeedDemoDataOptions = {}): Promise<SeedReport> {
  const parsed = seedOptionsSchema.safeParse(options);
  if (!parsed.success)
    throw new SeedError(
      "invalid_options",
      `Invalid seed options: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  const { learners, seed, unitsPerLevel, schema } = parsed.data;
  const password = parsed.data.password ?? demoPassword();
  assertSchemaName(schema);
  const startedAt = performance.now();
  const dataset = generateDemoDataset({ learners, seed, unitsPerLevel, now: parsed.data.now ?? new Date() });

  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query("select pg_advisory_xact_lock($1)", [SEED_LOCK_KEY]);
    if (await isSeeded(client, schema))
      throw new SeedError("already_seeded", "The demo data is already seeded in this database.");
    await createLevelTables(client, schema, DEMO_LEVELS);
    await insertDemoLogins(client, dataset, password);
    await insertDemoLearners(client, dataset);
    await insertDemoLevelRows(client, schema, dataset);
    await insertDemoStaff(client, dataset);
    await client.query(
      `insert into crm_sync.level_settings (level, enabled, unit_total)
       select level, true, $2 from unnest($1::text[]) as level on conflict (level) do nothing`,
      [DEMO_LEVELS.map((l) => l.level), unitsPerLevel],
    );
    await client.query(
      "insert into crm_sync.audit_log (actor_label, action, target, details) values ('demo seed', 'demo.seed', $1, $2)",
      [schema, JSON.stringify({ seed, learners, unitsPerLevel })],
    );
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  // Fresh statistics, so the first sync does not plan against empty tables.
  await pool.query(
    DEMO_LEVELS.map(({ level }) => `analyze ${quoteIdentifier(schema)}.${quoteIdentifier(`${level}_progress`)};`).join(
      "\n",
    ),
  );

  const levels = DEMO_LEVELS.map(({ level, unitIdType }) => {
    const progress = dataset.progress.get(level) ?? [];
    const milestones = dataset.milestones.get(level) ?? [];
    const learnersWithRows = new Set([...progress, ...milestones].map((row) => row.userId)).size;
    return { level, unitIdType, progressRows: progress.length, milestoneRows: milestones.length, learnersWithRows };
  });
  return {
    seed,
    schema,
    learners,
    unitsPerLevel,
    authUsers: dataset.users.length,
    logins: DEMO_LOGINS.map(({ email, role }) => ({ email, role })),
    levels,
    progressRows: levels.reduce((sum, l) => sum + l.progressRows, 0),
    milestoneRows: levels.reduce((sum, l) => sum + l.milestoneRows, 0),
    currentLevels: dataset.currentLevels,
    anomalies: dataset.anomalies,
    durationMs: Math.round(performance.now() - startedAt),
  };
}
