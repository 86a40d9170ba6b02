/** One-line error messages and safe URLs for the CLI scripts (migrate, staff, demo). */
import { ZodError } from "zod";

/** "connect ECONNREFUSED 127.0.0.1:5432", also for Node's AggregateError (IPv4 + IPv6 attempts) with an empty message. */
export function formatCliError(error: unknown): string {
  if (error instanceof AggregateError && !error.message) {
    const inner = [...new Set(error.errors.map((item: unknown) => formatCliError(item)))];
    return inner.join("; ") || "unknown error";
  }
  if (error instanceof ZodError)
    return error.issues.map((issue) => `${issue.path.join(".") || "value"}: ${issue.message}`).join("; ");
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const text = error.message || (typeof code === "string" ? code : error.name);
    // Whole, on one line: cutting at the first line turned "Sync failed: [\n {…" into "Sync failed: [".
    return text.replace(/\s*\n\s*/g, " ").trim();
  }
  return String(error);
}

/** postgres://user:***@host/db: passwords never reach the terminal or a CI log. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
