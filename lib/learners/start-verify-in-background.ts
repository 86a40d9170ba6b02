/**
 * Starts the engine's verifyHubSpot and answers as soon as its run id is known (after the first
 * page of up to 100 contacts is checked, or at once when there is nothing to check), so the
 * dashboard can link to the verify run while the rest is read. Errors before that (no token,
 * HubSpot refusing) reject; later ones are recorded on the run by the engine and reported by `done`.
 */
import { verifyHubSpot, type VerifyOptions, type VerifyResult } from "@/lib/sync";

export type VerifyOutcome = { ok: true; result: VerifyResult } | { ok: false; runId: number; error: Error };

export interface BegunVerify {
  runId: number;
  done: Promise<VerifyOutcome>;
}

export async function startVerifyInBackground(options: Omit<VerifyOptions, "onProgress">): Promise<BegunVerify> {
  let announce: (runId: number) => void = () => undefined;
  const announced = new Promise<number>((resolve) => {
    announce = resolve;
  });
  const running = verifyHubSpot({ ...options, onProgress: (progress) => announce(progress.runId) });
  // Whichever comes first: the first page's progress, or the end of a verify with nothing (or little) to check.
  const runId = await Promise.race([announced, running.then((result) => result.runId)]);
  const done = running.then(
    (result): VerifyOutcome => ({ ok: true, result }),
    (error: unknown): VerifyOutcome => ({
      ok: false,
      runId,
      error: error instanceof Error ? error : new Error(String(error)),
    }),
  );
  return { runId, done };
}
