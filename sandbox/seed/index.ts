/** Demo and benchmark data for the source tables (docs/ARCHITECTURE.md, "Source data contract"). */
export { createLevelTables, type LevelTableSpec, type Queryable } from "./create-level-tables";
export type { SeedAnomaly, SeedAnomalyKind } from "./demo-anomalies";
export { DEFAULT_DEMO_PASSWORD, DEMO_LOGINS, demoPassword } from "./demo-logins";
export { DEMO_LEVELS, generateDemoDataset } from "./generate-demo-dataset";
export { seedBenchmarkData, type BenchmarkSeedReport, type SeedBenchmarkDataOptions } from "./seed-benchmark-data";
export {
  isDatabaseEmpty,
  isSeeded,
  seedDemoData,
  SeedError,
  type SeedDemoDataOptions,
  type SeedReport,
} from "./seed-demo-data";
