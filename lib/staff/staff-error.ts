/** Every failure of a staff change carries a code, so the CLI and the settings page can react without parsing text. */
export type StaffErrorCode =
  "invalid_input" | "user_not_found" | "email_not_confirmed" | "ambiguous_email" | "not_staff" | "last_admin";

export class StaffError extends Error {
  override readonly name = "StaffError";

  constructor(
    readonly code: StaffErrorCode,
    message: string,
  ) {
    super(message);
  }
}
