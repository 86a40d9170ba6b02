/**
 * Where a dry run puts its plan instead of holding it: each batch body goes to
 * crm_sync.preview_batches as the exact JSON text a live run would POST (a few batches per
 * statement), and the property plan to crm_sync.preview_plans at the end. Memory stays flat at any
 * size; the preview pages through the stored rows (read-preview.ts).
 */
import type { Queryable } from "@/lib/db/queryable";
import type { DryRunDocument, PropertyPlanItem, SyncBatchBody, SyncIssue } from "../sync-types";

/** Batches per insert: few round trips, and at most ~1 MB of JSON held at once. */
const FLUSH_EVERY = 10;

export class PreviewPlanWriter {
  private pending: string[] = [];
  private written = 0;

  constructor(
    private readonly db: Queryable,
    private readonly runId: number,
  ) {}

  get batchCount(): number {
    return this.written + this.pending.length;
  }

  async add(body: SyncBatchBody): Promise<void> {
    this.pending.push(JSON.stringify(body));
    if (this.pending.length >= FLUSH_EVERY) await this.flush();
  }

  /**
   * Issues the run found outside the learner stream (removed learners to clear), after the
   * learners' own (those are recorded as each batch commits), in the order given.
   */
  async addIssues(issues: readonly SyncIssue[]): Promise<void> {
    if (issues.length === 0) return;
    await this.db.query(
      `insert into crm_sync.run_errors (run_id, user_id, email, kind, message)
       select $1, i.user_id, i.email, i.kind, i.message
       from unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) with ordinality as i(user_id, email, kind, message, n)
       order by i.n`,
      [
        this.runId,
        issues.map((issue) => issue.userId),
        issues.map((issue) => issue.email),
        issues.map((issue) => issue.kind),
        issues.map((issue) => issue.message),
      ],
    );
  }

  /** `summary`: the document's, which counts learners a change-capture run did not re-read as unchanged. */
  async finish(propertyPlan: readonly PropertyPlanItem[], summary: DryRunDocument["summary"]): Promise<void> {
    await this.flush();
    const { learners, toUpsert, unchanged, invalid } = summary;
    await this.db.query(
      `insert into crm_sync.preview_plans (run_id, property_plan, batch_count, summary) values ($1, $2, $3, $4)
       on conflict (run_id) do update
       set property_plan = excluded.property_plan, batch_count = excluded.batch_count, summary = excluded.summary`,
      [
        this.runId,
        JSON.stringify(propertyPlan),
        this.written,
        JSON.stringify({ learners, toUpsert, unchanged, invalid }),
      ],
    );
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const bodies = this.pending;
    this.pending = [];
    await this.db.query(
      `insert into crm_sync.preview_batches (run_id, seq, body)
       select $1, $2 + b.ordinality, b.body::json from unnest($3::text[]) with ordinality as b(body, ordinality)`,
      [this.runId, this.written, bodies],
    );
    this.written += bodies.length;
  }
}
