import { describe, expect, it } from "vitest";
import { SPECIAL_LEARNERS } from "./demo-anomalies";
import { DEMO_LEVELS, generateDemoDataset } from "./generate-demo-dataset";

const now = new Date("2026-12-01T12:00:00Z");
const DAY = 86_400_000;

describe("generateDemoDataset", () => {
  const dataset = generateDemoDataset({ learners: 2_000, seed: 7, unitsPerLevel: 20, now });
  const allProgress = DEMO_LEVELS.flatMap(({ level }) => dataset.progress.get(level) ?? []);

  it("is reproducible from its seed and differs between seeds", () => {
    const small = (seed: number) => generateDemoDataset({ learners: 300, seed, unitsPerLevel: 20, now });
    const [first, again, other] = [small(7), small(7), small(8)];
    expect(JSON.stringify([...again.progress])).toBe(JSON.stringify([...first.progress]));
    expect(again.users).toEqual(first.users);
    expect(other.users.map((u) => u.email)).not.toEqual(first.users.map((u) => u.email));
  });

  it("makes 2,000 learner accounts plus the four demo logins, with unique realistic emails", () => {
    expect(dataset.users).toHaveLength(2_004);
    const generated = dataset.users.filter((u) => !u.login && !SPECIAL_LEARNERS.some((s) => s.email === u.email));
    for (const user of generated) expect(user.email).toMatch(/^[a-z][a-z0-9._]*@example\.(com|org|net)$/);
    const lowered = dataset.users.map((u) => u.email.trim().toLowerCase());
    // The only case-insensitive duplicate is the deliberate Maria Lopez pair.
    expect(lowered.length - new Set(lowered).size).toBe(1);
  });

  it("puts most learners in A1–B1 and few in C1–C2", () => {
    const counts = dataset.currentLevels;
    const started = 2_000 - (counts.none ?? 0);
    const low = (counts.a1 ?? 0) + (counts.a2 ?? 0) + (counts.b1 ?? 0);
    const high = (counts.c1 ?? 0) + (counts.c2 ?? 0);
    expect(low / started).toBeGreaterThan(0.65);
    expect(high / started).toBeLessThan(0.2);
    expect(high).toBeGreaterThan(0);
    expect(counts.none).toBeGreaterThan(0);
  });

  it("keeps values realistic: accuracy mostly 60–98, 5–40 minutes per unit, dates within six months", () => {
    const completed = allProgress.filter((row) => row.completed && row.accuracy !== null);
    const typical = completed.filter((row) => row.accuracy! >= 60 && row.accuracy! <= 98);
    expect(typical.length / completed.length).toBeGreaterThan(0.9);
    const damaged = allProgress.filter((row) => row.timeSpentSeconds !== null && row.timeSpentSeconds < 0);
    expect(damaged).toHaveLength(1);
    const outsideMinutes = completed.filter(
      (row) => row.timeSpentSeconds! >= 0 && (row.timeSpentSeconds! < 300 || row.timeSpentSeconds! > 2_400),
    );
    expect(outsideMinutes).toEqual([]);
    const outsideHistory = allProgress.filter(
      (row) => row.updatedAt.getTime() > now.getTime() || row.createdAt.getTime() < now.getTime() - 185 * DAY,
    );
    expect(outsideHistory).toEqual([]);
    const allMilestones = DEMO_LEVELS.flatMap(({ level }) => dataset.milestones.get(level) ?? []);
    expect(
      allMilestones.filter(
        (m) => m.achievedAt.getTime() > now.getTime() || m.achievedAt.getTime() < now.getTime() - 185 * DAY,
      ),
    ).toEqual([]);
  });

  it("gives learners above A1 a finished A1 (units and milestone) most of the time", () => {
    const b1Learners = new Set((dataset.progress.get("b1") ?? []).map((row) => row.userId));
    const a1Done = new Set(
      (dataset.milestones.get("a1") ?? []).filter((m) => m.milestone === "level_completed").map((m) => m.userId),
    );
    const withMilestone = [...b1Learners].filter((id) => a1Done.has(id)).length;
    expect(withMilestone / b1Learners.size).toBeGreaterThan(0.85);
    expect(withMilestone).toBeLessThan(b1Learners.size);
  });

  it("lists every deliberate anomaly and damages exactly the listed rows", () => {
    expect(dataset.anomalies.map((a) => a.kind).sort()).toEqual(SPECIAL_LEARNERS.map((s) => s.kind).sort());
    const accuracies = allProgress.filter((row) => row.accuracy !== null && (row.accuracy < 0 || row.accuracy > 100));
    expect(accuracies.map((row) => row.accuracy).sort()).toEqual([-5, 140]);
    const noProgress = dataset.anomalies.find((a) => a.kind === "no_progress")!;
    expect(allProgress.some((row) => row.userId === noProgress.userId)).toBe(false);
  });
});
