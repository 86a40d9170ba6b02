/**
 * The action wrapper below the browser: the session is replaced, everything else is real.
 * Oversized and invalid inputs (including invalid settings values) are refused before any handler
 * runs, roles are checked inside, and unexpected errors never reach the caller as a stack trace.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { StaffSession } from "@/lib/auth/get-staff-session";
import { updateLevelInputSchema, updateSyncSettingsInputSchema } from "@/lib/settings/settings-schemas";

const fake = vi.hoisted(() => ({ session: { kind: "anonymous" } as StaffSession }));
vi.mock("@/lib/auth/get-staff-session", () => ({ getStaffSession: async () => fake.session }));

const { ActionError, MAX_ACTION_INPUT_BYTES, staffAction } = await import("./staff-action");

const user = { id: "00000000-0000-0000-0000-00000000000a", email: "someone@demo.test" };
const asRole = (role: "viewer" | "operator" | "admin"): StaffSession => ({ kind: "staff", user, role });

describe("staffAction", () => {
  const handler = vi.fn(async (input: unknown) => ({ received: input }));
  const updateSettings = staffAction("admin", updateSyncSettingsInputSchema, handler);
  const updateLevel = staffAction("admin", updateLevelInputSchema, handler);

  beforeEach(() => {
    handler.mockClear();
    fake.session = asRole("admin");
  });

  it("refuses anonymous callers, non-staff and too-low roles without running the handler", async () => {
    const cases: [StaffSession, string][] = [
      [{ kind: "anonymous" }, "unauthenticated"],
      [{ kind: "not_staff", user }, "forbidden"],
      [asRole("viewer"), "forbidden"],
      [asRole("operator"), "forbidden"],
    ];
    for (const [session, code] of cases) {
      fake.session = session;
      const result = await updateSettings({ autoEnableNewLevels: false });
      expect(result).toMatchObject({ ok: false, error: { code } });
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses an oversized input before parsing it", async () => {
    const result = await updateSettings({ completionMilestoneKey: "x".repeat(MAX_ACTION_INPUT_BYTES + 1) });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "invalid_input", message: expect.stringContaining("too large") },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ["a milestone key with spaces", { completionMilestoneKey: "level completed" }, "may only contain"],
    ["an empty milestone key", { completionMilestoneKey: "   " }, "is required"],
    ["a milestone key over 100 characters", { completionMilestoneKey: "k".repeat(101) }, "at most 100"],
    ["auto-enable as a string", { autoEnableNewLevels: "yes" }, "autoEnableNewLevels"],
    ["an unknown field", { autoEnableNewLevels: true, dropTables: true }, "dropTables"],
    ["nothing to change", {}, "nothing to change"],
  ])("refuses invalid settings: %s", async (_name, input, message) => {
    const result = await updateSettings(input);
    expect(result).toMatchObject({
      ok: false,
      error: { code: "invalid_input", message: expect.stringContaining(message) },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ["a unit total of 0", { level: "a1", unitTotal: 0 }, "at least 1"],
    ["a fractional unit total", { level: "a1", unitTotal: 2.5 }, "whole number"],
    ["a unit total over 100000", { level: "a1", unitTotal: 100_001 }, "at most 100000"],
    ["a level name crafted as SQL", { level: "a1; drop table x", enabled: false }, "level keys look like a1 or pre_a1"],
    ["a level name with capitals", { level: "A1", enabled: false }, "level keys look like a1 or pre_a1"],
  ])("refuses invalid level settings: %s", async (_name, input, message) => {
    const result = await updateLevel(input);
    expect(result).toMatchObject({
      ok: false,
      error: { code: "invalid_input", message: expect.stringContaining(message) },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("passes parsed input to the handler for an allowed role", async () => {
    expect(await updateLevel({ level: "pre_a1", unitTotal: null })).toEqual({
      ok: true,
      data: { received: { level: "pre_a1", unitTotal: null } },
    });
  });

  it("shows an expected failure's message, and hides an unexpected one behind a reference", async () => {
    const expected = staffAction("viewer", updateSyncSettingsInputSchema, async () => {
      throw new ActionError("conflict", "Already running.");
    });
    expect(await expected({ autoEnableNewLevels: true })).toEqual({
      ok: false,
      error: { code: "conflict", message: "Already running." },
    });

    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const unexpected = staffAction("viewer", updateSyncSettingsInputSchema, async () => {
      throw new Error("connect ECONNREFUSED postgres://postgres:secret@db:5432");
    });
    const result = await unexpected({ autoEnableNewLevels: true });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "failed", message: expect.stringMatching(/reference [0-9a-f]{8}/) },
    });
    expect(JSON.stringify(result)).not.toContain("secret");
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});

describe("staffAction error mapping", () => {
  const throwing = (error: unknown, options?: Parameters<typeof staffAction>[3]) =>
    staffAction(
      "viewer",
      updateSyncSettingsInputSchema,
      async () => {
        throw error;
      },
      options,
    );

  beforeEach(() => {
    fake.session = asRole("admin");
  });

  it("turns the libraries' typed errors into expected failures with their message", async () => {
    const { StaffError } = await import("@/lib/staff/staff-error");
    const { SettingsError } = await import("@/lib/settings/settings-error");
    const { SyncConfigurationError } = await import("@/lib/sync/sync-errors");
    const { HubSpotError } = await import("@/lib/hubspot/errors");
    const input = { autoEnableNewLevels: true };
    expect(await throwing(new StaffError("last_admin", "Cannot remove the last admin."))(input)).toEqual({
      ok: false,
      error: { code: "conflict", message: "Cannot remove the last admin." },
    });
    expect(await throwing(new SettingsError("unknown_level", "Unknown level zz."))(input)).toEqual({
      ok: false,
      error: { code: "not_found", message: "Unknown level zz." },
    });
    expect(await throwing(new SyncConfigurationError("A live sync needs HubSpot."))(input)).toEqual({
      ok: false,
      error: { code: "conflict", message: "A live sync needs HubSpot." },
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const hubspot = await throwing(
      new HubSpotError({ message: "401 from /crm/v3 with token pat-secret", status: 401, category: "unauthorized" }),
    )(input);
    expect(hubspot).toEqual({
      ok: false,
      error: { code: "failed", message: "HubSpot rejected the access token (invalid, expired or revoked)." },
    });
    logged.mockRestore();
  });

  it("uses an action's own mapping instead, and still hides what it does not map", async () => {
    const mapError = (error: unknown) =>
      error instanceof RangeError ? new ActionError("invalid_input", "Out of range.") : null;
    expect(await throwing(new RangeError("x"), { mapError })({ autoEnableNewLevels: true })).toEqual({
      ok: false,
      error: { code: "invalid_input", message: "Out of range." },
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await throwing(new TypeError("internal detail"), { mapError })({ autoEnableNewLevels: true })).toMatchObject(
      {
        ok: false,
        error: { code: "failed", message: expect.stringMatching(/reference [0-9a-f]{8}/) },
      },
    );
    logged.mockRestore();
  });
});
