/**
 * Wraps a pg.Pool so every statement sent through it (pool.query and queries on clients it checks
 * out) is counted. Used by the benchmark and the tests to prove the per-batch statement bound.
 */
import type pg from "pg";

export interface StatementCounter {
  pool: pg.Pool;
  /** Statements sent since creation or the last reset (transaction control included). */
  count(): number;
  /** The SQL texts, when created with `keepTexts`. */
  texts(): string[];
  reset(): void;
}

function sqlText(args: unknown[]): string {
  const first = args[0];
  if (typeof first === "string") return first;
  if (first && typeof first === "object" && "text" in first && typeof first.text === "string") return first.text;
  return "";
}

export function countStatements(pool: pg.Pool, options: { keepTexts?: boolean } = {}): StatementCounter {
  let count = 0;
  let texts: string[] = [];
  const record = (args: unknown[]) => {
    count += 1;
    if (options.keepTexts) texts.push(sqlText(args));
  };
  const wrapClient = (client: pg.PoolClient): pg.PoolClient =>
    new Proxy(client, {
      get(target, property, receiver) {
        if (property === "query") {
          return (...args: unknown[]) => {
            record(args);
            return (target.query as (...a: unknown[]) => unknown)(...args);
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  const wrapped = new Proxy(pool, {
    get(target, property, receiver) {
      if (property === "query") {
        return (...args: unknown[]) => {
          record(args);
          return (target.query as (...a: unknown[]) => unknown)(...args);
        };
      }
      if (property === "connect") {
        return async () => wrapClient(await target.connect());
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return {
    pool: wrapped,
    count: () => count,
    texts: () => [...texts],
    reset: () => {
      count = 0;
      texts = [];
    },
  };
}
