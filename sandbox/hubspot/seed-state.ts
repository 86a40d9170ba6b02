/**
 * The state of a fresh HubSpot portal as far as this project cares: the "Contact information"
 * group and HubSpot's standard contact properties, with the flags api.hubapi.com reports for them.
 */
import type { PropertyDefinition, PropertyGroup, PropertyOption, StoreSnapshot } from "./model";

// A fixed date keeps the seeded definitions byte-identical between runs.
const SEEDED_AT = "2019-08-06T02:41:08.055Z";

export const CONTACT_INFORMATION_GROUP: PropertyGroup = {
  name: "contactinformation",
  label: "Contact information",
  displayOrder: -1,
  archived: false,
};

interface StandardPropertySeed {
  name: string;
  label: string;
  type: PropertyDefinition["type"];
  fieldType: PropertyDefinition["fieldType"];
  description: string;
  options?: PropertyOption[];
  isReadOnlyValue?: boolean;
  isReadOnlyDefinition?: boolean;
  isCalculated?: boolean;
  hasUniqueValue?: boolean;
  isFormField?: boolean;
}

function optionsOf(pairs: ReadonlyArray<readonly [string, string]>): PropertyOption[] {
  return pairs.map(([value, label], index) => ({ label, value, displayOrder: index, hidden: false }));
}

const STANDARD_PROPERTIES: StandardPropertySeed[] = [
  {
    name: "email",
    label: "Email",
    type: "string",
    fieldType: "text",
    description: "A contact's email address",
    isReadOnlyDefinition: true,
    isFormField: true,
  },
  {
    name: "firstname",
    label: "First Name",
    type: "string",
    fieldType: "text",
    description: "A contact's first name",
    isFormField: true,
  },
  {
    name: "lastname",
    label: "Last Name",
    type: "string",
    fieldType: "text",
    description: "A contact's last name",
    isFormField: true,
  },
  {
    name: "phone",
    label: "Phone Number",
    type: "string",
    fieldType: "phonenumber",
    description: "A contact's primary phone number",
    isFormField: true,
  },
  {
    name: "company",
    label: "Company Name",
    type: "string",
    fieldType: "text",
    description: "Name of the contact's company.",
    isFormField: true,
  },
  {
    name: "jobtitle",
    label: "Job Title",
    type: "string",
    fieldType: "text",
    description: "A contact's job title",
    isFormField: true,
  },
  {
    name: "city",
    label: "City",
    type: "string",
    fieldType: "text",
    description: "A contact's city of residence",
    isFormField: true,
  },
  {
    name: "country",
    label: "Country/Region",
    type: "string",
    fieldType: "text",
    description: "The contact's country/region of residence.",
    isFormField: true,
  },
  {
    name: "lifecyclestage",
    label: "Lifecycle Stage",
    type: "enumeration",
    fieldType: "radio",
    description: "The qualification of contacts to sales readiness.",
    isFormField: true,
    options: optionsOf([
      ["subscriber", "Subscriber"],
      ["lead", "Lead"],
      ["marketingqualifiedlead", "Marketing Qualified Lead"],
      ["salesqualifiedlead", "Sales Qualified Lead"],
      ["opportunity", "Opportunity"],
      ["customer", "Customer"],
      ["evangelist", "Evangelist"],
      ["other", "Other"],
    ]),
  },
  {
    name: "hs_lead_status",
    label: "Lead Status",
    type: "enumeration",
    fieldType: "radio",
    description: "The contact's sales, prospecting or outreach status",
    isFormField: true,
    options: optionsOf([
      ["NEW", "New"],
      ["OPEN", "Open"],
      ["IN_PROGRESS", "In Progress"],
      ["OPEN_DEAL", "Open Deal"],
      ["UNQUALIFIED", "Unqualified"],
      ["ATTEMPTED_TO_CONTACT", "Attempted to Contact"],
      ["CONNECTED", "Connected"],
      ["BAD_TIMING", "Bad Timing"],
    ]),
  },
  {
    name: "hs_object_id",
    label: "Record ID",
    type: "number",
    fieldType: "number",
    description: "The unique ID for this record. This value is automatically set by HubSpot and may not be modified.",
    isReadOnlyValue: true,
    isReadOnlyDefinition: true,
    isCalculated: true,
    hasUniqueValue: true,
  },
  {
    name: "hs_additional_emails",
    label: "Additional email addresses",
    type: "string",
    fieldType: "textarea",
    description: "A set of additional email addresses for a contact",
    isReadOnlyValue: true,
  },
  {
    name: "hs_merged_object_ids",
    label: "Merged Contact IDs",
    type: "string",
    fieldType: "text",
    description: "The list of Contact record IDs that have been merged into this Contact",
    isReadOnlyValue: true,
    isCalculated: true,
  },
  {
    name: "createdate",
    label: "Create Date",
    type: "datetime",
    fieldType: "date",
    description: "The date that a contact entered the system",
    isReadOnlyDefinition: true,
  },
  {
    name: "lastmodifieddate",
    label: "Last Modified Date",
    type: "datetime",
    fieldType: "date",
    description: "Most recent timestamp of any property update for this contact.",
    isReadOnlyValue: true,
    isReadOnlyDefinition: true,
    isCalculated: true,
  },
];

function toDefinition(seed: StandardPropertySeed, index: number): PropertyDefinition {
  return {
    name: seed.name,
    label: seed.label,
    type: seed.type,
    fieldType: seed.fieldType,
    groupName: CONTACT_INFORMATION_GROUP.name,
    description: seed.description,
    options: seed.options ?? [],
    displayOrder: index,
    calculated: seed.isCalculated ?? false,
    externalOptions: false,
    hasUniqueValue: seed.hasUniqueValue ?? false,
    hidden: false,
    formField: seed.isFormField ?? false,
    dataSensitivity: "non_sensitive",
    modificationMetadata: {
      archivable: false,
      readOnlyDefinition: seed.isReadOnlyDefinition ?? false,
      readOnlyValue: seed.isReadOnlyValue ?? false,
    },
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
    archived: false,
    hubspotDefined: true,
  };
}

export function seededSnapshot(): StoreSnapshot {
  return {
    version: 1,
    nextContactId: 1,
    groups: [{ ...CONTACT_INFORMATION_GROUP }],
    properties: STANDARD_PROPERTIES.map(toDefinition),
    contacts: [],
  };
}
