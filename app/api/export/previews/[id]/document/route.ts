import { jsonNoStore, withStaffRoute } from "@/lib/auth/staff-route";
import { getPool } from "@/lib/db/pool";
import { readPreviewSummary } from "@/lib/sync/preview/read-preview";
import { writeDryRunDocument } from "@/lib/sync/preview/write-dry-run-document";
import { parseRunId } from "../../../parse-run-id";

export const dynamic = "force-dynamic";

/**
 * A stored preview as the dry-run JSON document (the same as `sync --dry-run --json`), streamed
 * from the database a page at a time with backpressure: the plan of 100k learners never sits in
 * the server's memory, nor in the page's.
 */
export const GET = withStaffRoute(
  "viewer",
  async (_staff, _request: Request, context: { params: Promise<{ id: string }> }) => {
    const runId = parseRunId((await context.params).id);
    const preview = runId === null ? null : await readPreviewSummary(getPool(), runId);
    if (runId === null || !preview) return jsonNoStore(404, { error: "not_found" });
    if (!preview.isStored)
      return jsonNoStore(410, {
        error: "gone",
        message: `Preview #${runId} has no stored plan any more (only the newest previews are kept). Run the preview again.`,
      });
    const encoder = new TextEncoder();
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const writer = writable.getWriter();
    // Not awaited: the response streams while the pages are read. A failed read aborts the download
    // (the browser reports it) instead of ending with a file that looks complete but is not.
    void writeDryRunDocument(getPool(), runId, async (chunk) => {
      await writer.ready;
      await writer.write(encoder.encode(chunk));
    }).then(
      () => writer.close(),
      (error: unknown) => writer.abort(error),
    );
    return new Response(readable, {
      status: 200,
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="preview-${runId}-dry-run.json"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
);
