/**
 * One email normalisation: crm_sync.normalize_email (SQL) and normalizeEmail (TypeScript) agree on
 * every whitespace character JavaScript's trim() strips, and on characters it keeps, so the
 * duplicate pre-pass groups exactly the learners that would become one HubSpot contact.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeEmail } from "@/lib/sync/plan/normalize-email";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { addLearners } from "@/test/support/sync/source-fixtures";
import { findEmailDuplicates } from "./find-email-duplicates";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

/** Every code point of the Basic Multilingual Plane that JavaScript counts as white space or a line terminator. */
const JS_TRIMMED = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code)).filter(
  (char) => char.trim() === "" && char !== "",
);
/** Look-alikes trim() keeps: zero-width space, word joiner, Mongolian vowel separator, control characters. */
const KEPT = ["\u200b", "\u2060", "\u180e", "\u0001", "\u0085", "x"];

async function sqlNormalize(values: string[]): Promise<string[]> {
  const { rows } = await db.pool.query(
    "select crm_sync.normalize_email(v) as n from unnest($1::text[]) with ordinality as t(v, i) order by i",
    [values],
  );
  return rows.map((row: { n: string }) => row.n);
}

describe("email normalisation in SQL and TypeScript", () => {
  it("strips exactly the characters trim() strips, on both ends, and lower-cases", async () => {
    expect(JS_TRIMMED).toHaveLength(25);
    const samples = [
      ...JS_TRIMMED.map((char) => `${char}Bob@X.com${char}`),
      ...KEPT.map((char) => `${char}Bob@X.com${char}`),
      "  Ann.Lee@Example.COM \t\n",
      "ÄNNE@EXAMPLE.COM",
      "inner space@x.com",
      "   ",
    ];
    expect(await sqlNormalize(samples)).toEqual(samples.map(normalizeEmail));
    expect(normalizeEmail("\u00a0Bob@X.com\n")).toBe("bob@x.com");
  });

  it("puts `Bob@x.com\\n`, `bob@x.com\\t` and `bob@x.com` in one duplicate group", async () => {
    const ids = await addLearners(db.pool, [
      { email: "Bob@x.com\n" },
      { email: "bob@x.com\t" },
      { email: "bob@x.com" },
      { email: "other@x.com" },
    ]);
    const groups = await findEmailDuplicates(db.pool, []);
    expect([...groups.keys()]).toEqual(["bob@x.com"]);
    expect(groups.get("bob@x.com")).toEqual(ids.slice(0, 3).sort());
  });
});
