/**
 * `/__control/contacts…`: a HubSpot user's contact actions for tests (see contact-control.ts).
 * Like every control route: no auth, not rate limited, not logged. Errors use HubSpot's shapes
 * (400 VALIDATION_ERROR, 404 OBJECT_NOT_FOUND, 409 CONFLICT "Contact already exists. Existing ID: n").
 */
import {
  type ContactInspection,
  type ControlCreateContact,
  controlCreateContactSchema,
  controlEditContactSchema,
} from "./contact-control";
import { notFoundError } from "./errors";
import type { Route } from "./router";
import { mergeSchema } from "./schemas-contacts";
import { parseBody } from "./schemas-shared";

export interface ContactControlTarget {
  /** A contact created by a HubSpot user (or another integration), not by the app. */
  createContact(input: ControlCreateContact): ContactInspection;
  /** Sets properties as a user editing the record would (`""` clears); a merged id edits its survivor. */
  editContact(id: string, properties: Record<string, string>): ContactInspection;
  /** Merges `objectIdToMerge` into `primaryObjectId`; returns the survivor. */
  mergeContacts(primaryObjectId: string, objectIdToMerge: string): ContactInspection;
  /** Archives (restorably deletes) the contact an id names. */
  archiveContact(id: string): ContactInspection;
  /** Any record ever created, whatever its status; undefined for ids never handed out. */
  inspectContact(id: string): ContactInspection | undefined;
}

export function contactControlRoutes(target: ContactControlTarget): Route[] {
  return [
    {
      method: "POST",
      pattern: "/__control/contacts",
      handler: (context) => ({
        status: 201,
        body: target.createContact(parseBody(controlCreateContactSchema, context.body ?? {})),
      }),
    },
    {
      method: "POST",
      pattern: "/__control/contacts/merge",
      handler: (context) => {
        const { primaryObjectId, objectIdToMerge } = parseBody(mergeSchema, context.body);
        return { status: 200, body: target.mergeContacts(primaryObjectId, objectIdToMerge) };
      },
    },
    {
      method: "GET",
      pattern: "/__control/contacts/:contactId",
      handler: (context) => {
        const id = context.params.contactId ?? "";
        const inspection = target.inspectContact(id);
        if (!inspection) throw notFoundError(`Contact ${id} was never created.`, { id: [id] });
        return { status: 200, body: inspection };
      },
    },
    {
      method: "PATCH",
      pattern: "/__control/contacts/:contactId",
      handler: (context) => ({
        status: 200,
        body: target.editContact(
          context.params.contactId ?? "",
          parseBody(controlEditContactSchema, context.body).properties,
        ),
      }),
    },
    {
      method: "DELETE",
      pattern: "/__control/contacts/:contactId",
      handler: (context) => ({ status: 200, body: target.archiveContact(context.params.contactId ?? "") }),
    },
  ];
}
