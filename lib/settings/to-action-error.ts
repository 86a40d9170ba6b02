import "server-only";
import { ActionError, type ActionErrorCode } from "@/lib/actions/staff-action";
import { isHubSpotError } from "@/lib/hubspot/errors";
import { StaffError, type StaffErrorCode } from "@/lib/staff";
import { describeCategory } from "./load-property-overview";
import { SettingsError, type SettingsErrorCode } from "./settings-error";

/**
 * The settings actions' adapter from the libraries' typed errors to the action result: expected
 * failures keep their (safe, readable) message; anything else is rethrown for the wrapper to log.
 */
const STAFF_CODES: Record<StaffErrorCode, ActionErrorCode> = {
  invalid_input: "invalid_input",
  user_not_found: "not_found",
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

export function toActionError(error: unknown): unknown {
  if (error instanceof StaffError) return new ActionError(STAFF_CODES[error.code], error.message);
  if (error instanceof SettingsError) return new ActionError(SETTINGS_CODES[error.code], error.message);
  if (isHubSpotError(error)) {
    console.error("[settings] HubSpot call failed:", error.message);
    return new ActionError("failed", describeCategory(error.category));
  }
  return error;
}
