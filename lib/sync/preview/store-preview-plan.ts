/**
 * Where a dry run puts its plan instead of holding it: each batch body goes to
 * crm_sync.preview_batches as the exact JSON text a live run would POST (a few batches per
 * statement), and the property plan to crm_sync.preview_plans at the end. Memory stays flat at any
 * size; the preview pages through the stored rows (read-preview.ts).
 */
import type { Queryable } from "@/lib/db/queryable";
import type { PropertyPlanItem, SyncBatchBody } from "../sync-types";

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

  async finish(propertyPlan: readonly PropertyPlanItem[]): Promise<void> {
    await this.flush();
    await this.db.query(
      `insert into crm_sync.preview_plans (run_id, property_plan, batch_count) values ($1, $2, $3)
       on conflict (run_id) do update set property_plan = excluded.property_plan, batch_count = excluded.batch_count`,
      [this.runId, JSON.stringify(propertyPlan), this.written],
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
