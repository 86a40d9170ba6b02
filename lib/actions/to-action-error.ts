import "server-only";
import { describeHubSpotError } from "@/lib/health/describe-error";
import { isHubSpotError } from "@/lib/hubspot/errors";
import { SettingsError, type SettingsErrorCode } from "@/lib/settings/settings-error";
import { StaffError, type StaffErrorCode } from "@/lib/staff/staff-error";
import { SyncAlreadyRunningError, SyncConfigurationError, SyncQuotaWaitError } from "@/lib/sync/sync-errors";
import { ActionError, type ActionErrorCode } from "./action-error";

/**
 * The one place where the libraries' typed errors become action results. Expected failures keep
 * their (safe, readable) message; null means "unexpected": staffAction logs it with a reference
 * and the browser sees only that reference.
 */
const STAFF_CODES: Record<StaffErrorCode, ActionErrorCode> = {
  invalid_input: "invalid_input",
  user_not_found: "not_found",
  email_not_confirmed: "conflict",
  not_staff: "not_found",
  ambiguous_email: "conflict",
  last_admin: "conflict",
};

const SETTINGS_CODES: Record<SettingsErrorCode, ActionErrorCode> = {
  invalid_input: "invalid_input",
  unknown_level: "not_found",
  incompatible_level: "conflict",
  not_configured: "conflict",
};

export type ErrorMapper = (error: unknown) => ActionError | null;

export const toActionError: ErrorMapper = (error) => {
  if (error instanceof ActionError) return error;
  if (error instanceof StaffError) return new ActionError(STAFF_CODES[error.code], error.message);
  if (error instanceof SettingsError) return new ActionError(SETTINGS_CODES[error.code], error.message);
  if (error instanceof SyncAlreadyRunningError) return new ActionError("conflict", error.message);
  // The latest run paused for HubSpot's daily quota: it says when it continues.
  if (error instanceof SyncQuotaWaitError) return new ActionError("conflict", error.message);
  // An unknown level asked for, or a live run without a HubSpot token: the request cannot be served as configured.
  if (error instanceof SyncConfigurationError) return new ActionError("conflict", error.message);
  if (isHubSpotError(error)) {
    console.error("[action] HubSpot call failed:", error.message);
    return new ActionError("failed", describeHubSpotError(error.category));
  }
  return null;
};
