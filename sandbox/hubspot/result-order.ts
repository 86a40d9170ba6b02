/**
 * HubSpot does not promise that batch results come back in input order (clients must match them
 * by id, `objectWriteTraceId` or a unique property). The stand-in answers in input order unless
 * told otherwise, so a client can be tested against `reversed` (always differs for 2+ results)
 * or `shuffled` (seeded, repeatable after a reset).
 */
import { z } from "zod";

export const RESULT_ORDERS = ["input", "reversed", "shuffled"] as const;
export const resultOrderSchema = z.enum(RESULT_ORDERS);
export type ResultOrder = z.infer<typeof resultOrderSchema>;

export type OrderResults = <T>(items: T[]) => T[];

export const inputOrder: OrderResults = (items) => items;

/** A Fisher-Yates shuffle driven by `random` (the runtime's seeded generator). */
export function resultOrderer(order: ResultOrder, random: () => number): OrderResults {
  if (order === "input") return inputOrder;
  if (order === "reversed") return (items) => [...items].reverse();
  return (items) => {
    const shuffled = [...items];
    for (let index = shuffled.length - 1; index > 0; index -= 1) {
      const other = Math.floor(random() * (index + 1));
      [shuffled[index], shuffled[other]] = [
        shuffled[other] as (typeof shuffled)[number],
        shuffled[index] as (typeof shuffled)[number],
      ];
    }
    return shuffled;
  };
}
