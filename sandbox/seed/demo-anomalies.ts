/**
 * Deliberately bad or awkward rows in the demo data, so the dashboard, the dry run and the
 * tests show how the sync treats them. Each one is returned in SeedReport.anomalies:
 *
 * - invalid emails: `not-an-email`, `bob@`, `a b@example.com` (all with progress) → never sent, reported
 * - case duplicates: `maria.lopez@example.com` and `Maria.Lopez@Example.com` (auth.users' unique
 *   index is case-sensitive, so both exist) → one HubSpot contact after lower-casing
 * - untrimmed email: `  tom.baker@example.org ` → valid once trimmed
 * - accuracy out of range: 140 (a1, liam.oconnor@example.net) and -5 (a2, sofia.rossi@example.org)
 *   on completed units → excluded from the mean, reported as data warnings
 * - negative time_spent_seconds: -120 (b1, kenji.tanaka@example.com) → excluded from study time
 * - a learner with no progress at all: noah.fischer@example.com → not active
 * - a deleted and a banned user with progress → not in crm_sync.learners, never synced
 */
import type { ProgressRow } from "./build-learner-journey";

export type SeedAnomalyKind =
  | "invalid_email"
  | "case_duplicate_email"
  | "untrimmed_email"
  | "accuracy_out_of_range"
  | "negative_time_spent"
  | "no_progress"
  | "deleted_user"
  | "banned_user";

export interface SeedAnomaly {
  kind: SeedAnomalyKind;
  email: string;
  userId: string;
  level: string | null;
  detail: string;
}

export interface SpecialLearner {
  email: string;
  fullName: string;
  /** Index into DEMO_LEVELS (-1 = no progress) and units done there. */
  current: number;
  unitsDoneInCurrent: number;
  kind: SeedAnomalyKind;
  detail: string;
  level?: string;
  /** Damages one completed row of `level` (the third, so the learner has valid rows too). */
  damage?: (row: ProgressRow) => void;
  deleted?: boolean;
  banned?: boolean;
}

export const SPECIAL_LEARNERS: readonly SpecialLearner[] = [
  {
    email: "not-an-email",
    fullName: "Peter Novak",
    current: 0,
    unitsDoneInCurrent: 6,
    kind: "invalid_email",
    detail: "no @ at all",
  },
  {
    email: "bob@",
    fullName: "Bob Smith",
    current: 0,
    unitsDoneInCurrent: 4,
    kind: "invalid_email",
    detail: "no domain",
  },
  {
    email: "a b@example.com",
    fullName: "Ab Bakker",
    current: 1,
    unitsDoneInCurrent: 3,
    kind: "invalid_email",
    detail: "space in the local part",
  },
  {
    email: "maria.lopez@example.com",
    fullName: "Maria Lopez",
    current: 1,
    unitsDoneInCurrent: 8,
    kind: "case_duplicate_email",
    detail: "same as Maria.Lopez@Example.com ignoring case",
  },
  {
    email: "Maria.Lopez@Example.com",
    fullName: "Maria Lopez",
    current: 0,
    unitsDoneInCurrent: 5,
    kind: "case_duplicate_email",
    detail: "same as maria.lopez@example.com ignoring case",
  },
  {
    email: "  tom.baker@example.org ",
    fullName: "Tom Baker",
    current: 0,
    unitsDoneInCurrent: 7,
    kind: "untrimmed_email",
    detail: "surrounding spaces; valid once trimmed",
  },
  {
    email: "liam.oconnor@example.net",
    fullName: "Liam OConnor",
    current: 0,
    unitsDoneInCurrent: 9,
    kind: "accuracy_out_of_range",
    detail: "accuracy 140 on a completed unit",
    level: "a1",
    damage: (row) => {
      row.accuracy = 140;
    },
  },
  {
    email: "sofia.rossi@example.org",
    fullName: "Sofia Rossi",
    current: 1,
    unitsDoneInCurrent: 6,
    kind: "accuracy_out_of_range",
    detail: "accuracy -5 on a completed unit",
    level: "a2",
    damage: (row) => {
      row.accuracy = -5;
    },
  },
  {
    email: "kenji.tanaka@example.com",
    fullName: "Kenji Tanaka",
    current: 2,
    unitsDoneInCurrent: 5,
    kind: "negative_time_spent",
    detail: "time_spent_seconds -120 on a completed unit",
    level: "b1",
    damage: (row) => {
      row.timeSpentSeconds = -120;
    },
  },
  {
    email: "noah.fischer@example.com",
    fullName: "Noah Fischer",
    current: -1,
    unitsDoneInCurrent: 0,
    kind: "no_progress",
    detail: "signed up, never started",
  },
  {
    email: "deleted.learner@example.com",
    fullName: "Dana Deleted",
    current: 1,
    unitsDoneInCurrent: 4,
    kind: "deleted_user",
    detail: "deleted_at set but has progress",
    deleted: true,
  },
  {
    email: "banned.learner@example.com",
    fullName: "Ben Banned",
    current: 0,
    unitsDoneInCurrent: 10,
    kind: "banned_user",
    detail: "banned_until in the future but has progress",
    banned: true,
  },
];
