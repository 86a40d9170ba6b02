import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { prepareSupabaseLikeDatabase } from "@/sandbox/prepare-database";
import { ensureDatabase, startEmbeddedPostgres } from "@/sandbox/postgres";
import { seedBenchmarkData, seedDemoData } from "@/sandbox/seed";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "lpcs-measure-"));
fs.chmodSync(root, 0o755);
const server = await startEmbeddedPostgres({ dataDir: path.join(root, "data"), port: 55991, ephemeral: true });
try {
  for (const name of ["demo", "bench"]) {
    await ensureDatabase(server.url, name);
    await prepareSupabaseLikeDatabase(server.urlFor(name));
    await migrate(server.urlFor(name));
  }
  const demo = new pg.Pool({ connectionString: server.urlFor("demo") });
  const report = await seedDemoData(demo, {});
  console.log("demo 2k:", report.durationMs, "ms", report.progressRows, "progress rows", report.milestoneRows, "milestones", JSON.stringify(report.currentLevels));
  console.log(JSON.stringify(report.levels));
  await demo.end();
  const bench = new pg.Pool({ connectionString: server.urlFor("bench") });
  const n = Number(process.argv[2] ?? 100000);
  const b = await seedBenchmarkData(bench, { learners: n, levelsPerLearner: 3, unitsPerLevel: 15 });
  console.log(`bench ${n}:`, b.durationMs, "ms", b.progressRows, "progress rows", b.milestoneRows, "milestones");
  const size = await bench.query("select pg_size_pretty(pg_database_size('bench')) as s");
  console.log("bench db size", size.rows[0].s);
  await bench.end();
} finally {
  await server.stop();
  fs.rmSync(root, { recursive: true, force: true });
}
