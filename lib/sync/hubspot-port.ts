/** The parts of lib/hubspot the engine uses, in one place. */
export type { HubSpotClient as SyncHubSpotClient } from "@/lib/hubspot/client";
export { MAX_UPSERT_INPUTS } from "@/lib/hubspot/client";
export { HubSpotError, isDailyLimitError, isHubSpotError } from "@/lib/hubspot/errors";
export { applyPropertyPlan } from "@/lib/hubspot/properties/apply-property-plan";
export { planProperties, withheldProperties, type PropertyPlan } from "@/lib/hubspot/properties/plan-properties";
export { requiredPropertyDefinitions } from "@/lib/hubspot/properties/property-contract";
