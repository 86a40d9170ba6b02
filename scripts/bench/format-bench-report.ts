/** The benchmark's figures as one JSON object and as a side-by-side table for humans. */

export interface BenchReport {
  machine: { cpus: number; cpuModel: string; node: string; platform: string };
  dataset: {
    learners: number;
    levels: string[];
    unitsPerLevel: number;
    progressRows: number;
    milestoneRows: number;
    seedMs: number;
  };
  rateLimitPer10s: number;
  latencyMs: number;
  aggregation: { learnersPerSecond: number; statementsPer1000: number; durationMs: number; maxRssMb: number };
  dryRun: { learnersPerSecond: number; statementsPer1000: number; durationMs: number; maxRssMb: number };
  /** The dashboard's KPIs, cold: from the maintained facts (source "facts") once a full pass built them. */
  kpis: { durationMs: number; levels: number; source: "facts" | "raw"; rawDurationMs: number | null };
  /** Aggregation on the data with retried units, against the same data before they were added (target ratio ≥ 0.7). */
  retries: {
    retriedRows: number;
    aggregation: { learnersPerSecond: number; durationMs: number };
    withoutRetries: { learnersPerSecond: number; durationMs: number };
    throughputRatio: number;
  };
  /** Inserting 100k progress rows with the capture triggers ÷ without (target ≤ 1.3). */
  captureOverhead: { ratio: number; withMs: number; withoutMs: number; rows: number };
  liveSync: {
    durationMs: number;
    apiCalls: number;
    writeCalls: number;
    floorMs: number;
    utilisation: number;
    rateLimited: number;
    standInUpserts: number;
    standIn429s: number;
    statementsPer1000: number;
    /** Aggregation time as a share of the full live sync (target < 0.10). */
    aggregationShare: number;
  } | null;
  /** `--skip-live`: the full sync to a stand-in without rate limit or latency (our side's own cost). */
  unthrottledSync: { durationMs: number; writeCalls: number; learners: number; maxRssMb: number } | null;
  resync: { writeCalls: number; target: 0; durationMs: number; learnersAggregated: number } | null;
  changedOnePercent: {
    changedLearners: number;
    writeCalls: number;
    target: number;
    durationMs: number;
    learnersAggregated: number;
  } | null;
  firstDraft: {
    sample: number;
    sampleMs: number;
    extrapolatedMs: number;
    statementsPer1000: number;
    apiCalls: number;
    floorMs: number;
  } | null;
  peakRssMb: { at10k: number | null; atN: number | null; aggregateAtN: number; dryRunAt10k: number; dryRunAtN: number };
}

const int = (value: number) => Math.round(value).toLocaleString("en");
const seconds = (ms: number) => (ms >= 120_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`);

export function formatBenchReport(report: BenchReport): string {
  const { dataset, liveSync, firstDraft } = report;
  const rows: [string, string, string][] = [
    ["", "engine", firstDraft ? `first draft (${firstDraft.sample} measured, extrapolated)` : "first draft"],
    [
      "aggregation (learners/s)",
      int(report.aggregation.learnersPerSecond),
      firstDraft ? int((firstDraft.sample / firstDraft.sampleMs) * 1000) : "-",
    ],
    [
      "SQL statements / 1,000 learners",
      report.aggregation.statementsPer1000.toFixed(1),
      firstDraft ? int(firstDraft.statementsPer1000) : "-",
    ],
    ["dry run, full plan (learners/s)", int(report.dryRun.learnersPerSecond), "-"],
    ["dry run SQL statements / 1,000", report.dryRun.statementsPer1000.toFixed(1), "-"],
    [
      `dashboard KPIs (${report.kpis.levels} levels, from ${report.kpis.source})`,
      `${int(report.kpis.durationMs)} ms`,
      "-",
    ],
    [
      "dashboard KPIs from the raw tables",
      report.kpis.rawDurationMs === null ? "-" : `${int(report.kpis.rawDurationMs)} ms`,
      "-",
    ],
    [
      "aggregation with retries ÷ without",
      `${report.retries.throughputRatio.toFixed(2)} (${int(report.retries.retriedRows)} retried rows)`,
      "-",
    ],
    ["capture overhead on 100k inserted rows", `${report.captureOverhead.ratio.toFixed(2)}×`, "-"],
  ];
  if (liveSync && firstDraft) {
    rows.push(
      ["full live sync", seconds(liveSync.durationMs), seconds(firstDraft.extrapolatedMs)],
      ["  rate floor (API calls ÷ limit × 10 s)", seconds(liveSync.floorMs), seconds(firstDraft.floorMs)],
      [
        "  utilisation of the rate budget",
        `${(liveSync.utilisation * 100).toFixed(0)} %`,
        `${((firstDraft.floorMs / firstDraft.extrapolatedMs) * 100).toFixed(0)} %`,
      ],
      ["  API calls (writes)", `${int(liveSync.apiCalls)} (${int(liveSync.writeCalls)})`, int(firstDraft.apiCalls)],
      ["  429s met", int(liveSync.rateLimited), "-"],
      ["  live sync SQL statements / 1,000", liveSync.statementsPer1000.toFixed(1), "-"],
      ["  aggregation time ÷ full sync time", `${(liveSync.aggregationShare * 100).toFixed(0)} %`, "-"],
    );
  }
  if (report.resync)
    rows.push([
      "re-sync, nothing changed: write calls",
      `${report.resync.writeCalls} (target 0), ${seconds(report.resync.durationMs)}, ${int(report.resync.learnersAggregated)} aggregated`,
      "-",
    ]);
  if (report.changedOnePercent) {
    const changed = report.changedOnePercent;
    rows.push([
      `after 1% changed (${int(changed.changedLearners)}): write calls`,
      `${changed.writeCalls} (target ${changed.target}), ${seconds(changed.durationMs)}, ${int(changed.learnersAggregated)} aggregated`,
      "-",
    ]);
  }
  if (report.unthrottledSync) {
    const sync = report.unthrottledSync;
    rows.push([
      "full sync, HubSpot unthrottled (--skip-live)",
      `${seconds(sync.durationMs)}, ${int(sync.writeCalls)} write calls, ${int((sync.learners / Math.max(1, sync.durationMs)) * 1000)} learners/s`,
      "-",
    ]);
  }
  rows.push(
    [
      "peak RSS, live sync at 10k / at N",
      `${report.peakRssMb.at10k ?? "-"} MB / ${report.peakRssMb.atN ?? "-"} MB`,
      "-",
    ],
    [
      "peak RSS at N: aggregation / dry run",
      `${report.peakRssMb.aggregateAtN} MB / ${report.peakRssMb.dryRunAtN} MB`,
      "-",
    ],
    [
      "peak RSS of the dry run: at 10k / at N",
      `${report.peakRssMb.dryRunAt10k} MB / ${report.peakRssMb.dryRunAtN} MB`,
      "≤ 1.3×",
    ],
  );
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const table = rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
  const header =
    `Benchmark: ${int(dataset.learners)} learners in 1–${dataset.levels.length} levels (${dataset.levels.join(", ")}), ${dataset.unitsPerLevel} units/level, ` +
    `${int(dataset.progressRows)} progress rows (seeded in ${seconds(dataset.seedMs)})\n` +
    `HubSpot stand-in: ${report.rateLimitPer10s} requests/10 s, ${report.latencyMs} ms latency. Machine: ${report.machine.cpus} × ${report.machine.cpuModel}, Node ${report.machine.node}`;
  return `${header}\n\n${table}\n`;
}
