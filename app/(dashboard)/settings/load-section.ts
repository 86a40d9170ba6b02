import "server-only";
import { randomUUID } from "node:crypto";

export type SectionData<T> = { ok: true; data: T } | { ok: false; reference: string };

/**
 * One card's data. A failure is logged with a reference and shown in that card only, so an
 * unreachable HubSpot or a broken level table does not take the whole settings page down.
 */
export async function loadSection<T>(what: string, load: () => Promise<T>): Promise<SectionData<T>> {
  try {
    return { ok: true, data: await load() };
  } catch (error) {
    const reference = randomUUID().slice(0, 8);
    console.error(`[settings ${reference}] loading ${what} failed:`, error);
    return { ok: false, reference };
  }
}
