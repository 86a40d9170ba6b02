/**
 * What the property plan says must happen to each HubSpot property (the dry-run JSON's
 * `propertyPlan[*].action`), and the one wording the settings page and the preview both show.
 * See docs/ARCHITECTURE.md, "HubSpot property contract".
 */
export const PROPERTY_ACTIONS = ["create", "exists", "update_options", "drift", "unverified"] as const;
export type PropertyAction = (typeof PROPERTY_ACTIONS)[number];

export const PROPERTY_ACTION_LABELS: Record<PropertyAction, { label: string; hint: string }> = {
  create: {
    label: "Create",
    hint: "Missing in HubSpot: created by the next live sync or by “Create missing properties”",
  },
  exists: { label: "Exists", hint: "Matches the contract" },
  update_options: { label: "Options to add", hint: "Missing dropdown options are added" },
  drift: { label: "Drift", hint: "Type differs in HubSpot: fix it there; withheld from payloads until then" },
  unverified: { label: "Unverified", hint: "No HubSpot token: not checked" },
};
