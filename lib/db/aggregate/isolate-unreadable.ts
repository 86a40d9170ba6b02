/**
 * Runs the aggregation of a key-ordered chunk of learners; when Postgres refuses it for bad data
 * (SQLSTATE class 22: an overflow, a value that cannot be cast…), splits the chunk in halves until
 * the learner(s) causing it are alone, so one learner's rows never stop the others. Healthy chunks
 * cost one statement as before; k bad learners among n cost about 2·k·log2(n) more.
 */
import type pg from "pg";

export interface IsolatedAnswer {
  rows: unknown[];
  /** user id → why their rows could not be aggregated. */
  unreadable: Map<string, string>;
}

function isDataException(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === "string" && code.startsWith("22");
}

export async function queryIsolatingUnreadable(
  userIds: readonly string[],
  run: (userIds: readonly string[]) => Promise<pg.QueryResult>,
): Promise<IsolatedAnswer> {
  const answer: IsolatedAnswer = { rows: [], unreadable: new Map() };
  await collect(userIds, run, answer);
  return answer;
}

async function collect(
  userIds: readonly string[],
  run: (userIds: readonly string[]) => Promise<pg.QueryResult>,
  answer: IsolatedAnswer,
): Promise<void> {
  if (userIds.length === 0) return;
  try {
    const result = await run(userIds);
    answer.rows.push(...result.rows);
  } catch (error) {
    if (!isDataException(error)) throw error;
    const [only] = userIds;
    if (userIds.length === 1 && only !== undefined) {
      answer.unreadable.set(only, `Postgres could not aggregate this learner's rows (${error.code}: ${error.message})`);
      return;
    }
    // Halves of a key-ordered chunk stay key-ordered, as the statement's key range expects.
    const middle = Math.ceil(userIds.length / 2);
    await collect(userIds.slice(0, middle), run, answer);
    await collect(userIds.slice(middle), run, answer);
  }
}
