/**
 * "One email, one learner" across a whole run, in flat memory. classifyLearner refuses a learner
 * whose email an earlier learner of this run was already queued under (`claimedEmails`): that
 * catches duplicates the pre-pass could not see (resolve-email-duplicates.ts; an email changed
 * while the run streams). A run-wide map of every email written grew with the learners (a dry run
 * of 1M learners peaked at 700 MB with it, 210 MB without); here the claims live in
 * crm_sync.run_email_claims and each batch gets a map of only the claims on its own emails. Same
 * answers, learner for learner, as the run-wide map.
 *
 * One statement per batch at most, and none until something is claimed (a run where nothing
 * changed makes none at all): it stores the previous batch's claims and reads this batch's. The
 * read does not see the rows its own statement inserts, so the previous batch's claims are also
 * kept in memory until then (one batch at most).
 */
import { z } from "zod";
import type { LearnerRow } from "@/lib/db/learners/read-learner-page";
import type { Queryable } from "@/lib/db/queryable";
import { missingEmail, normalizeEmail } from "./normalize-email";

const claimRowSchema = z.object({ email: z.string(), user_id: z.string() });

export class RunEmailClaims {
  /** The map the current batch was classified with; classifyLearner adds the batch's own claims to it. */
  private current = new Map<string, string>();
  /** Emails of `current` that were claimed before the batch (already stored, or in `unsaved`). */
  private known = new Set<string>();
  private isAnyStored = false;

  constructor(
    private readonly db: Queryable,
    private readonly runId: number,
  ) {}

  /**
   * The `claimedEmails` to classify the next batch with (in stream order): email → the learner
   * who claimed it earlier in this run, for the batch's emails only.
   */
  async forBatch(learners: readonly LearnerRow[]): Promise<Map<string, string>> {
    const unsaved = [...this.current].filter(([email]) => !this.known.has(email));
    const emails = new Set<string>();
    for (const learner of learners) {
      if (missingEmail(learner.email) === null) emails.add(normalizeEmail(learner.email ?? ""));
    }
    const claims = new Map<string, string>();
    if (unsaved.length > 0 || this.isAnyStored) {
      // With the first claims stored, the rows of runs that ended without cleaning up (a crash) go.
      const { rows } = await this.db.query(
        `with gone as (
           delete from crm_sync.run_email_claims c
           where $5::boolean and not exists (select 1 from crm_sync.runs r where r.id = c.run_id and r.status = 'running')
         ), saved as (
           insert into crm_sync.run_email_claims (run_id, email, user_id)
           select $1, c.email, c.user_id from unnest($2::text[], $3::uuid[]) as c(email, user_id)
           on conflict do nothing
         )
         select c.email, c.user_id::text as user_id from crm_sync.run_email_claims c
         where c.run_id = $1 and c.email = any($4::text[])`,
        [
          this.runId,
          unsaved.map(([email]) => email),
          unsaved.map(([, userId]) => userId),
          [...emails],
          !this.isAnyStored,
        ],
      );
      this.isAnyStored ||= unsaved.length > 0;
      for (const raw of rows) {
        const row = claimRowSchema.parse(raw);
        claims.set(row.email, row.user_id);
      }
    }
    // Not visible to the statement that stored them; an email is claimed once, so nothing is overwritten.
    for (const [email, userId] of unsaved) if (emails.has(email)) claims.set(email, userId);
    this.current = claims;
    this.known = new Set(claims.keys());
    return claims;
  }

  /** Forgets the run's claims when its stream ends (a run that fails is cleaned up by the next one that claims). */
  async release(): Promise<void> {
    if (this.isAnyStored) await this.db.query("delete from crm_sync.run_email_claims where run_id = $1", [this.runId]);
    this.current = new Map();
    this.known = new Set();
    this.isAnyStored = false;
  }
}
