/**
 * One learner's history across the CEFR levels: which units they completed and when, their
 * retries, the unit they are working on, and the milestones the learning app wrote.
 * Levels below the current one are usually finished (all units plus `level_completed`);
 * some learners were placed by a test (milestone only, no unit rows) and some finished a
 * level under an old app version that never wrote the milestone.
 */
import type { Prng } from "./create-prng";

export interface ProgressRow {
  userId: string;
  unitId: number | string;
  completed: boolean;
  completedAt: Date | null;
  accuracy: number | null;
  timeSpentSeconds: number | null;
  updatedAt: Date;
  createdAt: Date;
}

export interface MilestoneRow {
  userId: string;
  milestone: string;
  achievedAt: Date;
}

export interface JourneyPlan {
  /** Index into the level list; -1 = signed up, never started. */
  current: number;
  unitsDoneInCurrent: number;
  /** Levels below this index were skipped by a placement test. */
  placedBelow: number;
  /** Finished levels whose `level_completed` milestone is missing. */
  levelsWithoutMilestone: ReadonlySet<number>;
  forceInProgressRow?: boolean;
}

export interface JourneyContext {
  levels: readonly { level: string; unitIdType: "integer" | "text" }[];
  unitsPerLevel: number;
  now: Date;
}

export interface Journey {
  signedUpAt: Date;
  progress: Map<string, ProgressRow[]>;
  milestones: Map<string, MilestoneRow[]>;
}

const DAY = 86_400_000;
const MINUTE = 60_000;
const HISTORY_DAYS = 180;

const round1 = (value: number) => Math.round(value * 10) / 10;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export function planJourney(
  rng: Prng,
  levelCount: number,
  unitsPerLevel: number,
  currentWeights: Readonly<Record<string, number>>,
): JourneyPlan {
  const current = Number(rng.weighted(currentWeights));
  const isLastLevel = current === levelCount - 1;
  const hasFinishedCurrent = current >= 0 && rng.chance(isLastLevel ? 0.2 : 0.06);
  const placedBelow = current >= 1 && rng.chance(0.12) ? rng.int(1, current) : 0;
  const levelsWithoutMilestone = new Set<number>();
  for (let level = placedBelow; level < current; level++) if (rng.chance(0.04)) levelsWithoutMilestone.add(level);
  return {
    current,
    unitsDoneInCurrent: hasFinishedCurrent ? unitsPerLevel : rng.int(0, unitsPerLevel - 1),
    placedBelow,
    levelsWithoutMilestone,
  };
}

function unitIdFor(spec: JourneyContext["levels"][number], unit: number): number | string {
  return spec.unitIdType === "integer" ? unit : `${spec.level.toUpperCase()}-U${String(unit).padStart(2, "0")}`;
}

/** Time on a unit: 5–40 minutes, most around a quarter of an hour. */
function unitSeconds(rng: Prng): number {
  return Math.round(clamp(Math.exp(rng.normal(Math.log(900), 0.45)), 300, 2400));
}

export function buildJourney(rng: Prng, userId: string, plan: JourneyPlan, context: JourneyContext): Journey {
  const { levels, unitsPerLevel, now } = context;
  const progress = new Map<string, ProgressRow[]>();
  const milestones = new Map<string, MilestoneRow[]>();
  const push = <T>(map: Map<string, T[]>, level: string, row: T) => {
    const rows = map.get(level);
    if (rows) rows.push(row);
    else map.set(level, [row]);
  };

  const completions: { levelIndex: number; unit: number }[] = [];
  for (let levelIndex = plan.placedBelow; levelIndex <= plan.current; levelIndex++) {
    const done = levelIndex < plan.current ? unitsPerLevel : plan.unitsDoneInCurrent;
    for (let unit = 1; unit <= done; unit++) completions.push({ levelIndex, unit });
  }

  // Recent activity is common, long silences less so; the whole history fits in six months.
  const recency = rng.weighted({ week: 45, month: 30, older: 25 });
  const recencyDays =
    recency === "week" ? rng.between(0, 7) : recency === "month" ? rng.between(7, 30) : rng.between(30, 120);
  const lastActiveAt = now.getTime() - recencyDays * DAY;
  const spanDays = Math.min(
    HISTORY_DAYS - recencyDays - 1,
    completions.length * rng.between(0.4, 2) + rng.between(1, 10),
  );
  const signedUpAt =
    plan.current < 0 ? now.getTime() - rng.between(1, HISTORY_DAYS) * DAY : lastActiveAt - spanDays * DAY;
  const times = completions.map(() => signedUpAt + rng.next() * (lastActiveAt - signedUpAt)).sort((a, b) => a - b);
  const skill = clamp(rng.normal(82, 7), 58, 97);

  completions.forEach(({ levelIndex, unit }, index) => {
    const spec = levels[levelIndex]!;
    const completedAt = times[index]!;
    const seconds = unitSeconds(rng);
    if (rng.chance(0.05)) {
      // An earlier, abandoned attempt at the same unit: only distinct completed units count.
      const startedAt = completedAt - rng.between(1, 3) * DAY;
      const retrySeconds = unitSeconds(rng);
      push(progress, spec.level, {
        userId,
        unitId: unitIdFor(spec, unit),
        completed: false,
        completedAt: null,
        accuracy: round1(clamp(rng.normal(skill - 18, 8), 10, 100)),
        timeSpentSeconds: retrySeconds,
        createdAt: new Date(startedAt),
        updatedAt: new Date(startedAt + retrySeconds * 1000),
      });
    }
    push(progress, spec.level, {
      userId,
      unitId: unitIdFor(spec, unit),
      completed: true,
      // Rows from an old app version set the flag but not the timestamp.
      completedAt: rng.chance(0.01) ? null : new Date(completedAt),
      accuracy: round1(clamp(rng.normal(skill, 6), 35, 100)),
      timeSpentSeconds: seconds,
      createdAt: new Date(completedAt - seconds * 1000),
      updatedAt: new Date(
        rng.chance(0.03) ? Math.min(now.getTime(), completedAt + rng.between(1, 72) * 60 * MINUTE) : completedAt,
      ),
    });
    const soonAfter = (minutes: number) => new Date(Math.min(now.getTime(), completedAt + minutes * MINUTE));
    if (unit === Math.ceil(unitsPerLevel / 2))
      push(milestones, spec.level, { userId, milestone: "halfway", achievedAt: soonAfter(1) });
    if (unit === unitsPerLevel && !plan.levelsWithoutMilestone.has(levelIndex)) {
      push(milestones, spec.level, { userId, milestone: "level_completed", achievedAt: soonAfter(rng.between(1, 30)) });
    }
  });

  for (let levelIndex = 0; levelIndex < plan.placedBelow; levelIndex++) {
    push(milestones, levels[levelIndex]!.level, {
      userId,
      milestone: "level_completed",
      achievedAt: new Date(signedUpAt),
    });
  }

  const isCurrentOpen = plan.current >= 0 && plan.unitsDoneInCurrent < unitsPerLevel;
  if (isCurrentOpen && (plan.forceInProgressRow || plan.unitsDoneInCurrent === 0 || rng.chance(0.55))) {
    const spec = levels[plan.current]!;
    const seconds = rng.int(60, 900);
    const updatedAt = Math.min(now.getTime(), lastActiveAt + rng.between(1, 60) * MINUTE);
    push(progress, spec.level, {
      userId,
      unitId: unitIdFor(spec, plan.unitsDoneInCurrent + 1),
      completed: false,
      completedAt: null,
      accuracy: null,
      timeSpentSeconds: seconds,
      createdAt: new Date(updatedAt - seconds * 1000),
      updatedAt: new Date(updatedAt),
    });
  }
  return { signedUpAt: new Date(signedUpAt), progress, milestones };
}
