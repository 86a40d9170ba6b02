/**
 * A stable fingerprint of what we send for a contact: sha256 over canonical JSON (object keys
 * sorted at every depth), so property order never changes the hash, only values do.
 */
import { createHash } from "node:crypto";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key]!)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function hashPayload(payload: { idProperty: string; id: string; properties: Record<string, string> }): string {
  return createHash("sha256").update(canonicalJson(payload)).digest("hex");
}
