/**
 * A CSV download streamed row by row: the rows come from an async iterable (a database read page by
 * page), so a large export never sits in memory whole. No caching: the data is per staff member.
 */
import { CSV_BOM, encodeCsvRow, type CsvValue } from "./encode-csv";

/** `levels-kpis-2026-03-09.csv`: the date (UTC) says which day's data the file holds. */
export function csvFileName(base: string, now: Date = new Date()): string {
  return `${base}-${now.toISOString().slice(0, 10)}.csv`;
}

export function csvResponse(
  fileName: string,
  header: readonly string[],
  rows: AsyncIterable<readonly CsvValue[]>,
): Response {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + encodeCsvRow(header)));
    },
    async pull(controller) {
      // A failed read aborts the download (the browser reports it) instead of ending with a file
      // that looks complete but is not.
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(encodeCsvRow(next.value)));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
