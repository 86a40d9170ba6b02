import { execFileSync, spawnSync } from "node:child_process";
import pg from "pg";
import { startBenchStack } from "@/scripts/bench/start-bench-stack";
import { seedBenchmarkData } from "@/sandbox/seed";

const stack = await startBenchStack();
const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
try {
  await seedBenchmarkData(pool, { learners: 3000, levelsPerLearner: 3, unitsPerLevel: 15, levels: ["a1", "a2", "b1"] });
  await pool.query("insert into auth.users (email) values ('Broken Email'), ('LEARNER.1@bench-1.example.com')");
  const standIn = await stack.startStandIn({ rateLimitPer10s: 190, latencyMs: 300 });
  const env = { ...process.env, DATABASE_URL: stack.databaseUrl, HUBSPOT_ACCESS_TOKEN: "demo-hubspot-token", HUBSPOT_BASE_URL: standIn.url };
  const tty = spawnSync("script", ["-q", "-c", "node --import tsx scripts/sync.ts --batch-size 200", "/dev/null"], { env, encoding: "utf8" });
  console.log("TTY exit", tty.status, JSON.stringify(tty.stdout.slice(-1500)));
  const plain = spawnSync(process.execPath, ["--import", "tsx", "scripts/sync.ts", "--full", "--limit", "1500"], { env, encoding: "utf8" });
  console.log("PLAIN exit", plain.status, "\nSTDERR:\n" + plain.stderr + "STDOUT:\n" + plain.stdout);
  const dry = spawnSync(process.execPath, ["--import", "tsx", "scripts/sync.ts", "--dry-run", "--json", "--limit", "3"], { env, encoding: "utf8" });
  console.log("DRY exit", dry.status, dry.stdout.slice(0, 1200));
  void execFileSync;
} finally {
  await pool.end();
  await stack.stop();
}
