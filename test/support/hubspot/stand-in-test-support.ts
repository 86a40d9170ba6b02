/** Shared set-up for the stand-in's tests: a stand-in on a free port and the real SDK pointed at it. */
import { Client } from "@hubspot/api-client";
import {
  PropertyCreateFieldTypeEnum as FieldType,
  PropertyCreateTypeEnum as PropertyType,
} from "@hubspot/api-client/lib/codegen/crm/properties";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import {
  DEFAULT_TOKEN,
  type HubSpotStandIn,
  type HubSpotStandInOptions,
  startHubSpotStandIn,
} from "@/sandbox/hubspot/server";

export const TOKEN = DEFAULT_TOKEN;

export function sdkClient(standIn: HubSpotStandIn, accessToken: string = TOKEN): Client {
  return new Client({ accessToken, basePath: standIn.url, numberOfApiCallRetries: 0 });
}

/** Starts one stand-in for the file and resets it after every test. */
export function setUpStandIn(options: HubSpotStandInOptions = {}) {
  const context = {} as { standIn: HubSpotStandIn; client: Client };
  beforeAll(async () => {
    context.standIn = await startHubSpotStandIn({ port: 0, ...options });
    context.client = sdkClient(context.standIn);
  });
  afterEach(() => context.standIn.reset());
  afterAll(() => context.standIn.stop());
  return context;
}

export interface SdkFailure {
  code: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

function isSdkFailure(error: unknown): error is SdkFailure {
  return (
    typeof error === "object" && error !== null && "code" in error && typeof error.code === "number" && "body" in error
  );
}

/** Awaits an SDK call expected to fail with an HTTP error and returns the SDK's ApiException fields. */
export async function sdkFailure(call: Promise<unknown>): Promise<SdkFailure> {
  try {
    await call;
  } catch (error) {
    if (isSdkFailure(error)) return error;
    throw error;
  }
  throw new Error("Expected the call to fail, but it succeeded.");
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** Plain fetch against the stand-in; `token: null` sends no Authorization header. */
export async function callRaw(
  standIn: HubSpotStandIn,
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string; token?: string | null } = {},
): Promise<RawAnswer> {
  const token = options.token === undefined ? TOKEN : options.token;
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(`${standIn.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export function levelProgressGroup() {
  return { name: "level_progress", label: "Level Progress", displayOrder: -1 };
}

/** The level properties of docs/ARCHITECTURE.md, "HubSpot property contract" for one level plus the global date, created through the API. */
export async function createLevelProperties(standIn: HubSpotStandIn, level = "a1"): Promise<void> {
  const client = sdkClient(standIn);
  await client.crm.properties.groupsApi.create("contacts", levelProgressGroup());
  const options = ["not_started", "in_progress", "completed"].map((value, index) => ({
    label: value,
    value,
    displayOrder: index,
    hidden: false,
  }));
  await client.crm.properties.batchApi.create("contacts", {
    inputs: [
      {
        name: `level_${level}_units_completed`,
        label: "Units",
        type: PropertyType.Number,
        fieldType: FieldType.Number,
        groupName: "level_progress",
      },
      {
        name: `level_${level}_accuracy`,
        label: "Accuracy",
        type: PropertyType.Number,
        fieldType: FieldType.Number,
        groupName: "level_progress",
      },
      {
        name: `level_${level}_status`,
        label: "Status",
        type: PropertyType.Enumeration,
        fieldType: FieldType.Select,
        groupName: "level_progress",
        options,
      },
      {
        name: "last_activity_date_global",
        label: "Last activity",
        type: PropertyType.Date,
        fieldType: FieldType.Date,
        groupName: "level_progress",
      },
    ],
  });
}

/** The app's identity property: `learner_id`, string/text with `hasUniqueValue: true`, in level_progress. */
export async function createLearnerIdProperty(standIn: HubSpotStandIn): Promise<void> {
  await sdkClient(standIn).crm.properties.coreApi.create("contacts", {
    name: "learner_id",
    label: "Learner ID",
    type: PropertyType.String,
    fieldType: FieldType.Text,
    groupName: "level_progress",
    hasUniqueValue: true,
  });
}

/** Upserts contacts by email in one batch (ids are handed out 1, 2, … in this order on a fresh portal). */
export async function seedContacts(
  standIn: HubSpotStandIn,
  rows: Array<{ email: string } & Record<string, string>>,
): Promise<void> {
  const inputs = rows.map(({ email, ...properties }) => ({ idProperty: "email", id: email, properties }));
  await sdkClient(standIn).crm.contacts.batchApi.upsert({ inputs });
}

/** A pause long enough for the next write to carry a later millisecond timestamp (merge rules compare them). */
export function nextMillisecond(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 5));
}

/**
 * A portal with the level properties, `learner_id`, and one contact per learner (`<name>@example.com`
 * with learner_id `L-<name>`), rebuilt before every test: the starting point of the identity tests.
 */
export function seedLearnerContactsBeforeEach(
  harness: { standIn: HubSpotStandIn },
  names: string[] = ["ann", "bob"],
): void {
  beforeEach(async () => {
    await createLevelProperties(harness.standIn);
    await createLearnerIdProperty(harness.standIn);
    await seedContacts(
      harness.standIn,
      names.map((name) => ({ email: `${name}@example.com`, learner_id: `L-${name}` })),
    );
  });
}
