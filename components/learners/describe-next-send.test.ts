import { describe, expect, it } from "vitest";
import { describeNextSend } from "./describe-next-send";

describe("describeNextSend", () => {
  it("says how and why a learner is sent", () => {
    expect(
      describeNextSend({ kind: "send", operation: "update", contactId: "501", isResendRequested: true }, true),
    ).toEqual({
      tone: "info",
      title: "The next sync sends this learner",
      details: [
        "A resend was requested.",
        "Sent by contact id 501 (batch/update), so the contact keeps its id, history and owner.",
      ],
    });
    expect(
      describeNextSend({ kind: "send", operation: "upsert", contactId: null, isResendRequested: false }, false).details,
    ).toEqual(["HubSpot has not confirmed this learner yet.", "Sent by email (batch/upsert)."]);
  });

  it("passes the engine's own reasons through for a learner it cannot send", () => {
    const text = describeNextSend(
      {
        kind: "not_sendable",
        issues: [{ kind: "invalid_email", level: null, message: "Not sent: bad.", payload: null }],
      },
      false,
    );
    expect(text).toMatchObject({ tone: "warning", details: ["Not sent: bad."] });
  });

  it("says a staff account without progress is not synced, and what happens to a contact synced before", () => {
    const keep = describeNextSend({ kind: "staff_without_progress", policy: "keep" }, true);
    expect(keep).toMatchObject({ tone: "warning", title: "Staff account, not synced (no progress)" });
    expect(keep.details.join(" ")).toContain("removed_learners = keep");
    expect(describeNextSend({ kind: "staff_without_progress", policy: "clear" }, true).details.join(" ")).toContain(
      'sets every synced property to "" once',
    );
    expect(
      describeNextSend({ kind: "staff_without_progress", policy: "clear" }, false).details.join(" "),
    ).not.toContain("synced before");
  });

  it("explains both removed-learner settings", () => {
    expect(describeNextSend({ kind: "removed", policy: "keep" }, true).details[0]).toContain("removed_learners = keep");
    expect(describeNextSend({ kind: "removed", policy: "clear" }, true).details[0]).toContain(
      'sets every synced property to "" once',
    );
    expect(describeNextSend({ kind: "removed", policy: "clear" }, false).details[0]).toContain("only forgets");
  });
});
