/**
 * Builds the whole demo data set in memory from a seed (no database): the same seed and `now`
 * always give the same users, rows and anomalies. insert-demo-dataset.ts writes it set-based.
 */
import {
  buildJourney,
  planJourney,
  type JourneyContext,
  type JourneyPlan,
  type MilestoneRow,
  type ProgressRow,
} from "./build-learner-journey";
import type { LevelTableSpec } from "./create-level-tables";
import { createPrng, type Prng } from "./create-prng";
import { SPECIAL_LEARNERS, type SeedAnomaly } from "./demo-anomalies";
import { DEMO_LOGINS, type DemoLogin } from "./demo-logins";
import { EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES } from "./demo-names";

export const DEMO_LEVELS: readonly Required<LevelTableSpec>[] = [
  { level: "a1", unitIdType: "integer" },
  { level: "a2", unitIdType: "integer" },
  { level: "b1", unitIdType: "integer" },
  { level: "b2", unitIdType: "integer" },
  // unit_id may be of any type (docs/ARCHITECTURE.md, "Source data contract"); the upper levels use codes like "C1-U07".
  { level: "c1", unitIdType: "text" },
  { level: "c2", unitIdType: "text" },
];

/** Where learners currently are: most in A1–B1, few in C1–C2; "-1" = never started. */
const CURRENT_LEVEL_WEIGHTS = { "-1": 3, "0": 28, "1": 24, "2": 20, "3": 13, "4": 8, "5": 4 } as const;

export interface DemoUser {
  id: string;
  email: string;
  fullName: string;
  createdAt: Date;
  deletedAt: Date | null;
  bannedUntil: Date | null;
  /** Set for the demo logins, which get a real password; learners get an unusable one. */
  login: DemoLogin | null;
}

export interface DemoDataset {
  users: DemoUser[];
  progress: Map<string, ProgressRow[]>;
  milestones: Map<string, MilestoneRow[]>;
  anomalies: SeedAnomaly[];
  /** Learner accounts (not the demo logins) by the level they are working on ("none" = no progress). */
  currentLevels: Record<string, number>;
}

export interface GenerateDemoDatasetOptions {
  learners: number;
  seed: number;
  unitsPerLevel: number;
  now: Date;
}

const DAY = 86_400_000;

function makeEmail(rng: Prng, taken: Set<string>): { email: string; fullName: string } {
  for (;;) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const style = rng.weighted({ dotted: 35, numbered: 25, joined: 10, initial: 10, underscore: 10, firstNumber: 10 });
    const local = {
      dotted: `${first}.${last}`,
      numbered: `${first}.${last}${rng.int(1, 999)}`,
      joined: `${first}${last}`,
      initial: `${first[0]}.${last}`,
      underscore: `${first}_${last}`,
      firstNumber: `${first}${rng.int(1000, 9999)}`,
    }[style];
    const email = `${local}@${rng.weighted(EMAIL_DOMAINS)}`;
    if (taken.has(email)) continue;
    taken.add(email);
    const capitalise = (name: string) => name[0]!.toUpperCase() + name.slice(1);
    return { email, fullName: `${capitalise(first)} ${capitalise(last)}` };
  }
}

export function generateDemoDataset(options: GenerateDemoDatasetOptions): DemoDataset {
  const { learners, seed, unitsPerLevel, now } = options;
  if (learners < SPECIAL_LEARNERS.length + 1)
    throw new Error(`learners must be at least ${SPECIAL_LEARNERS.length + 1}`);
  if (unitsPerLevel < 2 || unitsPerLevel > 200) throw new Error("unitsPerLevel must be between 2 and 200");
  const rng = createPrng(seed);
  const context: JourneyContext = { levels: DEMO_LEVELS, unitsPerLevel, now };
  const dataset: DemoDataset = {
    users: [],
    progress: new Map(),
    milestones: new Map(),
    anomalies: [],
    currentLevels: {},
  };
  const taken = new Set([...SPECIAL_LEARNERS, ...DEMO_LOGINS].map((user) => user.email.trim().toLowerCase()));

  const append = <T>(target: Map<string, T[]>, source: Map<string, T[]>) => {
    for (const [level, rows] of source) {
      const existing = target.get(level);
      if (existing) existing.push(...rows);
      else target.set(level, [...rows]);
    }
  };
  const addJourney = (userId: string, plan: JourneyPlan, isLearnerAccount = true) => {
    const journey = buildJourney(rng, userId, plan, context);
    append(dataset.progress, journey.progress);
    append(dataset.milestones, journey.milestones);
    if (isLearnerAccount) {
      const key = plan.current < 0 ? "none" : DEMO_LEVELS[plan.current]!.level;
      dataset.currentLevels[key] = (dataset.currentLevels[key] ?? 0) + 1;
    }
    return journey;
  };
  const fixedPlan = (current: number, unitsDoneInCurrent: number): JourneyPlan => ({
    current,
    unitsDoneInCurrent,
    placedBelow: 0,
    levelsWithoutMilestone: new Set(),
    forceInProgressRow: true,
  });

  for (const login of DEMO_LOGINS) {
    const id = rng.uuid();
    const signedUpAt =
      login.role === "learner"
        ? addJourney(id, fixedPlan(2, Math.floor(unitsPerLevel / 2) - 1), false).signedUpAt
        : new Date(now.getTime() - 180 * DAY);
    dataset.users.push({
      id,
      email: login.email,
      fullName: login.fullName,
      createdAt: signedUpAt,
      deletedAt: null,
      bannedUntil: null,
      login,
    });
  }

  for (const special of SPECIAL_LEARNERS) {
    const id = rng.uuid();
    const journey = addJourney(id, fixedPlan(special.current, special.unitsDoneInCurrent));
    if (special.damage && special.level) {
      const completed = (journey.progress.get(special.level) ?? []).filter((row) => row.completed);
      const victim = completed[2] ?? completed[0];
      if (!victim) throw new Error(`Special learner ${special.email} has no completed ${special.level} unit to damage`);
      special.damage(victim);
    }
    dataset.users.push({
      id,
      email: special.email,
      fullName: special.fullName,
      createdAt: journey.signedUpAt,
      login: null,
      deletedAt: special.deleted ? new Date(now.getTime() - 2 * DAY) : null,
      bannedUntil: special.banned ? new Date(now.getTime() + 30 * DAY) : null,
    });
    dataset.anomalies.push({
      kind: special.kind,
      email: special.email,
      userId: id,
      level: special.level ?? null,
      detail: special.detail,
    });
  }

  for (let index = dataset.users.length - DEMO_LOGINS.length; index < learners; index++) {
    const id = rng.uuid();
    const { email, fullName } = makeEmail(rng, taken);
    const journey = addJourney(id, planJourney(rng, DEMO_LEVELS.length, unitsPerLevel, CURRENT_LEVEL_WEIGHTS));
    dataset.users.push({
      id,
      email,
      fullName,
      createdAt: journey.signedUpAt,
      deletedAt: null,
      bannedUntil: null,
      login: null,
    });
  }
  return dataset;
}
