/**
 * What an admin may change on the settings page, as zod schemas shared by the server actions
 * (input parsing) and lib/settings (parsed again: the library is also called from tests and tools).
 */
import { z } from "zod";
import { levelNameSchema } from "@/lib/contracts/names";
import { REMOVED_LEARNERS_POLICIES } from "@/lib/db/learners/read-removed-learners";

/** Integer 1–100 000, or null for "no unit total" (completion then only comes from the milestone). */
export const unitTotalSchema = z
  .number({ error: "must be a whole number" })
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(100_000, "must be at most 100000")
  .nullable();

export const milestoneKeySchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(100, "must be at most 100 characters")
  .regex(/^[A-Za-z0-9_.-]+$/, "may only contain letters, digits, _ . and -");

export const updateLevelInputSchema = z
  .strictObject({
    /** Whether the level exists is checked against discovery, not here. */
    level: levelNameSchema,
    enabled: z.boolean().optional(),
    unitTotal: unitTotalSchema.optional(),
  })
  .refine((input) => input.enabled !== undefined || input.unitTotal !== undefined, "nothing to change");

export type UpdateLevelInput = z.infer<typeof updateLevelInputSchema>;

export const updateSyncSettingsInputSchema = z
  .strictObject({
    autoEnableNewLevels: z.boolean().optional(),
    completionMilestoneKey: milestoneKeySchema.optional(),
    /** What happens to learners who leave crm_sync.learners: their HubSpot contact is kept as is, or cleared once. */
    removedLearners: z.enum(REMOVED_LEARNERS_POLICIES).optional(),
  })
  .refine(
    (input) =>
      input.autoEnableNewLevels !== undefined ||
      input.completionMilestoneKey !== undefined ||
      input.removedLearners !== undefined,
    "nothing to change",
  );

export type UpdateSyncSettingsInput = z.infer<typeof updateSyncSettingsInputSchema>;

/** Who made a change, as the audit log records it. */
export interface SettingsActor {
  id?: string | null;
  label: string;
}
