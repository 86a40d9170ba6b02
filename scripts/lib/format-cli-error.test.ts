/** Issue #10, item 1: a CLI error line is the whole message, on one line, never its first line only. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatCliError } from "./format-cli-error";

describe("formatCliError", () => {
  it("keeps a multi-line message whole, on one line", () => {
    const error = new Error(
      'Sync failed: [\n  {\n    "path": ["progress_last_at"],\n    "message": "Invalid input"\n  }\n]. Run #3 keeps its cursor.',
    );
    expect(formatCliError(error)).toBe(
      'Sync failed: [ { "path": ["progress_last_at"], "message": "Invalid input" } ]. Run #3 keeps its cursor.',
    );
  });

  it("renders a zod error as its fields and reasons, not as a JSON dump", () => {
    const parsed = z.object({ results: z.array(z.string()) }).safeParse({ unexpected: true });
    expect(parsed.success).toBe(false);
    expect(formatCliError(parsed.error)).toBe("results: Invalid input: expected array, received undefined");
  });

  it("still names a bare system error by its code", () => {
    expect(formatCliError(Object.assign(new Error(""), { code: "ECONNREFUSED" }))).toBe("ECONNREFUSED");
  });
});
