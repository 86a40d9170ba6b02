/** Polls a health URL until it answers as expected, the process behind it exits, or time runs out. */

export interface WaitForHttpOptions {
  timeoutMs: number;
  headers?: Record<string, string>;
  /** Settles when the server's process exits: waiting further is pointless. */
  giveUp?: Promise<unknown>;
  intervalMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitForHttp(url: string, options: WaitForHttpOptions): Promise<void> {
  let hasGivenUp = false;
  options.giveUp?.then(() => {
    hasGivenUp = true;
  });
  let last = "no answer yet";
  for (const deadline = Date.now() + options.timeoutMs; Date.now() < deadline; await sleep(options.intervalMs ?? 500)) {
    if (hasGivenUp) throw new Error(`exited before ${url} became healthy`);
    try {
      const response = await fetch(url, {
        headers: options.headers,
        signal: AbortSignal.timeout(10_000),
        cache: "no-store",
      });
      await response.body?.cancel();
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last =
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    }
  }
  throw new Error(`${url} was not healthy within ${Math.round(options.timeoutMs / 1000)}s (last: ${last})`);
}
