/** Expected failures of a settings change; the message is safe to show to the person who asked. */
export type SettingsErrorCode = "invalid_input" | "unknown_level" | "incompatible_level" | "not_configured";

export class SettingsError extends Error {
  override readonly name = "SettingsError";
  constructor(
    readonly code: SettingsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** zod failures become one readable line, like the staff module does. */
export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  const issue = issues[0];
  if (!issue) return "invalid input";
  return `${issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ` : ""}${issue.message}`;
}
