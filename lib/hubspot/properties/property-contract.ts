/**
 * The HubSpot property contract (docs/ARCHITECTURE.md, "HubSpot property contract"): which contact properties this product owns,
 * their types and labels. The property planner, the payload builder and the stand-in tests
 * all derive names from here.
 */
import { levelLabel } from "@/lib/contracts/levels-order";

export const PROPERTY_GROUP = { name: "level_progress", label: "Level Progress", displayOrder: -1 } as const;

export const LEVEL_STATUSES = ["not_started", "in_progress", "completed"] as const;
export type LevelStatus = (typeof LEVEL_STATUSES)[number];

export const LEVEL_METRICS = ["units_completed", "accuracy", "status"] as const;
export type LevelMetric = (typeof LEVEL_METRICS)[number];

export const GLOBAL_PROPERTY = {
  totalStudyTime: "total_study_time",
  currentActiveLevel: "current_active_level",
  lastActivityDate: "last_activity_date_global",
  /** The learner's user id, on every contact we write: HubSpot enforces it unique, and batch results are matched to inputs by it. */
  learnerId: "learner_id",
} as const;

export type PropertyType = "number" | "enumeration" | "date" | "string" | "datetime" | "bool";

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
  /** Kept when HubSpot has one: an options PATCH replaces the whole list, descriptions included. */
  description?: string;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  description: string;
  type: PropertyType;
  fieldType: "number" | "select" | "date" | "text";
  groupName: typeof PROPERTY_GROUP.name;
  options?: PropertyOption[];
  /** HubSpot refuses a second contact with the same value (409); it cannot be changed after creation. */
  hasUniqueValue?: boolean;
}

export function levelPropertyName(level: string, metric: LevelMetric): string {
  return `level_${level}_${metric}`;
}

function statusLabel(status: LevelStatus): string {
  return { not_started: "Not started", in_progress: "In progress", completed: "Completed" }[status];
}

function optionsOf(values: readonly string[], label: (value: string) => string): PropertyOption[] {
  return values.map((value, index) => ({ label: label(value), value, displayOrder: index, hidden: false }));
}

/** Every property the given enabled levels need, in a stable order (levels in the order given). */
export function requiredPropertyDefinitions(levels: readonly string[]): PropertyDefinition[] {
  const group = PROPERTY_GROUP.name;
  const perLevel = levels.flatMap((level): PropertyDefinition[] => {
    const label = levelLabel(level);
    return [
      {
        name: levelPropertyName(level, "units_completed"),
        label: `Level ${label} units completed`,
        description: `Distinct units the learner completed in level ${label}.`,
        type: "number",
        fieldType: "number",
        groupName: group,
      },
      {
        name: levelPropertyName(level, "accuracy"),
        label: `Level ${label} accuracy`,
        description: `Mean accuracy (percent) over completed units of level ${label}.`,
        type: "number",
        fieldType: "number",
        groupName: group,
      },
      {
        name: levelPropertyName(level, "status"),
        label: `Level ${label} status`,
        description: `Progress status in level ${label}.`,
        type: "enumeration",
        fieldType: "select",
        groupName: group,
        options: optionsOf(LEVEL_STATUSES, (value) => statusLabel(value as LevelStatus)),
      },
    ];
  });
  return [
    ...perLevel,
    {
      name: GLOBAL_PROPERTY.totalStudyTime,
      label: "Total study time (minutes)",
      description: "Minutes studied over all enabled levels.",
      type: "number",
      fieldType: "number",
      groupName: group,
    },
    {
      name: GLOBAL_PROPERTY.currentActiveLevel,
      label: "Current active level",
      description: "The level with the learner's most recent activity.",
      type: "enumeration",
      fieldType: "select",
      groupName: group,
      options: optionsOf(levels, levelLabel),
    },
    {
      name: GLOBAL_PROPERTY.lastActivityDate,
      label: "Last activity date",
      description: "Date (UTC) of the learner's most recent activity in any enabled level.",
      type: "date",
      fieldType: "date",
      groupName: group,
    },
    {
      name: GLOBAL_PROPERTY.learnerId,
      label: "Learner ID",
      description: "The learner's user id in the learning app. Unique: one contact per learner.",
      type: "string",
      fieldType: "text",
      groupName: group,
      hasUniqueValue: true,
    },
  ];
}
