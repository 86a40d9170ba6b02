import { describe, expect, it } from "vitest";
import { compareContact, isSameValue } from "./compare-contact";

const contact = {
  userId: "u-1",
  email: "ann@example.com",
  hubspotId: "7",
  payload: {
    level_a1_accuracy: "87.5",
    level_a1_accuracy_cleared: "",
    last_activity_date_global: "2026-03-02",
    level_a1_status: "in_progress",
  },
};

describe("compareContact", () => {
  it("treats HubSpot's spellings of the same value as equal", () => {
    expect(isSameValue("level_a1_accuracy", "87.50", "87.5")).toBe(true);
    expect(isSameValue("x", null, "")).toBe(true);
    expect(isSameValue("last_activity_date_global", "1772409600000", "2026-03-02")).toBe(true);
    expect(isSameValue("last_activity_date_global", "2026-03-02T00:00:00.000Z", "2026-03-02")).toBe(true);
    expect(isSameValue("email", "Ann@Example.com", "ann@example.com")).toBe(true);
    expect(isSameValue("level_a1_accuracy", "87", "87.5")).toBe(false);
    expect(isSameValue("last_activity_date_global", "2026-03-03", "2026-03-02")).toBe(false);
    expect(isSameValue("level_a1_status", "", "in_progress")).toBe(false);
  });

  it("lists each differing property (email included) against the record HubSpot returned, or the contact as gone", () => {
    const record = {
      id: "9",
      properties: {
        email: "other@example.com",
        level_a1_accuracy: "87.5",
        level_a1_accuracy_cleared: null,
        last_activity_date_global: "2026-03-02",
        level_a1_status: "completed",
      },
    };
    expect(compareContact(contact, record)).toEqual([
      {
        userId: "u-1",
        email: "ann@example.com",
        contactId: "9",
        property: "email",
        hubspot: "other@example.com",
        expected: "ann@example.com",
      },
      {
        userId: "u-1",
        email: "ann@example.com",
        contactId: "9",
        property: "level_a1_status",
        hubspot: "completed",
        expected: "in_progress",
      },
    ]);
    expect(compareContact(contact, undefined)).toEqual([
      {
        userId: "u-1",
        email: "ann@example.com",
        contactId: "7",
        property: "hs_object_id",
        hubspot: null,
        expected: "7",
      },
    ]);
  });
});
