/**
 * Emails are HubSpot's contact key here: trimmed and lower-cased (HubSpot stores them that way),
 * and checked before sending, because an email HubSpot rejects costs a slot in a rate-limited batch.
 */

// One address, no spaces or specials in the local part, a dotted domain ending in a 2–63 letter TLD:
// the RFC 5322 subset HubSpot accepts in practice (no quoted local parts, no IP-literal domains).
const EMAIL_PATTERN = /^[^\s@"(),:;<>[\\\]]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Checks the email as stored, before normalising: a learner without one (NULL, empty or only
 * whitespace) cannot become a HubSpot contact at all. Returns what is missing, or null when there
 * is something to normalise and validate.
 */
export function missingEmail(email: string | null): string | null {
  if (email === null) return "no email address (NULL)";
  if (email.length === 0) return "an empty email address";
  if (email.trim().length === 0) return "an email address of only whitespace";
  return null;
}

/**
 * trim() strips what JavaScript calls white space and line terminators (tabs, line breaks,
 * no-break spaces, the Unicode space separators, BOM); the SQL twin, crm_sync.normalize_email in
 * supabase/migrations, strips the same set, and a test compares the two character by character.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Expects a normalised email. Returns why it is not sendable, or null when it is fine. */
export function emailProblem(email: string): string | null {
  if (email.length === 0) return "email is empty";
  if (email.length > 254) return "email is longer than 254 characters";
  if (!EMAIL_PATTERN.test(email)) return `"${email}" is not a valid email address`;
  const local = email.slice(0, email.lastIndexOf("@"));
  if (local.length > 64) return "the part before @ is longer than 64 characters";
  if (local.startsWith(".") || local.endsWith(".") || local.includes(".."))
    return `"${email}" has misplaced dots before the @`;
  return null;
}
