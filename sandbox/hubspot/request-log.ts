/** What the stand-in answered, for tests and the benchmark to assert on. Control requests are not logged. */
import type { FaultKind } from "./faults";

export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  /** HTTP status sent; 0 when the connection was dropped without an answer (timeout fault, client gone). */
  status: number;
  token: string | null;
  /** Length of the body's `inputs` array, when it had one. */
  inputs: number | null;
  durationMs: number;
  fault: FaultKind | null;
  correlationId: string;
}

export const MAX_LOG_ENTRIES = 50_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  constructor(private readonly capacity = MAX_LOG_ENTRIES) {}

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    // Trim in chunks so a long benchmark does not pay for an array shift per request.
    if (this.entries.length > this.capacity + 1000) this.entries = this.entries.slice(-this.capacity);
  }

  list(): RequestLogEntry[] {
    return this.entries.slice(-this.capacity);
  }

  clear(): void {
    this.entries = [];
  }
}
